// SPDX-License-Identifier: MIT
#include "ui/core/text_wrap.hpp"

namespace kiosk::ui {

namespace {

std::size_t next_code_point(std::string_view text, std::size_t at) noexcept
{
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0U) == 0x80U)
        ++at;
    return at;
}

// Lays out one paragraph (no '\n') into @p lines.
void wrap_paragraph(std::string_view paragraph, int max_width, MeasureText const& measure, std::vector<std::string>& lines)
{
    std::string line;
    std::size_t at = 0;
    while (at < paragraph.size()) {
        while (at < paragraph.size() && paragraph[at] == ' ')
            ++at;
        if (at >= paragraph.size())
            break;
        std::size_t end = paragraph.find(' ', at);
        if (end == std::string_view::npos)
            end = paragraph.size();
        std::string_view const word = paragraph.substr(at, end - at);
        at = end;
        std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
        if (measure(candidate) <= max_width) {
            line = std::move(candidate);
            continue;
        }
        if (!line.empty()) {
            lines.push_back(std::move(line));
            line.clear();
        }
        if (measure(word) <= max_width) {
            line = std::string(word);
            continue;
        }
        // A word wider than the line: cut it between code points, at least one per line.
        std::size_t start = 0;
        while (start < word.size()) {
            std::size_t cut = next_code_point(word, start);
            while (cut < word.size()) {
                std::size_t const further = next_code_point(word, cut);
                if (measure(word.substr(start, further - start)) > max_width)
                    break;
                cut = further;
            }
            if (cut >= word.size()) {
                line = std::string(word.substr(start));
                break;
            }
            lines.emplace_back(word.substr(start, cut - start));
            start = cut;
        }
    }
    lines.push_back(std::move(line));
}

} // namespace

std::vector<std::string> wrap_text(std::string_view text, int max_width_px, MeasureText const& measure)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (true) {
        std::size_t const end = text.find('\n', start);
        wrap_paragraph(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start),
            max_width_px, measure, lines);
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return lines;
}

} // namespace kiosk::ui
