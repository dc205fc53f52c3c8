// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

/// Width in pixels of a run of UTF-8 text, as the font will draw it.
using MeasureText = std::function<int(std::string_view)>;

/// Breaks UTF-8 @p text into lines no wider than @p max_width_px as measured by @p measure:
/// at spaces where possible, inside a word (between code points) only when the word alone is
/// too wide; '\n' always breaks. Spaces at a break are dropped. Never returns an empty list
/// (empty text gives one empty line). Pure; any thread.
std::vector<std::string> wrap_text(std::string_view text, int max_width_px, MeasureText const& measure);

} // namespace kiosk::ui
