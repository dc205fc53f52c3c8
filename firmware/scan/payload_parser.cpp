// SPDX-License-Identifier: MIT
#include "scan/payload_parser.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::scan {

namespace {

    constexpr std::size_t MIN_DOSSIER_CODE = 6;
    constexpr std::size_t MAX_DOSSIER_CODE = 64;
    constexpr std::size_t ID_DIGITS = 12;
    constexpr std::size_t OLD_ID_DIGITS = 9;
    // Labels ("Họ và tên", "Ngày sinh", "Số CCCD") are short; a longer prefix before ':' is data.
    constexpr std::size_t MAX_LABEL_BYTES = 40;

    bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

    bool is_ascii_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    char to_lower_ascii(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

    bool all_digits(std::string_view text) noexcept
    {
        return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
    }

    bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

    std::string_view trim(std::string_view text) noexcept
    {
        while (!text.empty() && is_blank(text.front()))
            text.remove_prefix(1);
        while (!text.empty() && is_blank(text.back()))
            text.remove_suffix(1);
        return text;
    }

    bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept
    {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
            return to_lower_ascii(x) == to_lower_ascii(y);
        });
    }

    Payload unknown(char const* reason_code) { return Payload { PayloadKind::unknown, Unknown { reason_code } }; }

    Unexpected<PayloadError> text_error(Errc code, char const* reason_code, std::size_t offset)
    {
        return Unexpected(PayloadError { code, reason_code, offset });
    }

    // Strict UTF-8 (RFC 3629): shortest forms only, no surrogates, nothing above U+10FFFF.
    // Control characters are refused here too, as code points, so that C1 controls (U+0080..U+009F)
    // are caught whatever their encoding.
    std::optional<PayloadError> check_text(std::string_view raw) noexcept
    {
        std::size_t i = 0;
        while (i < raw.size()) {
            auto const lead = static_cast<unsigned char>(raw[i]);
            if (lead < 0x80) {
                bool const allowed_control = lead == '\t' || lead == '\r' || lead == '\n';
                if ((lead < 0x20 && !allowed_control) || lead == 0x7f)
                    return PayloadError { Errc::malformed, reason::CONTROL_CHARACTER, i };
                ++i;
                continue;
            }
            std::size_t length = 0;
            std::uint32_t code_point = 0;
            std::uint32_t smallest = 0;
            if (lead >= 0xc2 && lead <= 0xdf) {
                length = 2;
                code_point = lead & 0x1fU;
                smallest = 0x80;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                length = 3;
                code_point = lead & 0x0fU;
                smallest = 0x800;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                length = 4;
                code_point = lead & 0x07U;
                smallest = 0x10000;
            } else {
                // A stray continuation byte, an always-overlong lead (C0, C1) or F5..FF.
                return PayloadError { Errc::malformed, reason::INVALID_UTF8, i };
            }
            if (raw.size() - i < length)
                return PayloadError { Errc::malformed, reason::INVALID_UTF8, i };
            for (std::size_t k = 1; k < length; ++k) {
                auto const next = static_cast<unsigned char>(raw[i + k]);
                if ((next & 0xc0U) != 0x80U)
                    return PayloadError { Errc::malformed, reason::INVALID_UTF8, i };
                code_point = (code_point << 6U) | (next & 0x3fU);
            }
            if (code_point < smallest || code_point > 0x10ffff || (code_point >= 0xd800 && code_point <= 0xdfff))
                return PayloadError { Errc::malformed, reason::INVALID_UTF8, i };
            if (code_point <= 0x9f)
                return PayloadError { Errc::malformed, reason::CONTROL_CHARACTER, i };
            i += length;
        }
        return std::nullopt;
    }

    bool is_dossier_char(char c) noexcept
    {
        return is_ascii_alpha(c) || is_digit(c) || c == '.' || c == '-' || c == '_' || c == '/';
    }

    bool is_dossier_code(std::string_view text) noexcept
    {
        return text.size() >= MIN_DOSSIER_CODE && text.size() <= MAX_DOSSIER_CODE
            && std::all_of(text.begin(), text.end(), is_dossier_char)
            && std::any_of(text.begin(), text.end(), is_digit);
    }

    std::vector<std::string_view> split(std::string_view text, char separator)
    {
        std::vector<std::string_view> parts;
        while (true) {
            auto const at = text.find(separator);
            if (at == std::string_view::npos) {
                parts.push_back(text);
                return parts;
            }
            parts.push_back(text.substr(0, at));
            text.remove_prefix(at + 1);
        }
    }

    // --- citizen ID QR --------------------------------------------------------------------------

    // "Họ và tên: Nguyễn Văn An" -> "Nguyễn Văn An". A prefix with digits is not a label.
    std::string_view strip_label(std::string_view field) noexcept
    {
        field = trim(field);
        auto const colon = field.find(':');
        if (colon > MAX_LABEL_BYTES) // also when there is no ':' (npos)
            return field;
        auto const label = field.substr(0, colon);
        if (std::any_of(label.begin(), label.end(), is_digit))
            return field;
        return trim(field.substr(colon + 1));
    }

    int to_int(std::string_view digits) noexcept
    {
        int value = 0;
        auto const [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (error != std::errc {} || end != digits.data() + digits.size())
            return -1;
        return value;
    }

    struct DateField {
        bool shaped = false; // looks like a date (DDMMYYYY or D/M/YYYY with / - .)
        std::optional<Date> date; // the date, if it is a real one
    };

    DateField parse_date_field(std::string_view text) noexcept
    {
        std::string_view day;
        std::string_view month;
        std::string_view year;
        if (text.size() == 8 && all_digits(text)) {
            day = text.substr(0, 2);
            month = text.substr(2, 2);
            year = text.substr(4, 4);
        } else {
            auto const first = text.find_first_of("/-.");
            if (first == std::string_view::npos)
                return {};
            char const separator = text[first];
            auto const second = text.find(separator, first + 1);
            if (second == std::string_view::npos)
                return {};
            day = text.substr(0, first);
            month = text.substr(first + 1, second - first - 1);
            year = text.substr(second + 1);
            if (!all_digits(day) || !all_digits(month) || !all_digits(year) || day.size() > 2 || month.size() > 2
                || year.size() != 4)
                return {};
        }
        return DateField { true, Date::make(to_int(year), to_int(month), to_int(day)) };
    }

    // Unicode combining diacritical marks U+0300..U+036F, encoded CC 80..CD AF.
    bool only_combining_marks(std::string_view text) noexcept
    {
        if (text.size() % 2 != 0)
            return false;
        for (std::size_t i = 0; i < text.size(); i += 2) {
            auto const lead = static_cast<unsigned char>(text[i]);
            auto const next = static_cast<unsigned char>(text[i + 1]);
            bool const mark
                = (lead == 0xcc && next >= 0x80 && next <= 0xbf) || (lead == 0xcd && next >= 0x80 && next <= 0xaf);
            if (!mark)
                return false;
        }
        return true;
    }

    constexpr std::string_view SEX_MALE = "Nam";
    constexpr std::string_view SEX_FEMALE = "N\xe1\xbb\xaf"; // "Nữ", NFC

    // "Nam"; "Nữ" as NFC, as NFD ("Nu" + horn + tilde), half-composed ("Nư" + tilde) or bare "Nu";
    // any ASCII case.
    std::optional<std::string_view> parse_sex(std::string_view text) noexcept
    {
        if (equals_ignoring_case(text, "nam"))
            return SEX_MALE;
        if (text.empty() || to_lower_ascii(text.front()) != 'n')
            return std::nullopt;
        auto rest = text.substr(1);
        if (rest == "\xe1\xbb\xaf" || rest == "\xe1\xbb\xae") // ữ, Ữ
            return SEX_FEMALE;
        if (!rest.empty() && to_lower_ascii(rest.front()) == 'u')
            rest.remove_prefix(1);
        else if (rest.starts_with("\xc6\xb0") || rest.starts_with("\xc6\xaf")) // ư, Ư
            rest.remove_prefix(2);
        else
            return std::nullopt;
        if (only_combining_marks(rest))
            return SEX_FEMALE;
        return std::nullopt;
    }

    // The 4th digit of the ID encodes century and sex (0/1: 1900s male/female, 2/3: 2000s, ...),
    // the 5th and 6th the last two digits of the birth year.
    void check_against_id(CitizenIdQr& qr)
    {
        int const century_and_sex = qr.id_number[3] - '0';
        if (qr.birth_date.has_value()) {
            int const year = 1900 + (century_and_sex / 2) * 100 + to_int(std::string_view(qr.id_number).substr(4, 2));
            if (qr.birth_date->year != year)
                qr.problems.emplace_back("birth_date_mismatch");
        }
        if (!qr.sex.empty() && qr.sex != (century_and_sex % 2 == 0 ? SEX_MALE : SEX_FEMALE))
            qr.problems.emplace_back("sex_mismatch");
    }

    // nullopt if the text does not have the shape of an ID QR at all.
    std::optional<Payload> try_citizen_id(std::string_view text)
    {
        if (text.find('|') == std::string_view::npos)
            return std::nullopt;
        auto const fields = split(text, '|');
        auto const id = strip_label(fields.front());
        if (!all_digits(id))
            return std::nullopt;
        if (id.size() != ID_DIGITS)
            return unknown(reason::ID_QR_MALFORMED);

        CitizenIdQr qr;
        qr.id_number = id;
        if (fields.size() != 6 && fields.size() != 7)
            qr.problems.emplace_back("field_count_unexpected");
        int dates = 0;
        int texts = 0;
        for (std::size_t i = 1; i < fields.size(); ++i) {
            auto const value = strip_label(fields[i]);
            if (i == 1
                && (value.empty()
                    || (all_digits(value) && (value.size() == OLD_ID_DIGITS || value.size() == ID_DIGITS)))) {
                qr.old_id_number = value;
                continue;
            }
            if (value.empty())
                continue;
            auto date = parse_date_field(value);
            if (date.shaped) {
                if (dates == 0) {
                    qr.birth_date = date.date;
                    if (!date.date.has_value())
                        qr.problems.emplace_back("birth_date_invalid");
                } else if (dates == 1) {
                    qr.issue_date = date.date;
                    if (!date.date.has_value())
                        qr.problems.emplace_back("issue_date_invalid");
                } else {
                    qr.problems.emplace_back("extra_field");
                }
                ++dates;
                continue;
            }
            if (all_digits(value)) {
                qr.problems.emplace_back(i == 1 ? "old_id_malformed" : "extra_field");
                continue;
            }
            if (qr.sex.empty()) {
                if (auto sex = parse_sex(value)) {
                    qr.sex = *sex;
                    continue;
                }
            }
            if (texts == 0)
                qr.full_name = value;
            else if (texts == 1)
                qr.address = value;
            else
                qr.problems.emplace_back("extra_field");
            ++texts;
        }
        if (dates == 0)
            qr.problems.emplace_back("birth_date_missing");
        if (qr.full_name.empty())
            qr.problems.emplace_back("full_name_missing");
        if (qr.sex.empty())
            qr.problems.emplace_back("sex_unrecognised");
        check_against_id(qr);
        return Payload { PayloadKind::citizen_id_qr, std::move(qr) };
    }

    // --- URLs -----------------------------------------------------------------------------------

    int hex_value(char c) noexcept
    {
        if (is_digit(c))
            return c - '0';
        char const lower = to_lower_ascii(c);
        if (lower >= 'a' && lower <= 'f')
            return lower - 'a' + 10;
        return -1;
    }

    // application/x-www-form-urlencoded: %XX and '+' for a space. nullopt on a broken escape.
    std::optional<std::string> percent_decode(std::string_view text)
    {
        std::string decoded;
        decoded.reserve(text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            char const c = text[i];
            if (c == '+') {
                decoded.push_back(' ');
            } else if (c == '%') {
                if (text.size() - i < 3)
                    return std::nullopt;
                int const high = hex_value(text[i + 1]);
                int const low = hex_value(text[i + 2]);
                if (high < 0 || low < 0)
                    return std::nullopt;
                decoded.push_back(static_cast<char>((high << 4) | low));
                i += 2;
            } else {
                decoded.push_back(c);
            }
        }
        return decoded;
    }

    bool is_dossier_parameter(std::string_view name)
    {
        auto decoded = percent_decode(name);
        if (!decoded.has_value())
            return false;
        std::string normalised;
        for (char const c : *decoded) {
            if (c != '_' && c != '-')
                normalised.push_back(to_lower_ascii(c));
        }
        constexpr std::array<std::string_view, 6> NAMES = { "mahoso", "mahs", "sohoso", "code", "dossiercode", "hoso" };
        return std::find(NAMES.begin(), NAMES.end(), normalised) != NAMES.end();
    }

    // The raw (still encoded) value of the first dossier parameter in @p query, if any.
    std::optional<std::string_view> find_dossier_parameter(std::string_view query)
    {
        for (auto const pair : split(query, '&')) {
            auto const equals = pair.find('=');
            if (equals == std::string_view::npos)
                continue;
            if (is_dossier_parameter(pair.substr(0, equals)))
                return pair.substr(equals + 1);
        }
        return std::nullopt;
    }

    bool is_scheme(std::string_view text) noexcept
    {
        if (text.empty() || !is_ascii_alpha(text.front()))
            return false;
        return std::all_of(text.begin(), text.end(),
            [](char c) { return is_ascii_alpha(c) || is_digit(c) || c == '+' || c == '.' || c == '-'; });
    }

    bool is_host_char(char c) noexcept
    {
        // Bytes >= 0x80 are parts of an internationalised name (the text is valid UTF-8 already).
        return is_ascii_alpha(c) || is_digit(c) || c == '.' || c == '-' || c == '_'
            || static_cast<unsigned char>(c) >= 0x80;
    }

    // The lower-case host of an authority ("user@host:port"), or nullopt if it is not a valid one.
    std::optional<std::string> parse_host(std::string_view authority)
    {
        auto const at = authority.rfind('@');
        if (at != std::string_view::npos)
            authority.remove_prefix(at + 1);
        std::string_view host;
        std::string_view after_host;
        if (authority.starts_with('[')) {
            auto const close = authority.find(']');
            if (close == std::string_view::npos)
                return std::nullopt;
            host = authority.substr(0, close + 1);
            after_host = authority.substr(close + 1);
            auto const inside = host.substr(1, host.size() - 2);
            if (inside.empty() || !std::all_of(inside.begin(), inside.end(), [](char c) {
                    return hex_value(c) >= 0 || c == ':' || c == '.';
                }))
                return std::nullopt;
        } else {
            auto const colon = authority.find(':');
            host = authority.substr(0, colon);
            after_host = colon == std::string_view::npos ? std::string_view {} : authority.substr(colon);
            if (host.empty() || !std::all_of(host.begin(), host.end(), is_host_char) || host.front() == '.'
                || host.front() == '-')
                return std::nullopt;
        }
        if (!after_host.empty()) {
            auto const port = after_host.substr(1);
            if (after_host.front() != ':' || (!port.empty() && (port.size() > 5 || !all_digits(port))))
                return std::nullopt;
        }
        std::string lower(host);
        std::transform(lower.begin(), lower.end(), lower.begin(), to_lower_ascii);
        return lower;
    }

    // nullopt if the text does not start with a URL scheme.
    std::optional<Payload> try_url(std::string_view text)
    {
        auto const colon = text.find(':');
        if (colon == std::string_view::npos || !is_scheme(text.substr(0, colon)))
            return std::nullopt;
        auto const scheme = text.substr(0, colon);
        if (!equals_ignoring_case(scheme, "http") && !equals_ignoring_case(scheme, "https"))
            return unknown(reason::URL_UNSUPPORTED_SCHEME);
        auto rest = text.substr(colon + 1);
        if (!rest.starts_with("//") || std::any_of(text.begin(), text.end(), is_blank))
            return unknown(reason::URL_MALFORMED);
        rest.remove_prefix(2);
        auto const authority_end = rest.find_first_of("/?#");
        auto host = parse_host(rest.substr(0, authority_end));
        if (!host.has_value())
            return unknown(reason::URL_MALFORMED);

        // The query, and a query inside the fragment ("#/tra-cuu?maHoSo=..."), as single-page
        // portals put it there.
        std::string_view query;
        std::string_view fragment_query;
        auto const hash = text.find('#');
        auto const question = text.find('?');
        if (question != std::string_view::npos && question < hash)
            query = text.substr(
                question + 1, hash == std::string_view::npos ? std::string_view::npos : hash - question - 1);
        if (hash != std::string_view::npos) {
            auto const fragment = text.substr(hash + 1);
            auto const inner = fragment.find('?');
            if (inner != std::string_view::npos)
                fragment_query = fragment.substr(inner + 1);
        }
        auto value = find_dossier_parameter(query);
        if (!value.has_value())
            value = find_dossier_parameter(fragment_query);
        if (value.has_value()) {
            auto code = percent_decode(*value);
            if (!code.has_value() || !is_dossier_code(*code))
                return unknown(reason::DOSSIER_CODE_INVALID);
            return Payload { PayloadKind::dossier_code, DossierCode { std::move(*code) } };
        }
        return Payload { PayloadKind::url, Url { std::string(text), std::move(*host) } };
    }

} // namespace

Expected<Payload, PayloadError> parse_payload(std::string_view raw)
{
    if (raw.empty())
        return text_error(Errc::invalid_argument, reason::EMPTY, 0);
    if (raw.size() > MAX_PAYLOAD_BYTES)
        return text_error(Errc::malformed, reason::TOO_LONG, MAX_PAYLOAD_BYTES);
    if (auto error = check_text(raw))
        return Unexpected(*error);

    auto text = trim(raw);
    constexpr std::string_view BYTE_ORDER_MARK = "\xef\xbb\xbf";
    if (text.starts_with(BYTE_ORDER_MARK))
        text = trim(text.substr(BYTE_ORDER_MARK.size()));
    if (text.empty())
        return text_error(Errc::invalid_argument, reason::EMPTY, 0);

    if (auto payload = try_citizen_id(text))
        return std::move(*payload);
    if (auto payload = try_url(text))
        return std::move(*payload);
    if (is_dossier_code(text))
        return Payload { PayloadKind::dossier_code, DossierCode { std::string(text) } };
    return unknown(reason::UNRECOGNISED_TEXT);
}

std::string_view citizen_message_key(std::string_view reason_code) noexcept
{
    if (reason_code == reason::EMPTY)
        return "scan.try_again";
    if (reason_code == reason::TOO_LONG || reason_code == reason::INVALID_UTF8
        || reason_code == reason::CONTROL_CHARACTER)
        return "scan.unreadable";
    if (reason_code == reason::ID_QR_MALFORMED)
        return "scan.id_qr_unreadable";
    if (reason_code == reason::DOSSIER_CODE_INVALID)
        return "scan.dossier_code_invalid";
    return "scan.unknown_code";
}

std::string_view citizen_message_key(PayloadError const& error) noexcept
{
    return citizen_message_key(error.reason == nullptr ? std::string_view {} : std::string_view(error.reason));
}

} // namespace kiosk::scan
