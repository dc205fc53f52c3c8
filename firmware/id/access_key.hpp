// SPDX-License-Identifier: MIT
#pragma once

// The secrets that open a chip: the CAN for PACE, the MRZ's document number, birth date and
// expiry date for BAC (and PACE with an MRZ password). PERSONAL DATA: never log them.

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <string>
#include <string_view>

namespace kiosk::scan {
struct CitizenIdQr;
}

namespace kiosk::id {

/// What the citizen gave the kiosk to open their card with: a CAN, MRZ data, or both (a
/// 12-digit ID gives the CAN and the document number, but BAC also needs the dates).
/// Wipes every field when destroyed.
class AccessKey {
public:
    /// A 6-digit card access number. @return Errc::invalid_argument unless 6 ASCII digits.
    static Result<AccessKey> from_can(std::string_view can);

    /// A 12-digit citizen ID number: CAN = its last 6 digits, document number = its last 9.
    /// @return Errc::invalid_argument unless 12 ASCII digits.
    static Result<AccessKey> from_id_number(std::string_view id_number);

    /// BAC data as on the MRZ: document number (1..9 characters [0-9A-Z<], more is accepted
    /// for long document numbers), birth and expiry dates as YYMMDD. The 12-digit ID number is
    /// accepted as document number and cut to its last 9 digits.
    /// @return Errc::invalid_argument on a bad character, a date that is not 6 digits or an
    ///         impossible month/day.
    static Result<AccessKey> from_mrz(std::string_view document_number, std::string_view birth_yymmdd,
        std::string_view expiry_yymmdd);

    /// `DOCNO,BIRTH_YYMMDD,EXPIRY_YYMMDD` (the bench CLI's --mrz).
    static Result<AccessKey> from_mrz_argument(std::string_view text);

    /// A full MRZ: TD1 (3 lines of 30, ID cards) or TD3 (2 lines of 44, passports), lines
    /// separated by newlines (CR LF too) or run together. Check digits of the document number,
    /// birth and expiry dates are verified. On a TD1 card whose optional data holds a 12-digit
    /// ID number (Vietnamese cards), the CAN is taken from it too.
    /// @return Errc::invalid_argument naming the field whose check digit is wrong.
    static Result<AccessKey> from_mrz_text(std::string_view mrz);

    /// The ID-card QR: CAN and document number from its ID number. Its dates do not include
    /// the expiry date, so BAC is not available from it alone.
    static Result<AccessKey> from_id_qr(scan::CitizenIdQr const& qr);

    AccessKey(AccessKey const&) = default;
    AccessKey(AccessKey&&) noexcept = default;
    AccessKey& operator=(AccessKey const&) = default;
    AccessKey& operator=(AccessKey&&) noexcept = default;
    ~AccessKey();

    [[nodiscard]] bool has_can() const noexcept { return !m_can.empty(); }
    /// Whether document number, birth and expiry date are all known (BAC possible).
    [[nodiscard]] bool has_mrz() const noexcept { return !m_birth.empty() && !m_expiry.empty(); }

    [[nodiscard]] std::string const& can() const noexcept { return m_can; }
    [[nodiscard]] std::string const& document_number() const noexcept { return m_document_number; }
    [[nodiscard]] std::string const& birth_yymmdd() const noexcept { return m_birth; }
    [[nodiscard]] std::string const& expiry_yymmdd() const noexcept { return m_expiry; }

    /// ICAO 9303-11 §9.7.2 MRZ_information: document number (padded with '<' to 9), its
    /// check digit, birth date, check digit, expiry date, check digit. Empty if !has_mrz().
    [[nodiscard]] std::string mrz_information() const;

    /// BAC's K_seed: the first 16 bytes of SHA-1(MRZ_information).
    [[nodiscard]] Bytes bac_key_seed() const;

    /// The PACE password K for the password reference used: SHA-1(MRZ_information) for the
    /// MRZ (reference 1), the CAN's ASCII bytes for the CAN (reference 2).
    [[nodiscard]] Bytes pace_password_mrz() const;
    [[nodiscard]] Bytes pace_password_can() const;

    /// Wipes every field.
    void wipe() noexcept;

private:
    AccessKey() = default;

    std::string m_can;
    std::string m_document_number;
    std::string m_birth;
    std::string m_expiry;
};

} // namespace kiosk::id
