// SPDX-License-Identifier: MIT
#include "ui/widgets/viet_composer.hpp"

#include <array>
#include <cstddef>
#include <vector>

namespace kiosk::ui {

namespace {

// Rows: the 12 vowel letters; columns: the six tones in Tone order. Lower case, then upper.
constexpr std::array<std::array<std::string_view, 6>, 12> LOWER { {
    { "a", "á", "à", "ả", "ã", "ạ" },
    { "ă", "ắ", "ằ", "ẳ", "ẵ", "ặ" },
    { "â", "ấ", "ầ", "ẩ", "ẫ", "ậ" },
    { "e", "é", "è", "ẻ", "ẽ", "ẹ" },
    { "ê", "ế", "ề", "ể", "ễ", "ệ" },
    { "i", "í", "ì", "ỉ", "ĩ", "ị" },
    { "o", "ó", "ò", "ỏ", "õ", "ọ" },
    { "ô", "ố", "ồ", "ổ", "ỗ", "ộ" },
    { "ơ", "ớ", "ờ", "ở", "ỡ", "ợ" },
    { "u", "ú", "ù", "ủ", "ũ", "ụ" },
    { "ư", "ứ", "ừ", "ử", "ữ", "ự" },
    { "y", "ý", "ỳ", "ỷ", "ỹ", "ỵ" },
} };
constexpr std::array<std::array<std::string_view, 6>, 12> UPPER { {
    { "A", "Á", "À", "Ả", "Ã", "Ạ" },
    { "Ă", "Ắ", "Ằ", "Ẳ", "Ẵ", "Ặ" },
    { "Â", "Ấ", "Ầ", "Ẩ", "Ẫ", "Ậ" },
    { "E", "É", "È", "Ẻ", "Ẽ", "Ẹ" },
    { "Ê", "Ế", "Ề", "Ể", "Ễ", "Ệ" },
    { "I", "Í", "Ì", "Ỉ", "Ĩ", "Ị" },
    { "O", "Ó", "Ò", "Ỏ", "Õ", "Ọ" },
    { "Ô", "Ố", "Ồ", "Ổ", "Ỗ", "Ộ" },
    { "Ơ", "Ớ", "Ờ", "Ở", "Ỡ", "Ợ" },
    { "U", "Ú", "Ù", "Ủ", "Ũ", "Ụ" },
    { "Ư", "Ứ", "Ừ", "Ử", "Ữ", "Ự" },
    { "Y", "Ý", "Ỳ", "Ỷ", "Ỹ", "Ỵ" },
} };

enum Vowel : int { A, A_BREVE, A_CIRC, E, E_CIRC, I, O, O_CIRC, O_HORN, U, U_HORN, Y };

struct Letter {
    std::string text; // the code point as UTF-8 (non-vowels)
    int vowel = -1; // Vowel, or -1
    int tone = 0;
    bool upper = false;

    [[nodiscard]] bool is_vowel() const noexcept { return vowel >= 0; }
    [[nodiscard]] bool marked() const noexcept
    {
        return vowel == A_BREVE || vowel == A_CIRC || vowel == E_CIRC || vowel == O_CIRC || vowel == O_HORN
            || vowel == U_HORN;
    }
    [[nodiscard]] std::string compose() const
    {
        if (!is_vowel())
            return text;
        auto const& table = upper ? UPPER : LOWER;
        return std::string(table[static_cast<std::size_t>(vowel)][static_cast<std::size_t>(tone)]);
    }
    [[nodiscard]] bool is(char lower) const noexcept
    {
        return !is_vowel() && text.size() == 1 && (text[0] == lower || text[0] == lower - ('a' - 'A'));
    }
};

Letter decode(std::string_view cp)
{
    for (std::size_t v = 0; v < LOWER.size(); ++v)
        for (std::size_t t = 0; t < 6; ++t) {
            if (LOWER[v][t] == cp)
                return { {}, static_cast<int>(v), static_cast<int>(t), false };
            if (UPPER[v][t] == cp)
                return { {}, static_cast<int>(v), static_cast<int>(t), true };
        }
    return { std::string(cp), -1, 0, false };
}

struct Split {
    std::string head; // everything before the last word
    std::vector<Letter> word;
};

Split split_last_word(std::string_view text)
{
    std::size_t const space = text.find_last_of(" \t\n");
    std::size_t const start = space == std::string_view::npos ? 0 : space + 1;
    Split split { std::string(text.substr(0, start)), {} };
    std::string_view word = text.substr(start);
    std::size_t at = 0;
    while (at < word.size()) {
        std::size_t end = at + 1;
        while (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0U) == 0x80U)
            ++end;
        split.word.push_back(decode(word.substr(at, end - at)));
        at = end;
    }
    return split;
}

std::string join(Split const& split)
{
    std::string out = split.head;
    for (auto const& letter : split.word)
        out += letter.compose();
    return out;
}

// The vowel cluster of the word: [first, last] indices, with the u of "qu" and the i of
// "gi" left out. Returns false when the word has no vowel.
bool cluster(std::vector<Letter> const& word, std::size_t& first, std::size_t& last)
{
    std::size_t end = word.size();
    while (end > 0 && !word[end - 1].is_vowel())
        --end;
    if (end == 0)
        return false;
    std::size_t begin = end - 1;
    while (begin > 0 && word[begin - 1].is_vowel())
        --begin;
    if (begin > 0 && end - begin > 1) {
        bool const qu = word[begin - 1].is('q') && word[begin].vowel == U;
        bool const gi = word[begin - 1].is('g') && word[begin].vowel == I;
        if (qu || gi)
            ++begin;
    }
    first = begin;
    last = end - 1;
    return true;
}

std::size_t tone_position(std::vector<Letter> const& word, std::size_t first, std::size_t last)
{
    for (std::size_t i = first; i <= last; ++i)
        if (word[i].vowel == O_HORN)
            return i;
    for (std::size_t i = first; i <= last; ++i)
        if (word[i].marked())
            return i;
    std::size_t const count = last - first + 1;
    if (count == 1)
        return first;
    bool const final_consonant = last + 1 < word.size();
    if (final_consonant)
        return last;
    if (count >= 3)
        return first + 1;
    return first;
}

int current_tone(std::vector<Letter> const& word)
{
    for (auto const& letter : word)
        if (letter.is_vowel() && letter.tone != 0)
            return letter.tone;
    return 0;
}

void place_tone(std::vector<Letter>& word, int tone)
{
    std::size_t first = 0;
    std::size_t last = 0;
    if (!cluster(word, first, last))
        return;
    for (auto& letter : word)
        if (letter.is_vowel())
            letter.tone = 0;
    word[tone_position(word, first, last)].tone = tone;
}

} // namespace

std::string VietComposer::apply_tone(std::string_view text, Tone tone)
{
    Split split = split_last_word(text);
    std::size_t first = 0;
    std::size_t last = 0;
    if (!cluster(split.word, first, last))
        return std::string(text);
    int const wanted = static_cast<int>(tone);
    place_tone(split.word, current_tone(split.word) == wanted ? 0 : wanted);
    return join(split);
}

Tone VietComposer::tone_of_last_word(std::string_view text)
{
    return static_cast<Tone>(current_tone(split_last_word(text).word));
}

std::string VietComposer::apply_mark(std::string_view text, VowelMark mark)
{
    Split split = split_last_word(text);
    auto& word = split.word;
    if (mark == VowelMark::stroke) {
        for (auto& letter : word) {
            if (letter.is('d')) {
                letter.text = letter.text == "D" ? "Đ" : "đ";
                return join(split);
            }
            if (letter.text == "đ" || letter.text == "Đ") {
                letter.text = letter.text == "Đ" ? "D" : "d";
                return join(split);
            }
        }
        return std::string(text);
    }
    std::size_t first = 0;
    std::size_t last = 0;
    if (!cluster(word, first, last))
        return std::string(text);
    int const tone = current_tone(word);
    bool changed = false;
    auto toggle = [&](int plain, int marked) {
        for (std::size_t i = last + 1; i-- > first;) {
            if (word[i].vowel == plain) {
                word[i].vowel = marked;
                return true;
            }
            if (word[i].vowel == marked) {
                word[i].vowel = plain;
                return true;
            }
        }
        return false;
    };
    switch (mark) {
    case VowelMark::circumflex:
        changed = toggle(A, A_CIRC) || toggle(E, E_CIRC) || toggle(O, O_CIRC);
        break;
    case VowelMark::breve:
        changed = toggle(A, A_BREVE);
        break;
    case VowelMark::horn: {
        // "uo" takes the horn on both letters: "ươ".
        for (std::size_t i = first; i < last; ++i) {
            if (word[i].vowel == U && word[i + 1].vowel == O) {
                word[i].vowel = U_HORN;
                word[i + 1].vowel = O_HORN;
                changed = true;
                break;
            }
            if (word[i].vowel == U_HORN && word[i + 1].vowel == O_HORN) {
                word[i].vowel = U;
                word[i + 1].vowel = O;
                changed = true;
                break;
            }
        }
        if (!changed)
            changed = toggle(O, O_HORN) || toggle(U, U_HORN);
        break;
    }
    case VowelMark::stroke:
        break;
    }
    if (!changed)
        return std::string(text);
    place_tone(word, tone);
    return join(split);
}

} // namespace kiosk::ui
