// SPDX-License-Identifier: MIT
// Fuzz target: search folding runs on every keystroke and every catalog record. Any bytes
// must fold to valid UTF-8 that folds to itself, with no leading, trailing or double space,
// and split into the same words.
#include <catalog/text_fold.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

bool is_valid_utf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        auto const lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        std::uint32_t code_point = 0;
        if (lead < 0x80) {
            length = 1;
            code_point = lead;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            code_point = lead & 0x1FU;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            code_point = lead & 0x0FU;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            code_point = lead & 0x07U;
        } else {
            return false;
        }
        if (text.size() - i < length)
            return false;
        for (std::size_t k = 1; k < length; ++k) {
            auto const next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0U) != 0x80U)
                return false;
            code_point = (code_point << 6U) | (next & 0x3FU);
        }
        bool const overlong = (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
        bool const surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
        if (overlong || surrogate || code_point > 0x10FFFF)
            return false;
        i += length;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string_view text(reinterpret_cast<char const*>(data), size);
    std::string const once = kiosk::catalog::fold_for_search(text);
    if (!is_valid_utf8(once))
        __builtin_trap();
    if (kiosk::catalog::fold_for_search(once) != once)
        __builtin_trap(); // folding must be idempotent
    if (!once.empty() && (once.front() == ' ' || once.back() == ' ' || once.find("  ") != std::string::npos))
        __builtin_trap(); // spaces collapsed and trimmed
    std::string joined;
    for (auto const& token : kiosk::catalog::search_tokens(text)) {
        if (token.empty())
            __builtin_trap();
        if (!joined.empty())
            joined += ' ';
        joined += token;
    }
    if (joined != once)
        __builtin_trap();
    (void)kiosk::catalog::has_diacritics(text);
    return 0;
}
