// SPDX-License-Identifier: MIT
// `mq layout`: how the compiler lays out a message struct on this machine, field
// by field with the padding between, for ipcdemo's sample and for the screenplay's
// own `struct msg` (channel, timestamp, value); the numbers come from offsetof,
// sizeof and alignof of identical structs compiled into ipcdemo.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::mq {

struct FieldLayout {
  std::string_view name;
  std::string_view type;
  std::size_t offset = 0;
  std::size_t size = 0;
  std::size_t align = 0;
};

struct StructLayout {
  std::string_view title;
  std::string_view declaration; // the C declaration, one line
  std::size_t size = 0;
  std::size_t align = 0;
  std::vector<FieldLayout> fields;
};

// The screenplay's struct msg, as its programs use it (msg.h itself is not shown).
StructLayout screenplay_msg_layout();
// The same three fields ordered largest first: no hole, but still tail padding.
StructLayout reordered_msg_layout();
// ipcdemo's sample (mq/sample.hpp): explicit reserved field, no implicit padding.
StructLayout sample_layout();

// The table: one row per field and per run of padding, then sizeof against the
// sum of the fields.
std::string format_layout(const StructLayout& layout);

// All of `mq layout`: the three tables, why sizeof differs, and why a message
// must be a flat struct.
std::string layout_lesson();

} // namespace ipcdemo::mq
