// SPDX-License-Identifier: MIT
#pragma once

#include "ui/widgets/viet_composer.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk::ui {

/// What one key of the on-screen keyboard does to the text being typed.
struct KeyPress {
    enum class Kind {
        insert, ///< append `text`
        tone, ///< apply `tone` to the last word
        mark, ///< apply `mark` to the last word
        backspace, ///< remove the last code point
        clear, ///< remove everything
    };
    Kind kind = Kind::insert;
    std::string text;
    Tone tone = Tone::none;
    VowelMark mark = VowelMark::circumflex;
};

/// Applies @p key to @p text, keeping it at most @p max_code_points long (inserts that would
/// pass it are ignored). Pure.
std::string apply_key(std::string_view text, KeyPress const& key, std::size_t max_code_points);

/// Number of UTF-8 code points in @p text.
std::size_t code_point_count(std::string_view text) noexcept;

} // namespace kiosk::ui
