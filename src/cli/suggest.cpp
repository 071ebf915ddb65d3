// SPDX-License-Identifier: MIT
#include "cli/suggest.hpp"

#include "base/escape.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ipcdemo::cli {

namespace {

// Words people type from habit (rm, receive) for the ones ipcdemo uses; only
// offered when the target is one of the valid words where the user typed.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> synonyms = {{
    {"rm", "unlink"},
    {"remove", "unlink"},
    {"delete", "unlink"},
    {"del", "unlink"},
    {"receive", "recv"},
    {"get", "recv"},
    {"read", "recv"},
    {"write", "send"},
    {"put", "send"},
    {"new", "create"},
    {"stat", "info"},
    {"list", "ls"},
}};

std::size_t allowed_distance(std::string_view word) {
  std::size_t letters = word.size();
  while (letters > 0 && word[word.size() - letters] == '-') --letters; // dashes do not count
  if (letters <= 3) return 1;
  if (letters <= 6) return 2;
  return 3;
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table suffice for the swap rule.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::vector<std::string> suggestions(std::string_view word, const std::vector<std::string>& candidates) {
  const auto valid = [&](std::string_view name) {
    return std::find(candidates.begin(), candidates.end(), name) != candidates.end();
  };
  for (const auto& [typed, meant] : synonyms)
    if (word == typed && valid(meant)) return {std::string(meant)};

  std::vector<std::string> prefixed;
  if (word.size() >= 2)
    for (const auto& candidate : candidates)
      if (candidate.starts_with(word) && candidate != word) prefixed.push_back(candidate);
  if (prefixed.size() == 1) return prefixed;

  std::size_t best = allowed_distance(word);
  std::vector<std::string> closest;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance == 0 || distance > best) continue;
    if (distance < best) {
      closest.clear();
      best = distance;
    }
    closest.push_back(candidate);
  }
  return closest;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const auto found = suggestions(word, candidates);
  if (found.empty()) return {};
  std::string text = " did you mean ";
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (i > 0) text += i + 1 == found.size() ? " or " : ", ";
    text += "'" + found[i] + "'";
  }
  return text + "?";
}

// The one escaper (base/escape.hpp): C0 and C1 controls, DEL, bidi overrides
// and bytes that are not UTF-8 all become visible escapes.
std::string visible(std::string_view word) { return escape::visible(word); }

std::string join(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

} // namespace ipcdemo::cli
