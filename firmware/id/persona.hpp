// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <string_view>

namespace kiosk::id {

/// What is wrong with a test card, if anything (the emulator acts it out).
enum class CardFault {
    none,           ///< a genuine, valid card
    wrong_key,      ///< the chip's CAN and MRZ differ from what the citizen's QR and ID say
    expired,        ///< valid chip, document past its expiry date
    tampered_dg,    ///< DG13 altered after signing: its hash no longer matches the SOD
    bad_signature,  ///< SOD signature does not verify with its document signer
    untrusted_csca, ///< signed by a CSCA that is not in the kiosk's trust store
    lifted,         ///< the card leaves the field part-way through reading (at a set byte)
    garbage,        ///< the chip answers with malformed responses
};

/// One test citizen: shared by the card emulator, the gateway's demo data set and the UI's
/// `card PERSONA` scenario step, so a demo dossier, a card and a scenario agree.
/// All of it is made up; the ID numbers follow the real shape (province code, century/sex
/// digit, year of birth, serial) so parsers see realistic input.
struct Persona {
    std::string_view name;        ///< scenario name: `card hoa`
    std::string_view id_number;   ///< 12 digits; CAN = last 6, document number = last 9
    std::string_view full_name;   ///< as on the card (UTF-8, NFC)
    std::string_view birth_date;  ///< ISO 8601
    std::string_view sex;         ///< "F" or "M"
    std::string_view expiry_date; ///< ISO 8601
    CardFault fault;
};

/// Every persona, in a fixed order.
std::span<Persona const> personas() noexcept;

/// The persona called @p name, or null.
Persona const* find_persona(std::string_view name) noexcept;

} // namespace kiosk::id
