// SPDX-License-Identifier: MIT
#include "ui/app/session.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::ui::Language;
using kiosk::ui::secure_clear;
using kiosk::ui::Session;

TEST_GROUP(Session) {};

TEST(Session, WipeClearsEverythingAndStartsANewSerial)
{
    Session session;
    CHECK(session.empty());
    auto const serial = session.serial();
    session.settings.language = Language::en;
    session.search_query = "khai sinh";
    session.dossier_code = "000.00.15.H56-250701-0001";
    session.id_digits = "038187004512";
    kiosk::scan::CitizenIdQr qr;
    qr.id_number = "038187004512";
    qr.full_name = "Nguyễn Thị Hoa";
    session.id_qr = qr;
    CHECK(!session.empty());
    session.wipe();
    CHECK(session.empty());
    CHECK(session.search_query.empty());
    CHECK(!session.id_qr.has_value());
    CHECK(session.settings.language == Language::vi);
    CHECK(session.serial() != serial);
}

TEST(Session, SecureClearOverwritesTheWholeBuffer)
{
    std::string text(100, 'x');
    text = "038187004512";
    char const* buffer = text.data();
    std::size_t const capacity = text.capacity();
    secure_clear(text);
    CHECK(text.empty());
    // Same allocation, every byte zero (reading our own still-owned buffer).
    POINTERS_EQUAL(buffer, text.data());
    for (std::size_t i = 0; i < capacity; ++i)
        LONGS_EQUAL(0, buffer[i]);
}
