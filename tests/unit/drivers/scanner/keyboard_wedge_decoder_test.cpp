// SPDX-License-Identifier: MIT
#include <scanner/keyboard_wedge_decoder.hpp>

#include <string>

#include <linux/input-event-codes.h>

#include "contract/contract_support.hpp"

using kiosk::drivers::KeyboardWedgeDecoder;

TEST_GROUP(KeyboardWedgeDecoder)
{
    KeyboardWedgeDecoder m_decoder;
    std::chrono::steady_clock::time_point m_now = std::chrono::steady_clock::now();

    void key(std::uint16_t code, std::int32_t value = 1) { m_decoder.feed(EV_KEY, code, value, m_now); }
    void tap(std::uint16_t code)
    {
        key(code, 1);
        key(code, 0);
    }
    void shifted(std::uint16_t code)
    {
        key(KEY_LEFTSHIFT, 1);
        tap(code);
        key(KEY_LEFTSHIFT, 0);
    }
};

TEST(KeyboardWedgeDecoder, a_typed_dossier_code_and_enter_is_one_code)
{
    // "000.00.15.H56-1" then Enter, with the SYN reports a real keyboard sends in between.
    for (auto code : { KEY_0, KEY_0, KEY_0, KEY_DOT, KEY_0, KEY_0, KEY_DOT, KEY_1, KEY_5, KEY_DOT }) {
        tap(static_cast<std::uint16_t>(code));
        m_decoder.feed(EV_SYN, SYN_REPORT, 0, m_now);
    }
    shifted(KEY_H);
    for (auto code : { KEY_5, KEY_6, KEY_MINUS, KEY_1 })
        tap(static_cast<std::uint16_t>(code));
    CHECK_FALSE(m_decoder.take().has_value());
    tap(KEY_ENTER);
    auto code = m_decoder.take();
    CHECK_TRUE(code.has_value());
    STRCMP_EQUAL("000.00.15.H56-1", code->text.c_str());
    CHECK_TRUE(kiosk::hal::CodeFormat::other == code->format);
}

TEST(KeyboardWedgeDecoder, shift_caps_lock_keypad_and_repeats)
{
    tap(KEY_CAPSLOCK);
    tap(KEY_A);      // A (caps)
    shifted(KEY_B);  // b (caps + shift)
    shifted(KEY_1);  // ! (caps does not turn digits)
    tap(KEY_CAPSLOCK);
    tap(KEY_C);      // c
    key(KEY_C, 2);   // auto-repeat: nothing
    tap(KEY_KP7);    // 7
    shifted(KEY_SLASH); // ?
    tap(KEY_KPENTER);
    STRCMP_EQUAL("Ab!c7?", m_decoder.take()->text.c_str());
}

TEST(KeyboardWedgeDecoder, a_key_without_a_character_spoils_its_line_only)
{
    tap(KEY_A);
    tap(KEY_F1);
    tap(KEY_B);
    tap(KEY_ENTER);
    CHECK_FALSE(m_decoder.take().has_value());
    CHECK_EQUAL(1U, m_decoder.drops().not_text);
    tap(KEY_X);
    tap(KEY_ENTER);
    STRCMP_EQUAL("x", m_decoder.take()->text.c_str());
}

TEST(KeyboardWedgeDecoder, aim_prefix_typed_by_the_scanner_sets_the_format)
{
    key(KEY_RIGHTSHIFT, 1);
    tap(KEY_RIGHTBRACE); // }  -- not an AIM prefix
    key(KEY_RIGHTSHIFT, 0);
    tap(KEY_ENTER);
    STRCMP_EQUAL("}", m_decoder.take()->text.c_str());
    tap(KEY_RIGHTBRACE); // ]
    shifted(KEY_Q);      // Q
    tap(KEY_1);
    tap(KEY_Z);
    tap(KEY_ENTER);
    auto code = m_decoder.take();
    STRCMP_EQUAL("z", code->text.c_str());
    CHECK_TRUE(kiosk::hal::CodeFormat::qr_code == code->format);
}
