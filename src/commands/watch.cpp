// SPDX-License-Identifier: MIT
// watch: the objects, their values and holders, redrawn in place — what a
// lecture wants on the projector while producers and consumers run.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "base/output.hpp"
#include "base/size_text.hpp"
#include "cli/invocation.hpp"
#include "commands/listing_options.hpp"
#include "commands/shared_options.hpp"
#include "sys/terminal.hpp"
#include "watch/frame.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdio>

namespace ipcdemo::commands {

namespace {

// The alternate screen without a cursor while it lives; the terminal as it was
// afterwards, also when Ctrl-C or an error ends the command.
class FullScreen {
 public:
  FullScreen() { write("\x1b[?1049h\x1b[?25l\x1b[2J"); }
  ~FullScreen() { write("\x1b[?25h\x1b[?1049l"); }
  FullScreen(const FullScreen&) = delete;
  FullScreen& operator=(const FullScreen&) = delete;
  FullScreen(FullScreen&&) = delete;
  FullScreen& operator=(FullScreen&&) = delete;

  static void write(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  }
};

int watch_objects(const Invocation& invocation) {
  const ls::Request request = listing_request(invocation);
  const auto interval = invocation.duration("interval");
  if (interval.count() <= 0) throw UsageError("--interval must be more than 0");
  const std::uint64_t count = invocation.count("count");
  const bool screen = sys::stdout_is_terminal() && !invocation.flag("json");
  sys::ScreenSignals signals(screen);
  std::optional<FullScreen> full_screen;
  if (screen) full_screen.emplace();
  // Not on a screen, each line goes out as it is made, and a reader that leaves
  // (watch | head -n 1) ends the command (EPIPE), as the one stdout policy says.
  output::Records lines(true);
  std::map<std::string, std::vector<std::string>> previous;
  bool incomplete = false;
  for (std::uint64_t frames = 1;; ++frames) {
    const auto frame = watch::capture(request);
    if (frame.queues_unlisted && !incomplete) say_queues_unlisted(frame.queues_problem); // once
    incomplete = frame.queues_unlisted;
    if (screen) {
      const auto size = sys::window_size();
      const std::string title = fmt::format(
          "ipcdemo watch: every {}, {:%H:%M:%S}, {}; changes reversed; Ctrl-C quits",
          invocation.text("interval"), fmt::localtime(frame.time), counted(frame.objects.size(), "object"));
      FullScreen::write(watch::render(frame, previous, size.columns, size.rows, title));
      previous = watch::remember(frame);
    } else {
      lines.put(watch::json_line(frame));
    }
    if (count != 0 && frames >= count) break;
    switch (signals.wait(interval)) {
      case sys::ScreenSignals::Event::timeout: break;
      case sys::ScreenSignals::Event::resized:
        if (screen) FullScreen::write("\x1b[2J"); // redraw at the new size now
        break;
      case sys::ScreenSignals::Event::suspend:
        // Ctrl-Z: the shell gets its screen and cursor back while we are stopped,
        // and after fg the whole frame is drawn again.
        full_screen.reset();
        signals.stop();
        full_screen.emplace();
        previous.clear();
        break;
    }
  }
  return incomplete ? exit_code::incomplete : exit_code::ok;
}

} // namespace

GroupSpec watch_group() {
  static const GroupSpec group = {
      .name = "watch",
      .summary = "Watch objects, their values and holders change live, full-screen",
      .commands = {{
          .action = "",
          .summary = "Watch objects, their values and holders change live, full-screen",
          .description =
              "Redraws, every interval, one line per object: a segment's counter (its first 8\n"
              "bytes), a semaphore's value and waiters, a queue's depth, how many processes hold\n"
              "it and who they are (as ipcdemo who finds them). What changed since the previous\n"
              "frame, and any new object, is shown in reverse video. Plain ANSI escape codes: the\n"
              "alternate screen, cursor home, clear to end of line; a window resize (SIGWINCH)\n"
              "redraws at once, and Ctrl-C ends it with the terminal as it was (exit 130; Ctrl-\\\n"
              "too, exit 131). Ctrl-Z gives the shell its screen and cursor back while the job\n"
              "is stopped; fg draws the whole frame again.\n\n"
              "When standard output is not a terminal (or with --json) it prints one JSON object\n"
              "per interval on a line of its own instead, for scripts and plots.",
          .examples = {"ipcdemo watch", "ipcdemo watch 'demo*' --interval 250ms",
                       "ipcdemo watch --type shm --count 10 | jq -c '.objects[] | [.name, .counter]'"},
          .options =
              {
                  type_option(),
                  interval_option("Time between frames", "1s"),
                  count_option("Frames to show; 0 means until interrupted", "0"),
                  json_option("One JSON line per frame even on a terminal"),
              },
          .arguments = {pattern_argument()},
          .handler = watch_objects,
      }},
  };
  return group;
}

} // namespace ipcdemo::commands
