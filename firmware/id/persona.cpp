// SPDX-License-Identifier: MIT
#include "id/persona.hpp"

#include <array>

namespace kiosk::id {

namespace {

// Century/sex digit (4th): 0 man born 1900-1999, 1 woman born 1900-1999, 2 man born 2000-2099,
// 3 woman born 2000-2099. Province codes: 001 Hà Nội, 038 Thanh Hóa, 079 TP Hồ Chí Minh,
// 066 Đắk Lắk, 011 Điện Biên, 048 Đà Nẵng, 092 Cần Thơ, 040 Nghệ An.
constexpr std::array PERSONAS {
    Persona { "hoa", "038187004512", "LÊ THỊ HOA", "1987-07-12", "F", "2047-07-12", CardFault::none },
    Persona { "minh", "001045001234", "PHẠM VĂN MINH", "1945-03-02", "M", "2040-03-02", CardFault::none },
    Persona { "h-hen", "066302000871", "H HEN NIÊ", "2002-11-20", "F", "2027-11-20", CardFault::none },
    Persona { "wrong-key", "079090123456", "TRẦN VĂN TÚ", "1990-01-05", "M", "2030-01-05", CardFault::wrong_key },
    Persona { "expired", "011075654321", "LÒ VĂN PÁO", "1975-06-30", "M", "2025-06-30", CardFault::expired },
    Persona { "tampered", "048195112233", "NGUYỄN THỊ LAN", "1995-09-09", "F", "2035-09-09", CardFault::tampered_dg },
    Persona { "bad-signature", "092088445566", "VÕ MINH TRÍ", "1988-12-01", "M", "2028-12-01",
        CardFault::bad_signature },
    Persona { "untrusted", "040183778899", "HỒ THỊ MAI", "1983-04-15", "F", "2043-04-15",
        CardFault::untrusted_csca },
    Persona { "lifted", "001201334455", "ĐỖ ĐỨC ANH", "2001-02-28", "M", "2026-02-28", CardFault::lifted },
    Persona { "garbage", "079199667788", "BÙI THỊ THU", "1999-10-10", "F", "2039-10-10", CardFault::garbage },
};

} // namespace

std::span<Persona const> personas() noexcept { return PERSONAS; }

Persona const* find_persona(std::string_view name) noexcept
{
    for (auto const& persona : PERSONAS) {
        if (persona.name == name)
            return &persona;
    }
    return nullptr;
}

} // namespace kiosk::id
