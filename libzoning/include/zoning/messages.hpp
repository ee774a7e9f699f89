#pragma once
// Errors and warnings in the user's language. The library writes its messages in English and
// those English texts are the message ids: the library's throw sites stay as they are, and the
// command line renders a message at the boundary with translate().
//
// A catalog (report/messages_zh.cpp) maps English templates to Chinese ones. A template is the
// message with a named placeholder for each part that is not fixed text:
//     "{file}: cannot open: {reason}"  ->  "{file}: 无法打开: {reason}"
// translate() finds the template that matches the whole message (the one with the most fixed
// text when several do), and translates each placeholder's text in turn, so composed messages
// ("layer 'x': FILE: file not found") come out translated at every level, while names, paths,
// numbers and the reasons of other libraries (GDAL, PROJ, GEOS, the system) that match no
// template are kept as they are.
#include <zoning/report.hpp>

#include <span>
#include <string>
#include <string_view>

namespace zoning {

/// One entry of a message catalog: an English template and its translation, with the same
/// placeholder names ({file}, {layer}, {n}, {reason}, ...), each at most once.
struct MessageTemplate {
    std::string_view en;
    std::string_view zh;
};

/// The Chinese catalog.
std::span<const MessageTemplate> chinese_messages();

/// `message` (an English message of the library or the CLI) in `lang`; English comes back as it
/// is, and so does a message (or a part of one) that no template matches.
std::string translate(std::string_view message, Lang lang);

/// The English template with each placeholder written "{}" and adjacent ones merged: the form
/// the source scan of tests/test_messages.cpp compares.
std::string normalize_template(std::string_view en);

}  // namespace zoning
