// SPDX-License-Identifier: MIT
#include "mq/layout.hpp"

#include "mq/sample.hpp"

#include <fmt/format.h>

#include <ctime>

namespace ipcdemo::mq {

namespace {

// The screenplay's message: "Measurement sample: (channel, timestamp, value)". Its
// producer sets timestamp = time(NULL), value = 42.0, channel = 7 and prints them
// with cout, so: an int, a time_t and a double, in that order.
struct ScreenplayMsg {
  int channel;
  std::time_t timestamp;
  double value;
};

struct ReorderedMsg {
  std::time_t timestamp;
  double value;
  int channel;
};

#define IPCDEMO_FIELD(type_, member, type_name)                                                          \
  FieldLayout {                                                                                          \
#member, type_name, offsetof(type_, member), sizeof(type_::member), alignof(decltype(type_::member)) \
  }

std::string padding_row(std::size_t from, std::size_t to, std::string_view why) {
  return fmt::format("  {:<7} {:<5} {:<10} {}\n", from, to - from, "(padding)", why);
}

} // namespace

StructLayout screenplay_msg_layout() {
  return {"The screenplay's struct msg (msg.h is not shown; its programs use these fields)",
          "struct msg { int channel; time_t timestamp; double value; };",
          sizeof(ScreenplayMsg),
          alignof(ScreenplayMsg),
          {IPCDEMO_FIELD(ScreenplayMsg, channel, "int"), IPCDEMO_FIELD(ScreenplayMsg, timestamp, "time_t"),
           IPCDEMO_FIELD(ScreenplayMsg, value, "double")}};
}

StructLayout reordered_msg_layout() {
  return {"The same fields, largest first",
          "struct msg { time_t timestamp; double value; int channel; };",
          sizeof(ReorderedMsg),
          alignof(ReorderedMsg),
          {IPCDEMO_FIELD(ReorderedMsg, timestamp, "time_t"), IPCDEMO_FIELD(ReorderedMsg, value, "double"),
           IPCDEMO_FIELD(ReorderedMsg, channel, "int")}};
}

StructLayout sample_layout() {
  return {"ipcdemo's sample (what mq send and mq recv exchange; see ipcdemo-mq(1))",
          "struct sample { int64_t timestamp; double value; uint32_t channel; uint32_t reserved; };",
          sizeof(Sample),
          alignof(Sample),
          {IPCDEMO_FIELD(Sample, timestamp, "int64_t"), IPCDEMO_FIELD(Sample, value, "double"),
           IPCDEMO_FIELD(Sample, channel, "uint32_t"), IPCDEMO_FIELD(Sample, reserved, "uint32_t")}};
}

#undef IPCDEMO_FIELD

std::string format_layout(const StructLayout& layout) {
  std::string out = fmt::format("{}:\n  {}\n\n", layout.title, layout.declaration);
  out += fmt::format("  {:<7} {:<5} {:<10} {}\n", "offset", "size", "field", "type");
  std::size_t at = 0;
  std::size_t fields = 0;
  for (const auto& field : layout.fields) {
    if (field.offset > at)
      out += padding_row(at, field.offset,
                         fmt::format("{} must start at a multiple of {}", field.name, field.align));
    out += fmt::format("  {:<7} {:<5} {:<10} {}\n", field.offset, field.size, field.name, field.type);
    at = field.offset + field.size;
    fields += field.size;
  }
  if (layout.size > at)
    out += padding_row(
        at, layout.size,
        fmt::format("sizeof is a multiple of alignof ({}), so that arrays stay aligned", layout.align));
  out += fmt::format(
      "  sizeof {}, alignof {}: {} bytes of fields{}\n", layout.size, layout.align, fields,
      layout.size > fields ? fmt::format(" + {} of padding", layout.size - fields) : ", no padding");
  return out;
}

std::string layout_lesson() {
  const auto msg = screenplay_msg_layout();
  const auto reordered = reordered_msg_layout();
  std::string out = format_layout(msg) + "\n";
  out += fmt::format(
      "Why sizeof is {}, not {}: each field starts at a multiple of its own alignment\n"
      "(an 8-byte time_t or double at a multiple of 8), so the compiler leaves a hole\n"
      "after the 4-byte int; and the struct's size is a multiple of its largest\n"
      "alignment. The numbers above are offsetof, sizeof and alignof of this struct\n"
      "compiled into ipcdemo, on this machine: another ABI (32-bit, another compiler's\n"
      "time_t) may differ.\n\n",
      msg.size, msg.fields[0].size + msg.fields[1].size + msg.fields[2].size);
  out += format_layout(reordered) + "\n";
  out +=
      "Largest first closes the hole between fields, but the tail padding stays. Padding\n"
      "bytes are never written by assigning the fields, so mq_send(&msg, sizeof msg) sends\n"
      "whatever was in memory there: leaked bytes. ipcdemo names them instead:\n\n";
  out += format_layout(sample_layout()) + "\n";
  out +=
      "Why a message must be flat (no pointers): mq_send copies sizeof(msg) bytes into the\n"
      "kernel, and mq_receive copies them into the receiver. A pointer is an address in the\n"
      "sender's address space; in the receiver it points at nothing, or at something else.\n"
      "So no char*, no std::string, no std::vector in a message: fixed-size arrays and\n"
      "numbers only, with fixed-width types (int64_t, not long) so that both sides agree.\n";
  return out;
}

} // namespace ipcdemo::mq
