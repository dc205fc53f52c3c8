// SPDX-License-Identifier: MIT
#include "runtime/board_error.hpp"

namespace kiosk::runtime {

std::string BoardError::message() const
{
    std::string text = file;
    if (line > 0)
        text += ":" + std::to_string(line);
    if (!key.empty())
        text += (text.empty() ? "" : ": ") + key;
    if (!what.empty())
        text += (text.empty() ? "" : ": ") + what;
    return text;
}

} // namespace kiosk::runtime
