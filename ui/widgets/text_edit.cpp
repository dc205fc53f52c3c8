// SPDX-License-Identifier: MIT
#include "ui/widgets/text_edit.hpp"

namespace kiosk::ui {

std::size_t code_point_count(std::string_view text) noexcept
{
    std::size_t count = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U)
            ++count;
    return count;
}

std::string apply_key(std::string_view text, KeyPress const& key, std::size_t max_code_points)
{
    switch (key.kind) {
    case KeyPress::Kind::insert:
        if (code_point_count(text) + code_point_count(key.text) > max_code_points)
            return std::string(text);
        return std::string(text) + key.text;
    case KeyPress::Kind::tone:
        return VietComposer::apply_tone(text, key.tone);
    case KeyPress::Kind::mark:
        return VietComposer::apply_mark(text, key.mark);
    case KeyPress::Kind::backspace: {
        std::size_t end = text.size();
        while (end > 0) {
            --end;
            if ((static_cast<unsigned char>(text[end]) & 0xC0U) != 0x80U)
                break;
        }
        return std::string(text.substr(0, end));
    }
    case KeyPress::Kind::clear:
        return {};
    }
    return std::string(text);
}

} // namespace kiosk::ui
