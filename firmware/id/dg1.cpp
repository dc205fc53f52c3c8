// SPDX-License-Identifier: MIT
#include "id/dg1.hpp"

#include "id/tlv.hpp"
#include "id/wipe.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdint>
#include <optional>
#include <span>

namespace kiosk::id {

namespace {

constexpr std::size_t TD1_LINE = 30;
constexpr std::size_t TD3_LINE = 44;

// Vietnamese letters by the ASCII letter the MRZ writes for them (ICAO 9303 part 3
// transliteration drops the marks; Đ is D).
struct Fold {
    char base;
    std::string_view letters;
};
constexpr std::array FOLDS {
    Fold { 'A', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ" },
    Fold { 'E', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ" },
    Fold { 'I', "ìíỉĩịÌÍỈĨỊ" },
    Fold { 'O', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ" },
    Fold { 'U', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ" },
    Fold { 'Y', "ỳýỷỹỵỲÝỶỸỴ" },
    Fold { 'D', "đĐ" },
};

// Decodes one UTF-8 sequence from the front of @p text; returns U+FFFD for a bad one.
char32_t next_code_point(std::string_view& text)
{
    auto const lead = static_cast<unsigned char>(text[0]);
    std::size_t length = lead < 0x80 ? 1 : (lead >> 5U) == 0x6 ? 2 : (lead >> 4U) == 0xE ? 3 : (lead >> 3U) == 0x1E ? 4 : 0;
    if (length == 0 || length > text.size()) {
        text.remove_prefix(1);
        return U'\uFFFD';
    }
    char32_t code = length == 1 ? lead : (lead & (0x7FU >> length));
    for (std::size_t i = 1; i < length; ++i) {
        auto const byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0U) != 0x80) {
            text.remove_prefix(1);
            return U'\uFFFD';
        }
        code = (code << 6U) | (byte & 0x3FU);
    }
    text.remove_prefix(length);
    return code;
}

bool contains_code_point(std::string_view letters, char32_t wanted)
{
    while (!letters.empty()) {
        if (next_code_point(letters) == wanted)
            return true;
    }
    return false;
}

std::string_view trim(std::string_view text)
{
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

bool valid_mrz_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'; }

std::string strip_fillers(std::string_view field)
{
    while (!field.empty() && field.back() == '<')
        field.remove_suffix(1);
    std::string out(field);
    for (auto& c : out) {
        if (c == '<')
            c = ' ';
    }
    return out;
}

bool check_matches(std::string_view field, char digit)
{
    char const computed = mrz_check_digit(field);
    // A field of fillers only may carry '<' as its check digit (TD3 personal number).
    if (digit == '<')
        return field.find_first_not_of('<') == std::string_view::npos;
    return computed != '\0' && computed == digit;
}

int two_digits(std::string_view text) { return (text[0] - '0') * 10 + (text[1] - '0'); }

bool all_digits(std::string_view text)
{
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return !text.empty();
}

bool valid_day(int year, int month, int day)
{
    static constexpr std::array<int, 12> DAYS { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12 || day < 1)
        return false;
    bool const leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int const limit = month == 2 && !leap ? 28 : DAYS[static_cast<std::size_t>(month - 1)];
    return day <= limit;
}

std::string iso_date(int year, int month, int day)
{
    // Room for any int, so the compiler sees no truncation; callers pass valid dates.
    std::array<char, 40> text {};
    int const length = std::snprintf(text.data(), text.size(), "%04d-%02d-%02d", year, month, day);
    return { text.data(), length > 0 ? static_cast<std::size_t>(length) : 0U };
}

int current_year()
{
    auto const today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
    return static_cast<int>(today.year());
}

// YYMMDD -> ISO with the century chosen by @p century (19 or 20).
std::optional<std::string> mrz_date(std::string_view yymmdd, int century)
{
    if (!all_digits(yymmdd))
        return std::nullopt;
    int const year = century * 100 + two_digits(yymmdd.substr(0, 2));
    int const month = two_digits(yymmdd.substr(2, 2));
    int const day = two_digits(yymmdd.substr(4, 2));
    if (!valid_day(year, month, day))
        return std::nullopt;
    return iso_date(year, month, day);
}

int birth_century(std::string_view yymmdd, std::string_view optional_data)
{
    // A Vietnamese 12-digit ID number states the century in its 4th digit (with the sex).
    auto const id = optional_data.substr(0, std::min<std::size_t>(12, optional_data.size()));
    if (id.size() == 12 && all_digits(id)) {
        char const code = id[3];
        if (code == '0' || code == '1')
            return 19;
        if (code == '2' || code == '3')
            return 20;
    }
    if (!all_digits(yymmdd.substr(0, 2)))
        return 19;
    return 2000 + two_digits(yymmdd.substr(0, 2)) > current_year() ? 19 : 20;
}

Result<void> parse_names(std::string_view field, Mrz& mrz)
{
    auto const split = field.find("<<");
    if (split == std::string_view::npos) {
        mrz.surname = strip_fillers(field);
        return {};
    }
    mrz.surname = strip_fillers(field.substr(0, split));
    mrz.given_names = strip_fillers(field.substr(split + 2));
    // Words inside given names are single '<'; a trailing run is filler.
    while (!mrz.given_names.empty() && mrz.given_names.front() == ' ')
        mrz.given_names.erase(0, 1);
    return {};
}

Result<void> parse_dates(std::string_view birth, char birth_check, std::string_view expiry, char expiry_check, Mrz& mrz)
{
    if (!check_matches(birth, birth_check))
        return fail(Errc::malformed, "MRZ: birth date check digit");
    if (!check_matches(expiry, expiry_check))
        return fail(Errc::malformed, "MRZ: expiry date check digit");
    auto birth_iso = mrz_date(birth, birth_century(birth, mrz.optional_data));
    if (!birth_iso)
        return fail(Errc::malformed, "MRZ: birth date is not a date");
    auto expiry_iso = mrz_date(expiry, 20);
    if (!expiry_iso)
        return fail(Errc::malformed, "MRZ: expiry date is not a date");
    mrz.birth_date = std::move(*birth_iso);
    mrz.expiry_date = std::move(*expiry_iso);
    return {};
}

Result<void> parse_sex(char c, Mrz& mrz)
{
    if (c != 'F' && c != 'M' && c != '<' && c != 'X')
        return fail(Errc::malformed, "MRZ: sex is not F, M or <");
    mrz.sex = c == '<' ? "" : std::string(1, c);
    return {};
}

Result<Mrz> parse_td1(std::string_view l1, std::string_view l2, std::string_view l3)
{
    Mrz mrz;
    mrz.format = MrzFormat::td1;
    mrz.document_code = strip_fillers(l1.substr(0, 2));
    mrz.issuing_state = strip_fillers(l1.substr(2, 3));
    std::string_view optional1 = l1.substr(15, 15);
    if (l1[14] == '<' && l1.substr(5, 9).find('<') == std::string_view::npos) {
        // Document numbers over 9 characters continue in the optional data, followed by
        // their check digit (ICAO 9303 part 5, 4.2.4).
        auto const end = optional1.find('<');
        if (end == 0 || end == std::string_view::npos)
            return fail(Errc::malformed, "MRZ: long document number without a check digit");
        std::string number(l1.substr(5, 9));
        number += optional1.substr(0, end - 1);
        if (!check_matches(number, optional1[end - 1]))
            return fail(Errc::malformed, "MRZ: document number check digit");
        mrz.document_number = number;
        optional1 = optional1.substr(end);
    } else {
        if (!check_matches(l1.substr(5, 9), l1[14]))
            return fail(Errc::malformed, "MRZ: document number check digit");
        mrz.document_number = strip_fillers(l1.substr(5, 9));
    }
    mrz.optional_data = strip_fillers(optional1);
    while (!mrz.optional_data.empty() && mrz.optional_data.front() == ' ')
        mrz.optional_data.erase(0, 1);
    KIOSK_TRY(parse_sex(l2[7], mrz));
    KIOSK_TRY(parse_dates(l2.substr(0, 6), l2[6], l2.substr(8, 6), l2[14], mrz));
    mrz.nationality = strip_fillers(l2.substr(15, 3));
    mrz.optional_data2 = strip_fillers(l2.substr(18, 11));
    std::string composite(l1.substr(5, 25));
    composite += l2.substr(0, 7);
    composite += l2.substr(8, 7);
    composite += l2.substr(18, 11);
    bool const composite_ok = check_matches(composite, l2[29]);
    wipe_string(composite);
    if (!composite_ok)
        return fail(Errc::malformed, "MRZ: composite check digit");
    KIOSK_TRY(parse_names(l3, mrz));
    return mrz;
}

Result<Mrz> parse_td3(std::string_view l1, std::string_view l2)
{
    Mrz mrz;
    mrz.format = MrzFormat::td3;
    mrz.document_code = strip_fillers(l1.substr(0, 2));
    mrz.issuing_state = strip_fillers(l1.substr(2, 3));
    KIOSK_TRY(parse_names(l1.substr(5), mrz));
    if (!check_matches(l2.substr(0, 9), l2[9]))
        return fail(Errc::malformed, "MRZ: document number check digit");
    mrz.document_number = strip_fillers(l2.substr(0, 9));
    mrz.nationality = strip_fillers(l2.substr(10, 3));
    if (!check_matches(l2.substr(28, 14), l2[42]))
        return fail(Errc::malformed, "MRZ: personal number check digit");
    mrz.optional_data = strip_fillers(l2.substr(28, 14));
    KIOSK_TRY(parse_sex(l2[20], mrz));
    KIOSK_TRY(parse_dates(l2.substr(13, 6), l2[19], l2.substr(21, 6), l2[27], mrz));
    std::string composite(l2.substr(0, 10));
    composite += l2.substr(13, 7);
    composite += l2.substr(21, 22);
    bool const composite_ok = check_matches(composite, l2[43]);
    wipe_string(composite);
    if (!composite_ok)
        return fail(Errc::malformed, "MRZ: composite check digit");
    return mrz;
}

// ISO date -> YYMMDD, or nullopt.
std::optional<std::string> yymmdd(std::string_view iso)
{
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !all_digits(iso.substr(0, 4)) || !all_digits(iso.substr(5, 2))
        || !all_digits(iso.substr(8, 2)))
        return std::nullopt;
    int const year = two_digits(iso.substr(0, 2)) * 100 + two_digits(iso.substr(2, 2));
    if (!valid_day(year, two_digits(iso.substr(5, 2)), two_digits(iso.substr(8, 2))))
        return std::nullopt;
    std::string out;
    out += iso.substr(2, 2);
    out += iso.substr(5, 2);
    out += iso.substr(8, 2);
    return out;
}

std::string padded(std::string_view text, std::size_t width)
{
    std::string out(text.substr(0, width));
    out.resize(width, '<');
    return out;
}

} // namespace

Mrz::~Mrz() { wipe(); }

void Mrz::wipe() noexcept
{
    for (auto* field : { &document_code, &issuing_state, &document_number, &birth_date, &sex, &expiry_date, &nationality,
             &optional_data, &optional_data2, &surname, &given_names, &text })
        wipe_string(*field);
}

std::string Mrz::names() const
{
    if (given_names.empty())
        return surname;
    return surname + " " + given_names;
}

char mrz_check_digit(std::string_view field) noexcept
{
    static constexpr std::array<int, 3> WEIGHTS { 7, 3, 1 };
    int sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i) {
        char const c = field[i];
        int value = 0;
        if (c >= '0' && c <= '9')
            value = c - '0';
        else if (c >= 'A' && c <= 'Z')
            value = c - 'A' + 10;
        else if (c != '<')
            return '\0';
        sum += value * WEIGHTS[i % 3];
    }
    return static_cast<char>('0' + sum % 10);
}

Result<Mrz> parse_mrz(std::string_view text)
{
    text = trim(text);
    std::string joined;
    joined.reserve(text.size());
    for (char c : text) {
        if (c == '\n' || c == '\r')
            continue;
        if (!valid_mrz_char(c)) {
            wipe_string(joined);
            return fail(Errc::malformed, "MRZ: character outside A-Z, 0-9 and <");
        }
        joined += c;
    }
    Result<Mrz> result = fail(Errc::malformed, "MRZ: neither 3 lines of 30 (TD1) nor 2 of 44 (TD3)");
    std::string_view const all = joined;
    if (all.size() == 3 * TD1_LINE) {
        result = parse_td1(all.substr(0, TD1_LINE), all.substr(TD1_LINE, TD1_LINE), all.substr(2 * TD1_LINE));
        if (result) {
            result->text = std::string(all.substr(0, TD1_LINE)) + '\n' + std::string(all.substr(TD1_LINE, TD1_LINE)) + '\n'
                + std::string(all.substr(2 * TD1_LINE));
        }
    } else if (all.size() == 2 * TD3_LINE) {
        result = parse_td3(all.substr(0, TD3_LINE), all.substr(TD3_LINE));
        if (result)
            result->text = std::string(all.substr(0, TD3_LINE)) + '\n' + std::string(all.substr(TD3_LINE));
    }
    wipe_string(joined);
    return result;
}

Result<Mrz> parse_dg1(ByteView file)
{
    auto const dg1 = KIOSK_TRY(parse_single(file));
    if (dg1.tag != 0x61)
        return fail(Errc::malformed, "DG1: tag is not 0x61");
    auto const mrz = KIOSK_TRY(find(dg1.value, 0x5F1F));
    return parse_mrz(as_text(mrz.value));
}

std::string to_mrz_characters(std::string_view text)
{
    std::string out;
    while (!text.empty()) {
        char32_t const code = next_code_point(text);
        if (code >= 'a' && code <= 'z') {
            out += static_cast<char>(code - 'a' + 'A');
        } else if ((code >= 'A' && code <= 'Z') || (code >= '0' && code <= '9')) {
            out += static_cast<char>(code);
        } else if (code >= 0x300 && code <= 0x36F) {
            // Combining marks (text in NFD) vanish with the rest of the diacritics.
        } else {
            char replacement = '<';
            // Vietnamese letters lie in U+00C0..U+1EF9; skip the table for anything else.
            for (auto const& fold : code >= 0xC0 && code <= 0x1EF9 ? std::span<Fold const>(FOLDS) : std::span<Fold const>()) {
                if (contains_code_point(fold.letters, code)) {
                    replacement = fold.base;
                    break;
                }
            }
            out += replacement;
        }
    }
    return out;
}

Result<std::string> build_td1(MrzInput const& input)
{
    auto birth = yymmdd(input.birth_date);
    auto expiry = yymmdd(input.expiry_date);
    if (!birth || !expiry)
        return fail(Errc::invalid_argument, "MRZ: dates must be ISO 8601 (YYYY-MM-DD)");
    if (input.document_number.size() > 9 || input.optional_data.size() > 15 || input.document_code.size() > 2
        || input.issuing_state.size() > 3 || input.nationality.size() > 3 || input.sex.size() > 1)
        return fail(Errc::invalid_argument, "MRZ: a field is too long for TD1");
    std::string const number = padded(input.document_number, 9);
    std::string line1 = padded(input.document_code, 2) + padded(input.issuing_state, 3) + number + mrz_check_digit(number)
        + padded(to_mrz_characters(input.optional_data), 15);
    std::string line2 = *birth + mrz_check_digit(*birth) + (input.sex.empty() ? std::string("<") : std::string(input.sex))
        + *expiry + mrz_check_digit(*expiry) + padded(input.nationality, 3) + padded("", 11);
    std::string const composite = line1.substr(5, 25) + line2.substr(0, 7) + line2.substr(8, 7) + line2.substr(18, 11);
    line2 += mrz_check_digit(composite);
    std::string names = to_mrz_characters(input.surname) + "<<" + to_mrz_characters(input.given_names);
    std::string const line3 = padded(names, 30);
    wipe_string(names);
    return line1 + '\n' + line2 + '\n' + line3;
}

Bytes build_dg1(std::string_view mrz_text)
{
    std::string characters;
    for (char c : mrz_text) {
        if (c != '\n' && c != '\r')
            characters += c;
    }
    Bytes const inner = encode_tlv(0x5F1F, characters);
    wipe_string(characters);
    return encode_tlv(0x61, ByteView { inner.data(), inner.size() });
}

} // namespace kiosk::id
