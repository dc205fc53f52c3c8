// SPDX-License-Identifier: MIT
#pragma once

// Search folding for Vietnamese (and other Latin-script) text. The catalog indexes a folded
// column and folds every query the same way, because SQLite FTS5 unicode61 never folds đ/Đ
// and its remove_diacritics misses letters with two marks (ệ, ẫ, ở, ự).

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::catalog {

/// Folds UTF-8 text for accent-insensitive search:
/// - lower case (Unicode case folding), compatibility forms unified (fullwidth Ａ -> a, ² -> 2);
/// - every combining mark removed, NFC or NFD input alike: all Vietnamese tone and vowel
///   marks, also on letters with two marks (ệ -> e, ẫ -> a, ở -> o, ự -> u);
/// - đ/Đ -> d, and the few Latin letters that carry a stroke instead of a combining mark
///   (ð ɖ ł ø ħ ŧ ı ƀ ƶ ǥ, æ -> ae, œ -> oe, ß -> ss);
/// - letters and digits kept; punctuation, symbols, controls and whitespace become one ASCII
///   space; runs of spaces collapse; no leading or trailing space;
/// - invisible format characters (soft hyphen, zero-width joiners, BOM) dropped;
/// - every byte that is not part of a valid UTF-8 sequence (truncated, overlong, surrogate,
///   above U+10FFFF, lone continuation) acts as a separator, like U+FFFD (a symbol) does.
/// Vietnamese input gives pure ASCII output. Letters of other scripts stay letters (marks
/// removed, Hangul split into jamo). The output is valid UTF-8 and folding it again gives it
/// back unchanged. Pure function, thread-safe, never throws (allocation failure aborts).
/// Example: "CHỨNG THỰC bản sao!" -> "chung thuc ban sao".
std::string fold_for_search(std::string_view utf8) noexcept;

/// The words of fold_for_search(utf8), in order: folded text split at spaces, no empty
/// words. Example: "Đăng ký khai sinh" -> {"dang", "ky", "khai", "sinh"}.
std::vector<std::string> search_tokens(std::string_view utf8) noexcept;

/// True when @p utf8 carries any mark that folding removes from a letter (a Vietnamese tone
/// or vowel mark, in NFC or NFD) or contains đ/Đ; for ranking matches that keep the typed
/// diacritics first. Case alone does not count. Invalid UTF-8 bytes are skipped.
bool has_diacritics(std::string_view utf8) noexcept;

} // namespace kiosk::catalog
