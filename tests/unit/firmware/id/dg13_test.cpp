// SPDX-License-Identifier: MIT
#include "id/dg13.hpp"

#include "id/tlv.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::ByteView;
using kiosk::Errc;
using namespace kiosk::id;

namespace {

ByteView view(Bytes const& bytes) { return { bytes.data(), bytes.size() }; }

Bytes item(std::uint64_t number, std::uint32_t string_tag, std::string_view text)
{
    Bytes body = encode_unsigned(number);
    append_tlv(body, string_tag, as_bytes(text));
    return encode_tlv(tag::SEQUENCE, view(body));
}

void append(Bytes& out, Bytes const& more) { out.insert(out.end(), more.begin(), more.end()); }

Dg13 sample()
{
    Dg13 d;
    d.id_number = "038187004512";
    d.full_name = "LÊ THỊ HOA";
    d.birth_date = "1987-07-12";
    d.sex = "Nữ";
    d.nationality = "Việt Nam";
    d.ethnicity = "Kinh";
    d.religion = "Không";
    d.place_of_origin = "Xã Quảng Hòa, Huyện Quảng Xương, Thanh Hóa";
    d.place_of_residence = "Số 12 Đường Trần Phú, Phường Ba Đình, Thanh Hóa";
    d.identifying_marks = "Sẹo chấm C:2cm dưới sau cánh mũi phải";
    d.issue_date = "2021-04-15";
    d.expiry_date = "2047-07-12";
    d.father_name = "LÊ VĂN AN";
    d.mother_name = "NGUYỄN THỊ BÌNH";
    d.spouse_name = "";
    d.old_id_number = "172345678";
    return d;
}

} // namespace

TEST_GROUP(Dg13) {};

TEST(Dg13, round_trips_every_field)
{
    Bytes const file = build_dg13(sample());
    CHECK_EQUAL(0x6D, file[0]);
    auto parsed = parse_dg13(view(file));
    CHECK_TRUE(parsed.has_value());
    Dg13 const expected = sample();
    STRCMP_EQUAL(expected.id_number.c_str(), parsed->id_number.c_str());
    STRCMP_EQUAL(expected.full_name.c_str(), parsed->full_name.c_str());
    STRCMP_EQUAL("1987-07-12", parsed->birth_date.c_str());
    STRCMP_EQUAL("Nữ", parsed->sex.c_str());
    STRCMP_EQUAL("F", parsed->sex_code().c_str());
    STRCMP_EQUAL("Việt Nam", parsed->nationality.c_str());
    STRCMP_EQUAL("Kinh", parsed->ethnicity.c_str());
    STRCMP_EQUAL("Không", parsed->religion.c_str());
    STRCMP_EQUAL(expected.place_of_origin.c_str(), parsed->place_of_origin.c_str());
    STRCMP_EQUAL(expected.place_of_residence.c_str(), parsed->place_of_residence.c_str());
    STRCMP_EQUAL(expected.identifying_marks.c_str(), parsed->identifying_marks.c_str());
    STRCMP_EQUAL("2021-04-15", parsed->issue_date.c_str());
    STRCMP_EQUAL("2047-07-12", parsed->expiry_date.c_str());
    STRCMP_EQUAL("LÊ VĂN AN", parsed->father_name.c_str());
    STRCMP_EQUAL("NGUYỄN THỊ BÌNH", parsed->mother_name.c_str());
    STRCMP_EQUAL("", parsed->spouse_name.c_str());
    STRCMP_EQUAL("172345678", parsed->old_id_number.c_str());
}

TEST(Dg13, dates_are_written_the_way_cards_write_them)
{
    Bytes const file = build_dg13(sample());
    std::string_view const text = as_text(view(file));
    CHECK_TRUE(text.find("12/07/1987") != std::string_view::npos);
    CHECK_TRUE(text.find("15/04/2021") != std::string_view::npos);
}

TEST(Dg13, tolerates_the_variations_of_real_cards)
{
    // A header element before the items, PrintableString numbers, parents' names directly in
    // item 13, the old ID number in item 16, an unknown item 17, and items 7 (religion), 10
    // (marks) and 14 (spouse) missing; expiry "Không thời hạn" (no time limit).
    Bytes body;
    append(body, encode_unsigned(1)); // a version number some cards start with
    append(body, item(1, tag::PRINTABLE_STRING, "001045001234"));
    append(body, item(2, tag::UTF8_STRING, "PHẠM VĂN MINH"));
    append(body, item(3, tag::PRINTABLE_STRING, "02/03/1945"));
    append(body, item(4, tag::UTF8_STRING, "Nam"));
    append(body, item(5, tag::UTF8_STRING, "Việt Nam"));
    append(body, item(6, tag::UTF8_STRING, "Kinh"));
    append(body, item(8, tag::UTF8_STRING, "Hà Nội"));
    append(body, item(9, tag::UTF8_STRING, "Hoàn Kiếm, Hà Nội"));
    append(body, item(11, tag::PRINTABLE_STRING, "10/10/2021"));
    append(body, item(12, tag::UTF8_STRING, "Không thời hạn"));
    {
        Bytes parents = encode_unsigned(13);
        append_tlv(parents, tag::UTF8_STRING, as_bytes("PHẠM VĂN CẢ"));
        append_tlv(parents, tag::UTF8_STRING, as_bytes("ĐỖ THỊ HẠNH"));
        append(body, encode_tlv(tag::SEQUENCE, view(parents)));
    }
    append(body, item(16, tag::PRINTABLE_STRING, "011234567"));
    append(body, item(17, tag::UTF8_STRING, "unknown"));
    Bytes const file = encode_tlv(0x6D, view(body));

    auto parsed = parse_dg13(view(file));
    CHECK_TRUE(parsed.has_value());
    STRCMP_EQUAL("001045001234", parsed->id_number.c_str());
    STRCMP_EQUAL("1945-03-02", parsed->birth_date.c_str());
    STRCMP_EQUAL("M", parsed->sex_code().c_str());
    STRCMP_EQUAL("", parsed->religion.c_str());
    STRCMP_EQUAL("", parsed->identifying_marks.c_str());
    STRCMP_EQUAL("Không thời hạn", parsed->expiry_date.c_str());
    STRCMP_EQUAL("PHẠM VĂN CẢ", parsed->father_name.c_str());
    STRCMP_EQUAL("ĐỖ THỊ HẠNH", parsed->mother_name.c_str());
    STRCMP_EQUAL("011234567", parsed->old_id_number.c_str());
}

TEST(Dg13, item_15_wins_over_16_for_the_old_id)
{
    Bytes body;
    append(body, item(16, tag::PRINTABLE_STRING, "999999999"));
    append(body, item(15, tag::PRINTABLE_STRING, "123456789"));
    Bytes const file = encode_tlv(0x6D, view(body));
    STRCMP_EQUAL("123456789", parse_dg13(view(file))->old_id_number.c_str());
}

TEST(Dg13, refuses_bad_bytes_with_a_reason)
{
    Bytes const wrong_tag = encode_tlv(0x6C, view(item(1, tag::UTF8_STRING, "x")));
    STRCMP_EQUAL("DG13: tag is not 0x6D", parse_dg13(view(wrong_tag)).error().context());

    Bytes const nothing_known = encode_tlv(0x6D, view(item(42, tag::UTF8_STRING, "x")));
    STRCMP_EQUAL("DG13: no known item", parse_dg13(view(nothing_known)).error().context());

    Bytes const latin1 = encode_tlv(0x6D, view(item(2, tag::UTF8_STRING, "L\xCA THI"))); // Ê in Latin-1
    STRCMP_EQUAL("DG13: value is not UTF-8", parse_dg13(view(latin1)).error().context());

    // An item whose string claims more bytes than the item holds.
    Bytes lying { 0x6D, 0x08, 0x30, 0x06, 0x02, 0x01, 0x02, 0x0C, 0x7F, 'A' };
    CHECK_TRUE(parse_dg13(view(lying)).error() == Errc::malformed);

    Bytes truncated = build_dg13(sample());
    truncated.resize(truncated.size() - 3);
    CHECK_TRUE(parse_dg13(view(truncated)).error() == Errc::malformed);

    Bytes const negative_item { 0x6D, 0x07, 0x30, 0x05, 0x02, 0x01, 0xFF, 0x0C, 0x00 };
    STRCMP_EQUAL("DG13: item number is not a small INTEGER", parse_dg13(view(negative_item)).error().context());
}

TEST(Dg13, utf8_validation)
{
    CHECK_TRUE(is_utf8("Đắk Lắk"));
    CHECK_TRUE(is_utf8(""));
    CHECK_FALSE(is_utf8("\xC0\xAF"));         // overlong
    CHECK_FALSE(is_utf8("\xED\xA0\x80"));     // surrogate
    CHECK_FALSE(is_utf8("\xF4\x90\x80\x80")); // over U+10FFFF
    CHECK_FALSE(is_utf8("\xE1\xBA"));         // truncated
}

TEST(Dg13, wipe_empties_every_field)
{
    Dg13 d = sample();
    d.wipe();
    CHECK_TRUE(d.id_number.empty());
    CHECK_TRUE(d.full_name.empty());
    CHECK_TRUE(d.place_of_residence.empty());
    CHECK_TRUE(d.old_id_number.empty());
}
