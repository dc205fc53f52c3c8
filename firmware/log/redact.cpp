// SPDX-License-Identifier: MIT
#include <log/redact.hpp>

#include <cstddef>

namespace kiosk::log {

namespace {

    // A run this long of digits is an ID number (12), a document or old ID number (9) or
    // something as sensitive (phone numbers have 10); shorter ones are ordinary figures.
    constexpr std::size_t MIN_DIGIT_RUN = 9;
    // The shortest MRZ line is 30 characters (TD1); 20 still catches a line cut short.
    constexpr std::size_t MIN_MRZ_RUN = 20;

    constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

    // The character set of a machine-readable zone line.
    constexpr bool is_mrz_char(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z') || c == '<'; }

    constexpr bool is_line_end(char c) { return c == '\n' || c == '\r'; }

} // namespace

std::string redact_personal_patterns(std::string_view text)
{
    std::string out;
    out.reserve(text.size());

    std::size_t const size = text.size();
    std::size_t i = 0;
    while (i < size) {
        if (!is_mrz_char(text[i])) {
            out += text[i];
            ++i;
            continue;
        }

        // Every digit is an MRZ character, so a maximal run of MRZ characters holds whole
        // digit runs: decide on the MRZ rule first, then look at the digit runs inside.
        std::size_t const run_begin = i;
        std::size_t run_end = i;
        bool has_filler_pair = false;
        while (run_end < size && is_mrz_char(text[run_end])) {
            if (run_end > run_begin && text[run_end] == '<' && text[run_end - 1] == '<')
                has_filler_pair = true;
            ++run_end;
        }
        if (has_filler_pair && run_end - run_begin >= MIN_MRZ_RUN) {
            out += REDACTED_PLACEHOLDER;
            i = run_end;
            continue;
        }

        bool to_line_end = false;
        while (i < run_end) {
            if (!is_digit(text[i])) {
                out += text[i];
                ++i;
                continue;
            }
            std::size_t digits_end = i;
            while (digits_end < run_end && is_digit(text[digits_end]))
                ++digits_end;
            if (digits_end - i < MIN_DIGIT_RUN) {
                out.append(text.substr(i, digits_end - i));
            } else {
                out += REDACTED_PLACEHOLDER;
                // '|' is not an MRZ character, so it can only follow the last digit run.
                if (digits_end < size && text[digits_end] == '|')
                    to_line_end = true;
            }
            i = digits_end;
        }
        if (to_line_end) {
            while (i < size && !is_line_end(text[i]))
                ++i;
        }
    }
    return out;
}

} // namespace kiosk::log
