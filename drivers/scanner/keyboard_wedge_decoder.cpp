// SPDX-License-Identifier: MIT
#include "scanner/keyboard_wedge_decoder.hpp"

#include <array>

#include <linux/input-event-codes.h>

namespace kiosk::drivers {

namespace {

    struct KeyChars {
        std::uint16_t key;
        char plain;
        char shifted;
    };

    constexpr std::array KEYS {
        KeyChars { KEY_1, '1', '!' }, KeyChars { KEY_2, '2', '@' }, KeyChars { KEY_3, '3', '#' },
        KeyChars { KEY_4, '4', '$' }, KeyChars { KEY_5, '5', '%' }, KeyChars { KEY_6, '6', '^' },
        KeyChars { KEY_7, '7', '&' }, KeyChars { KEY_8, '8', '*' }, KeyChars { KEY_9, '9', '(' },
        KeyChars { KEY_0, '0', ')' }, KeyChars { KEY_MINUS, '-', '_' }, KeyChars { KEY_EQUAL, '=', '+' },
        KeyChars { KEY_Q, 'q', 'Q' }, KeyChars { KEY_W, 'w', 'W' }, KeyChars { KEY_E, 'e', 'E' },
        KeyChars { KEY_R, 'r', 'R' }, KeyChars { KEY_T, 't', 'T' }, KeyChars { KEY_Y, 'y', 'Y' },
        KeyChars { KEY_U, 'u', 'U' }, KeyChars { KEY_I, 'i', 'I' }, KeyChars { KEY_O, 'o', 'O' },
        KeyChars { KEY_P, 'p', 'P' }, KeyChars { KEY_LEFTBRACE, '[', '{' }, KeyChars { KEY_RIGHTBRACE, ']', '}' },
        KeyChars { KEY_A, 'a', 'A' }, KeyChars { KEY_S, 's', 'S' }, KeyChars { KEY_D, 'd', 'D' },
        KeyChars { KEY_F, 'f', 'F' }, KeyChars { KEY_G, 'g', 'G' }, KeyChars { KEY_H, 'h', 'H' },
        KeyChars { KEY_J, 'j', 'J' }, KeyChars { KEY_K, 'k', 'K' }, KeyChars { KEY_L, 'l', 'L' },
        KeyChars { KEY_SEMICOLON, ';', ':' }, KeyChars { KEY_APOSTROPHE, '\'', '"' }, KeyChars { KEY_GRAVE, '`', '~' },
        KeyChars { KEY_BACKSLASH, '\\', '|' }, KeyChars { KEY_Z, 'z', 'Z' }, KeyChars { KEY_X, 'x', 'X' },
        KeyChars { KEY_C, 'c', 'C' }, KeyChars { KEY_V, 'v', 'V' }, KeyChars { KEY_B, 'b', 'B' },
        KeyChars { KEY_N, 'n', 'N' }, KeyChars { KEY_M, 'm', 'M' }, KeyChars { KEY_COMMA, ',', '<' },
        KeyChars { KEY_DOT, '.', '>' }, KeyChars { KEY_SLASH, '/', '?' }, KeyChars { KEY_SPACE, ' ', ' ' },
        KeyChars { KEY_TAB, '\t', '\t' }, KeyChars { KEY_KP0, '0', '0' }, KeyChars { KEY_KP1, '1', '1' },
        KeyChars { KEY_KP2, '2', '2' }, KeyChars { KEY_KP3, '3', '3' }, KeyChars { KEY_KP4, '4', '4' },
        KeyChars { KEY_KP5, '5', '5' }, KeyChars { KEY_KP6, '6', '6' }, KeyChars { KEY_KP7, '7', '7' },
        KeyChars { KEY_KP8, '8', '8' }, KeyChars { KEY_KP9, '9', '9' }, KeyChars { KEY_KPDOT, '.', '.' },
        KeyChars { KEY_KPMINUS, '-', '-' }, KeyChars { KEY_KPPLUS, '+', '+' }, KeyChars { KEY_KPSLASH, '/', '/' },
        KeyChars { KEY_KPASTERISK, '*', '*' },
    };

    bool is_letter(char c) { return c >= 'a' && c <= 'z'; }

} // namespace

std::optional<char> us_key_char(std::uint16_t key, bool shift, bool caps_lock) noexcept
{
    for (auto const& entry : KEYS) {
        if (entry.key != key)
            continue;
        // Caps Lock turns letters only, and Shift turns them back.
        bool const upper = is_letter(entry.plain) ? shift != caps_lock : shift;
        return upper ? entry.shifted : entry.plain;
    }
    return std::nullopt;
}

void KeyboardWedgeDecoder::feed(
    std::uint16_t type, std::uint16_t code, std::int32_t value, std::chrono::steady_clock::time_point now)
{
    if (type != EV_KEY)
        return;
    switch (code) {
    case KEY_LEFTSHIFT:
        m_left_shift = value != 0;
        return;
    case KEY_RIGHTSHIFT:
        m_right_shift = value != 0;
        return;
    case KEY_CAPSLOCK:
        if (value == 1)
            m_caps_lock = !m_caps_lock;
        return;
    default:
        break;
    }
    if (value != 1)
        return; // releases and auto-repeats type nothing
    std::uint8_t byte = 0;
    if (code == KEY_ENTER || code == KEY_KPENTER) {
        byte = '\r';
    } else if (auto c = us_key_char(code, m_left_shift || m_right_shift, m_caps_lock)) {
        byte = static_cast<std::uint8_t>(*c);
    } else {
        // A key without a character: a control byte makes the splitter drop the whole line.
        byte = 0x01;
    }
    m_lines.feed(ByteView(&byte, 1), now);
}

void KeyboardWedgeDecoder::reset()
{
    m_lines.reset();
    m_left_shift = false;
    m_right_shift = false;
}

} // namespace kiosk::drivers
