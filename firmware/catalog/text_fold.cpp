// SPDX-License-Identifier: MIT
// The only file that calls utf8proc.
#include "catalog/text_fold.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <utf8proc.h>

namespace kiosk::catalog {
namespace {

    constexpr char32_t SEPARATOR = U' ';

    // Case folding, compatibility decomposition and mark stripping in one step; each
    // decomposition is applied recursively by utf8proc, so the marks of letters with two
    // marks (ệ = e + U+0323 + U+0302) all go. IGNORE drops default-ignorable characters (soft
    // hyphen, zero-width joiners, BOM) so that they do not split a word.
    constexpr auto FOLD_OPTIONS = static_cast<utf8proc_option_t>(
        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);

    // The longest compatibility decomposition (U+FDFA) has 18 code points.
    constexpr std::size_t DECOMPOSE_CAPACITY = 32;

    // How deep fold_code_point re-folds its own output before giving up (see there).
    constexpr int MAX_FOLD_DEPTH = 4;

    struct StrokeLetter {
        char32_t letter;
        std::string_view ascii;
    };

    // Lower-case Latin letters whose diacritic is part of the glyph (a stroke or a ligature)
    // rather than a combining mark, so Unicode gives them no decomposition. đ is the one that
    // matters for Vietnamese; ð and ɖ are look-alikes that legacy keyboards and converters put
    // in place of đ. Upper case forms case-fold to these before the lookup.
    constexpr std::array<StrokeLetter, 13> STROKE_LETTERS { {
        { U'\u0111', "d" }, // đ
        { U'\u00F0', "d" }, // ð (eth)
        { U'\u0256', "d" }, // ɖ (African d)
        { U'\u0142', "l" }, // ł
        { U'\u00F8', "o" }, // ø
        { U'\u0127', "h" }, // ħ
        { U'\u0167', "t" }, // ŧ
        { U'\u0131', "i" }, // ı (dotless i)
        { U'\u0180', "b" }, // ƀ
        { U'\u01B6', "z" }, // ƶ
        { U'\u01E5', "g" }, // ǥ
        { U'\u00E6', "ae" }, // æ
        { U'\u0153', "oe" }, // œ
    } };

    std::string_view stroke_letter_ascii(char32_t code_point)
    {
        for (auto const& entry : STROKE_LETTERS) {
            if (entry.letter == code_point)
                return entry.ascii;
        }
        return {};
    }

    bool is_mark(utf8proc_category_t category)
    {
        return category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_MC || category == UTF8PROC_CATEGORY_ME;
    }

    bool is_letter_or_number(utf8proc_category_t category)
    {
        switch (category) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_NO:
            return true;
        default:
            return false;
        }
    }

    // Collects folded code points as UTF-8, with separators collapsed and trimmed.
    class FoldedText {
    public:
        void append(char32_t code_point)
        {
            if (code_point == SEPARATOR) {
                m_pending_separator = !m_text.empty();
                return;
            }
            if (m_pending_separator) {
                m_text.push_back(' ');
                m_pending_separator = false;
            }
            std::array<utf8proc_uint8_t, 4> bytes {};
            auto const length = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), bytes.data());
            m_text.append(reinterpret_cast<char const*>(bytes.data()), static_cast<std::size_t>(length));
        }

        void append_ascii(std::string_view ascii)
        {
            for (char c : ascii)
                append(static_cast<char32_t>(c));
        }

        std::string take() { return std::move(m_text); }

    private:
        std::string m_text;
        bool m_pending_separator = false;
    };

    // Emits the folded form of one code point. utf8proc's result is folded again until each
    // code point folds to itself (case folding and compatibility mappings can, in a few
    // corners of Unicode, produce something that folds further), which is what makes
    // fold_for_search idempotent. The depth limit only guards against a library surprise.
    void fold_code_point(char32_t code_point, FoldedText& out, int depth)
    {
        std::array<utf8proc_int32_t, DECOMPOSE_CAPACITY> parts {};
        int boundclass = 0;
        auto const count = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(code_point), parts.data(),
            static_cast<utf8proc_ssize_t>(parts.size()), FOLD_OPTIONS, &boundclass);
        if (count < 0 || static_cast<std::size_t>(count) > parts.size()) {
            out.append(SEPARATOR);
            return;
        }
        auto const folded_count = static_cast<std::size_t>(count);
        bool const is_fixed_point = folded_count == 1 && static_cast<char32_t>(parts[0]) == code_point;
        if (!is_fixed_point && depth < MAX_FOLD_DEPTH) {
            for (std::size_t i = 0; i < folded_count; ++i)
                fold_code_point(static_cast<char32_t>(parts[i]), out, depth + 1);
            return;
        }
        if (folded_count == 0)
            return; // a mark or an ignorable character: dropped without splitting the word
        for (std::size_t i = 0; i < folded_count; ++i) {
            auto const part = static_cast<char32_t>(parts[i]);
            if (auto ascii = stroke_letter_ascii(part); !ascii.empty()) {
                out.append_ascii(ascii);
                continue;
            }
            auto const category = utf8proc_category(static_cast<utf8proc_int32_t>(part));
            if (is_letter_or_number(category))
                out.append(part);
            else if (category != UTF8PROC_CATEGORY_CF && !is_mark(category))
                out.append(SEPARATOR);
        }
    }

    // Calls on_code_point for each valid code point and on_invalid_byte for each byte that
    // does not start a valid UTF-8 sequence. utf8proc_iterate rejects truncated and overlong
    // sequences, surrogates and values above U+10FFFF; resuming one byte later means every
    // byte of a broken sequence is reported, and a valid sequence after it is still decoded.
    template <class OnCodePoint, class OnInvalidByte>
    void decode_utf8(std::string_view utf8, OnCodePoint on_code_point, OnInvalidByte on_invalid_byte)
    {
        auto const* bytes = reinterpret_cast<utf8proc_uint8_t const*>(utf8.data());
        std::size_t offset = 0;
        while (offset < utf8.size()) {
            utf8proc_int32_t code_point = 0;
            auto const length
                = utf8proc_iterate(bytes + offset, static_cast<utf8proc_ssize_t>(utf8.size() - offset), &code_point);
            if (length <= 0) {
                on_invalid_byte();
                ++offset;
                continue;
            }
            on_code_point(static_cast<char32_t>(code_point));
            offset += static_cast<std::size_t>(length);
        }
    }

    // Canonical decomposition only: tells whether a letter carries a mark as written.
    constexpr auto DIACRITIC_OPTIONS = static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE);

    bool carries_diacritic(char32_t code_point)
    {
        if (code_point < 0x80)
            return false;
        auto const lower = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(code_point)));
        if (!stroke_letter_ascii(lower).empty())
            return lower != U'\u00E6' && lower != U'\u0153'; // ligatures carry no diacritic
        std::array<utf8proc_int32_t, DECOMPOSE_CAPACITY> parts {};
        int boundclass = 0;
        auto const count = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(code_point), parts.data(),
            static_cast<utf8proc_ssize_t>(parts.size()), DIACRITIC_OPTIONS, &boundclass);
        if (count <= 0 || static_cast<std::size_t>(count) > parts.size())
            return false;
        for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
            if (is_mark(utf8proc_category(parts[i])))
                return true;
        }
        return false;
    }

} // namespace

std::string fold_for_search(std::string_view utf8) noexcept
{
    FoldedText out;
    decode_utf8(
        utf8, [&out](char32_t code_point) { fold_code_point(code_point, out, 0); }, [&out] { out.append(SEPARATOR); });
    return out.take();
}

std::vector<std::string> search_tokens(std::string_view utf8) noexcept
{
    std::string const folded = fold_for_search(utf8);
    std::vector<std::string> tokens;
    std::size_t start = 0;
    while (start < folded.size()) {
        std::size_t end = folded.find(' ', start);
        if (end == std::string::npos)
            end = folded.size();
        tokens.emplace_back(folded, start, end - start);
        start = end + 1;
    }
    return tokens;
}

bool has_diacritics(std::string_view utf8) noexcept
{
    bool found = false;
    decode_utf8(
        utf8, [&found](char32_t code_point) { found = found || carries_diacritic(code_point); }, [] {});
    return found;
}

} // namespace kiosk::catalog
