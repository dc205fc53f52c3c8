// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace kiosk::ui {

/// The five Vietnamese tone marks (and none).
enum class Tone {
    none,
    acute, ///< sắc: á
    grave, ///< huyền: à
    hook, ///< hỏi: ả
    tilde, ///< ngã: ã
    dot, ///< nặng: ạ
};

/// Vowel and consonant marks.
enum class VowelMark {
    circumflex, ///< â ê ô
    breve, ///< ă
    horn, ///< ơ ư (and "uo" -> "ươ")
    stroke, ///< đ
};

/// Composition of Vietnamese letters for the on-screen keyboard: the citizen types base
/// letters and then presses a tone or mark key, which goes to the right vowel of the last
/// word, as in Vietnamese typing tools. Precomposed (NFC) output. Pure functions.
///
/// Tone placement (the traditional rule, as most typing tools do by default):
/// - on the marked vowel (ă â ê ô ơ ư); with "ươ" on ơ;
/// - a single vowel takes it;
/// - with a final consonant, the last vowel ("toán", "hoàng");
/// - three vowels: the middle one ("ngoái"); two vowels: the first ("hòa", "mía", "thủy");
/// - the u of "qu" and the i of "gi" (before another vowel) count as consonants ("quý", "già").
/// Pressing the tone the vowel already has removes it. No vowel in the last word: unchanged.
class VietComposer {
public:
    /// @p text with @p tone applied to its last word.
    static std::string apply_tone(std::string_view text, Tone tone);
    /// @p text with @p mark applied to its last word (pressing it again removes it).
    static std::string apply_mark(std::string_view text, VowelMark mark);
    /// The tone of the last word, Tone::none if none.
    static Tone tone_of_last_word(std::string_view text);
};

} // namespace kiosk::ui
