// SPDX-License-Identifier: MIT
#include "id/dg13.hpp"

#include "id/tlv.hpp"
#include "id/wipe.hpp"

#include <array>
#include <vector>

namespace kiosk::id {

namespace {

bool is_string_tag(std::uint32_t tag_number)
{
    return tag_number == tag::UTF8_STRING || tag_number == tag::PRINTABLE_STRING || tag_number == tag::IA5_STRING
        || tag_number == tag::OCTET_STRING;
}

bool digits(std::string_view text)
{
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return !text.empty();
}

// "12/07/1987" -> "1987-07-12"; anything else is returned as it is.
std::string card_date_to_iso(std::string_view text)
{
    if (text.size() == 10 && text[2] == '/' && text[5] == '/' && digits(text.substr(0, 2)) && digits(text.substr(3, 2))
        && digits(text.substr(6, 4))) {
        std::string iso;
        iso += text.substr(6, 4);
        iso += '-';
        iso += text.substr(3, 2);
        iso += '-';
        iso += text.substr(0, 2);
        return iso;
    }
    return std::string(text);
}

std::string iso_to_card_date(std::string_view text)
{
    if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
        std::string card;
        card += text.substr(8, 2);
        card += '/';
        card += text.substr(5, 2);
        card += '/';
        card += text.substr(0, 4);
        return card;
    }
    return std::string(text);
}

// The strings of @p contents in order: direct string children, and strings inside
// SEQUENCE/SET children one level down (item 13's two names come either way).
Result<std::vector<std::string>> item_strings(ByteView contents)
{
    std::vector<std::string> strings;
    TlvReader reader(contents);
    while (auto child = KIOSK_TRY(reader.next())) {
        if (is_string_tag(child->tag)) {
            strings.emplace_back(as_text(child->value));
        } else if (child->tag == tag::SEQUENCE || child->tag == tag::SET) {
            TlvReader inner(child->value);
            while (auto grandchild = KIOSK_TRY(inner.next())) {
                if (is_string_tag(grandchild->tag))
                    strings.emplace_back(as_text(grandchild->value));
            }
        }
    }
    for (auto const& text : strings) {
        if (!is_utf8(text))
            return fail(Errc::malformed, "DG13: value is not UTF-8");
    }
    return strings;
}

void wipe_all(std::vector<std::string>& strings) noexcept
{
    for (auto& text : strings)
        wipe_string(text);
}

// Item number -> field. Items 13 (two names) and 15/16 (old ID) are handled by the caller.
std::string* field_of(Dg13& out, std::uint64_t item)
{
    switch (item) {
    case 1: return &out.id_number;
    case 2: return &out.full_name;
    case 3: return &out.birth_date;
    case 4: return &out.sex;
    case 5: return &out.nationality;
    case 6: return &out.ethnicity;
    case 7: return &out.religion;
    case 8: return &out.place_of_origin;
    case 9: return &out.place_of_residence;
    case 10: return &out.identifying_marks;
    case 11: return &out.issue_date;
    case 12: return &out.expiry_date;
    case 14: return &out.spouse_name;
    default: return nullptr;
    }
}

void append_item(Bytes& out, std::uint64_t item, std::string_view text)
{
    Bytes body = encode_unsigned(item);
    append_tlv(body, tag::UTF8_STRING, as_bytes(text));
    append_tlv(out, tag::SEQUENCE, ByteView { body.data(), body.size() });
    wipe_bytes(body);
}

} // namespace

Dg13::~Dg13() { wipe(); }

void Dg13::wipe() noexcept
{
    for (auto* field : { &id_number, &full_name, &birth_date, &sex, &nationality, &ethnicity, &religion, &place_of_origin,
             &place_of_residence, &identifying_marks, &issue_date, &expiry_date, &father_name, &mother_name, &spouse_name,
             &old_id_number })
        wipe_string(*field);
}

std::string Dg13::sex_code() const
{
    if (sex == "Nữ" || sex == "Nu" || sex == "F")
        return "F";
    if (sex == "Nam" || sex == "M")
        return "M";
    return "";
}

bool is_utf8(std::string_view text) noexcept
{
    std::size_t i = 0;
    while (i < text.size()) {
        auto const lead = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        char32_t code = 0;
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            code = lead & 0x1FU;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            code = lead & 0x0FU;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            code = lead & 0x07U;
        } else {
            return false;
        }
        if (text.size() - i < length)
            return false;
        for (std::size_t k = 1; k < length; ++k) {
            auto const byte = static_cast<unsigned char>(text[i + k]);
            if ((byte & 0xC0U) != 0x80)
                return false;
            code = (code << 6U) | (byte & 0x3FU);
        }
        if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) || code > 0x10FFFF
            || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

Result<Dg13> parse_dg13(ByteView file)
{
    auto const dg13 = KIOSK_TRY(parse_single(file));
    if (dg13.tag != 0x6D)
        return fail(Errc::malformed, "DG13: tag is not 0x6D");
    Dg13 out;
    std::string item16;
    bool known = false;
    TlvReader reader(dg13.value);
    while (auto child = KIOSK_TRY(reader.next())) {
        if (child->tag != tag::SEQUENCE)
            continue; // headers and vendor elements
        ByteView body = child->value;
        if (body.empty())
            continue;
        auto const number_element = KIOSK_TRY(read_tlv(body));
        if (number_element.tag != tag::INTEGER) {
            KIOSK_TRY(validate(child->value));
            continue;
        }
        auto const item = to_unsigned(number_element.value);
        if (!item)
            return fail(Errc::malformed, "DG13: item number is not a small INTEGER");
        auto strings = KIOSK_TRY(item_strings(body));
        if (*item == 13) {
            if (!strings.empty())
                out.father_name = strings[0];
            if (strings.size() > 1)
                out.mother_name = strings[1];
            known = true;
        } else if (*item == 15 || *item == 16) {
            auto& target = *item == 15 ? out.old_id_number : item16;
            if (!strings.empty())
                target = strings[0];
            known = true;
        } else if (auto* field = field_of(out, *item); field != nullptr) {
            if (!strings.empty())
                *field = strings[0];
            known = true;
        }
        wipe_all(strings);
    }
    if (!known)
        return fail(Errc::malformed, "DG13: no known item");
    if (out.old_id_number.empty() && digits(item16))
        out.old_id_number = item16;
    wipe_string(item16);
    for (auto* date : { &out.birth_date, &out.issue_date, &out.expiry_date }) {
        std::string iso = card_date_to_iso(*date);
        wipe_string(*date);
        *date = std::move(iso);
    }
    return out;
}

Bytes build_dg13(Dg13 const& fields)
{
    Bytes body;
    std::array<std::string const*, 12> const plain { &fields.id_number, &fields.full_name, nullptr, &fields.sex,
        &fields.nationality, &fields.ethnicity, &fields.religion, &fields.place_of_origin, &fields.place_of_residence,
        &fields.identifying_marks, nullptr, nullptr };
    for (std::size_t i = 0; i < plain.size(); ++i) {
        auto const item = static_cast<std::uint64_t>(i + 1);
        if (plain[i] != nullptr) {
            append_item(body, item, *plain[i]);
        } else {
            std::string const& iso = item == 3 ? fields.birth_date : item == 11 ? fields.issue_date : fields.expiry_date;
            std::string card = iso_to_card_date(iso);
            append_item(body, item, card);
            wipe_string(card);
        }
    }
    {
        Bytes parents = encode_unsigned(13);
        Bytes const father = encode_tlv(tag::UTF8_STRING, fields.father_name);
        Bytes const mother = encode_tlv(tag::UTF8_STRING, fields.mother_name);
        append_tlv(parents, tag::SEQUENCE, ByteView { father.data(), father.size() });
        append_tlv(parents, tag::SEQUENCE, ByteView { mother.data(), mother.size() });
        append_tlv(body, tag::SEQUENCE, ByteView { parents.data(), parents.size() });
        wipe_bytes(parents);
    }
    append_item(body, 14, fields.spouse_name);
    append_item(body, 15, fields.old_id_number);
    Bytes out = encode_tlv(0x6D, ByteView { body.data(), body.size() });
    wipe_bytes(body);
    return out;
}

} // namespace kiosk::id
