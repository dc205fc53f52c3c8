// SPDX-License-Identifier: MIT
#pragma once

// Typed payloads of scanned codes (see payload_parser.hpp for how text becomes one).

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiosk::scan {

/// What a scanned code turned out to be.
enum class PayloadKind {
    dossier_code, ///< the code of a dossier receipt, bare or inside a portal URL
    citizen_id_qr, ///< the QR printed on a chip citizen ID card (CCCD): personal data
    url, ///< an http(s) URL that is not a dossier URL; recognised, never opened
    unknown, ///< valid text that is none of ours; Unknown::reason_code says why
};

/// Snake-case name of @p kind: "dossier_code", "citizen_id_qr", "url", "unknown" (as in JSON).
std::string_view payload_kind_name(PayloadKind kind) noexcept;

/// A calendar date. Only valid dates (proleptic Gregorian, years 1900..2099) are built by
/// make(); a default-constructed Date is 0000-00-00 and not valid.
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    /// The date if @p year_value/@p month_value/@p day_value name a real day in 1900..2099
    /// (31 February and 29 February of a common year do not), otherwise nullopt.
    static std::optional<Date> make(int year_value, int month_value, int day_value) noexcept;

    /// True if year, month and day name a real day in 1900..2099.
    [[nodiscard]] bool valid() const noexcept;

    /// "YYYY-MM-DD" (ISO 8601).
    [[nodiscard]] std::string iso() const;

    friend bool operator==(Date const&, Date const&) = default;
};

/// A dossier code ("mã hồ sơ"), e.g. "000.00.15.H56-250701-0001". Opaque to the kiosk:
/// validated (6..64 characters of [A-Za-z0-9._/-], at least one digit) but not interpreted.
struct DossierCode {
    std::string code;
};

/// The QR on a chip citizen ID card (CCCD):
/// `ID|old ID|full name|DDMMYYYY birth|sex|address|DDMMYYYY issue`.
///
/// PERSONAL DATA: never log any field (wrap in kiosk::log::personal() if it must be
/// mentioned), and keep it no longer than the session. The destructor wipes every field
/// (see wipe()), and so do copies and moves when they are destroyed.
///
/// Only id_number is guaranteed (12 ASCII digits); every other field may be empty when the
/// card's QR lacks it or has it in a shape we do not recognise, and `problems` then says
/// which (static, non-personal codes such as "birth_date_invalid").
struct CitizenIdQr {
    std::string id_number; ///< 12 ASCII digits ("số định danh cá nhân")
    std::string old_id_number; ///< 9 (or 12) ASCII digits of the previous ID card, or empty
    std::string full_name; ///< UTF-8 as on the card (NFC or NFD, not normalised)
    std::optional<Date> birth_date; ///< empty when missing or not a real date
    std::string sex; ///< "Nam", "Nữ" (NFC) or empty when unrecognised
    std::string address; ///< place of residence, UTF-8 as on the card
    std::optional<Date> issue_date; ///< empty when missing or not a real date
    std::vector<std::string_view> problems; ///< non-personal static codes of fields we could not use

    CitizenIdQr() = default;
    CitizenIdQr(CitizenIdQr const&) = default;
    CitizenIdQr(CitizenIdQr&&) noexcept = default;
    CitizenIdQr& operator=(CitizenIdQr const&) = default;
    CitizenIdQr& operator=(CitizenIdQr&&) noexcept = default;
    /// Wipes every field (see wipe()).
    ~CitizenIdQr();

    /// Card access number for PACE: the last 6 digits of id_number.
    [[nodiscard]] std::string can() const;

    /// Document number for BAC/MRZ: the last 9 digits of id_number.
    [[nodiscard]] std::string document_number() const;

    /// True if @p problem is among `problems`.
    [[nodiscard]] bool has_problem(std::string_view problem) const noexcept;

    /// Overwrites every string's whole buffer (up to its capacity, so bytes left behind by
    /// shorter earlier contents or by a move go too) with zeros, then clears every field.
    void wipe() noexcept;
};

/// An http or https URL that is not a dossier URL. Recognised, never opened.
struct Url {
    std::string text; ///< the URL as scanned (trimmed)
    std::string host; ///< lower-case host name or address, without user info or port
};

/// Valid text that is none of our kinds.
struct Unknown {
    /// Why (a static code, see payload_parser.hpp): "unrecognised_text", "id_qr_malformed",
    /// "dossier_code_invalid", "url_malformed", "url_unsupported_scheme".
    std::string reason_code;
};

/// A parsed scan: its kind and the matching data (data holds the alternative named by kind).
struct Payload {
    PayloadKind kind = PayloadKind::unknown;
    std::variant<Unknown, DossierCode, CitizenIdQr, Url> data;

    /// The data as @p T, or nullptr if the payload holds another kind.
    template <class T> [[nodiscard]] T const* as() const noexcept { return std::get_if<T>(&data); }
    /// The data as @p T, or nullptr if the payload holds another kind.
    template <class T> [[nodiscard]] T* as() noexcept { return std::get_if<T>(&data); }
};

} // namespace kiosk::scan
