// SPDX-License-Identifier: MIT
#pragma once

// The files an emulated Vietnamese ID card holds for a persona (persona.hpp): EF.COM, DG1
// (TD1 MRZ), DG2 (a generated face, JPEG or JPEG 2000), DG13 (Vietnamese details) and
// EF.SOD signed by the test PKI (test_pki.hpp), with the persona's fault acted out:
// - tampered_dg:    DG13 changed after signing (its hash no longer matches the SOD);
// - bad_signature:  the SOD's signature bytes corrupted;
// - untrusted_csca: SOD signed by a DS under a CSCA that is in no trust store;
// - expired:        the persona's expiry date is in the past (the chip itself is valid);
// - wrong_key:      the chip's ID number (so its CAN and MRZ) differs from the persona's,
//                   so keys derived from the persona's ID or QR do not open it;
// - lifted, garbage: the files are valid; the emulator acts these out on the air.
// EF.CardAccess belongs to the chip protocol (card_access.hpp), not here.

#include "id/dg2.hpp"
#include "id/emul/test_pki.hpp"
#include "id/persona.hpp"

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <string>

namespace kiosk::id {

/// ICAO 9303 part 10 file identifiers and short EF identifiers of the LDS1 application.
namespace fid {
inline constexpr std::uint16_t EF_COM = 0x011E;
inline constexpr std::uint16_t DG1 = 0x0101;
inline constexpr std::uint16_t DG2 = 0x0102;
inline constexpr std::uint16_t DG13 = 0x010D;
inline constexpr std::uint16_t DG14 = 0x010E;
inline constexpr std::uint16_t EF_SOD = 0x011D;
} // namespace fid
namespace sfi {
inline constexpr std::uint8_t EF_COM = 0x1E;
inline constexpr std::uint8_t DG1 = 0x01;
inline constexpr std::uint8_t DG2 = 0x02;
inline constexpr std::uint8_t DG13 = 0x0D;
inline constexpr std::uint8_t DG14 = 0x0E;
inline constexpr std::uint8_t EF_SOD = 0x1D;
} // namespace sfi

/// The card's files and the keys that open it. Personal data: wiped on destruction.
struct CardFiles {
    std::string id_number;       ///< the chip's 12-digit ID (differs from the persona's for wrong_key)
    std::string can;             ///< last 6 digits of id_number: the PACE password
    std::string document_number; ///< last 9 digits of id_number: for BAC
    std::string birth_yymmdd;    ///< for BAC
    std::string expiry_yymmdd;   ///< for BAC
    std::string mrz;             ///< the TD1 MRZ in DG1, lines joined by '\n'
    Bytes ef_com;
    Bytes dg1;
    Bytes dg2;
    Bytes dg13;
    Bytes sod;

    CardFiles() = default;
    CardFiles(CardFiles const&) = default;
    CardFiles(CardFiles&&) noexcept = default;
    CardFiles& operator=(CardFiles const&) = default;
    CardFiles& operator=(CardFiles&&) noexcept = default;
    ~CardFiles();
    void wipe() noexcept;

    /// The file with identifier @p file_id (fid::...), or null if the card has none.
    [[nodiscard]] Bytes const* by_fid(std::uint16_t file_id) const noexcept;
    /// The file with short identifier @p short_id (sfi::...), or null.
    [[nodiscard]] Bytes const* by_sfi(std::uint8_t short_id) const noexcept;
};

/// Options of build_card_files().
struct CardFileOptions {
    FaceFormat face = FaceFormat::jpeg; ///< DG2 image encoding
};

/// The file set of @p persona's card, signed by @p pki (see the header comment for faults).
/// @return Errc::invalid_argument if the persona's dates or ID are malformed,
/// Errc::internal if signing or image encoding fails.
Result<CardFiles> build_card_files(Persona const& persona, TestPki const& pki, CardFileOptions const& options = {});

/// The DG13 fields the card of @p persona holds (what build_card_files() encodes, before any
/// tampering): for tests that compare what was read.
struct Dg13;
Dg13 persona_dg13(Persona const& persona);

} // namespace kiosk::id
