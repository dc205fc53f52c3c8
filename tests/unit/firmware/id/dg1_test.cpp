// SPDX-License-Identifier: MIT
#include "id/dg1.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::Errc;
using namespace kiosk::id;

namespace {

// ICAO 9303 part 5, appendix A (TD1) and part 4, appendix A (TD3): the specimen documents.
constexpr char const* ICAO_TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n"
                                 "7408122F1204159UTO<<<<<<<<<<<6\n"
                                 "ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
constexpr char const* ICAO_TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                 "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

std::string with_char(std::string text, std::size_t at, char c)
{
    text[at] = c;
    return text;
}

char const* context_of(std::string const& text)
{
    auto result = parse_mrz(text);
    CHECK_FALSE(result.has_value());
    return result.error().context();
}

} // namespace

TEST_GROUP(Dg1) {};

TEST(Dg1, check_digits_of_the_icao_examples)
{
    CHECK_EQUAL('7', mrz_check_digit("D23145890"));
    CHECK_EQUAL('2', mrz_check_digit("740812"));
    CHECK_EQUAL('9', mrz_check_digit("120415"));
    CHECK_EQUAL('6', mrz_check_digit("L898902C3"));
    CHECK_EQUAL('1', mrz_check_digit("ZE184226B<<<<<"));
    CHECK_EQUAL('0', mrz_check_digit("<<<"));
    CHECK_EQUAL('\0', mrz_check_digit("ab"));
}

TEST(Dg1, parses_the_icao_td1_specimen)
{
    auto mrz = parse_mrz(ICAO_TD1);
    CHECK_TRUE(mrz.has_value());
    CHECK_TRUE(mrz->format == MrzFormat::td1);
    STRCMP_EQUAL("I", mrz->document_code.c_str());
    STRCMP_EQUAL("UTO", mrz->issuing_state.c_str());
    STRCMP_EQUAL("D23145890", mrz->document_number.c_str());
    STRCMP_EQUAL("1974-08-12", mrz->birth_date.c_str());
    STRCMP_EQUAL("F", mrz->sex.c_str());
    STRCMP_EQUAL("2012-04-15", mrz->expiry_date.c_str());
    STRCMP_EQUAL("UTO", mrz->nationality.c_str());
    STRCMP_EQUAL("ERIKSSON", mrz->surname.c_str());
    STRCMP_EQUAL("ANNA MARIA", mrz->given_names.c_str());
    STRCMP_EQUAL("ERIKSSON ANNA MARIA", mrz->names().c_str());
    STRCMP_EQUAL(ICAO_TD1, mrz->text.c_str());
}

TEST(Dg1, parses_the_icao_td3_specimen)
{
    auto mrz = parse_mrz(ICAO_TD3);
    CHECK_TRUE(mrz.has_value());
    CHECK_TRUE(mrz->format == MrzFormat::td3);
    STRCMP_EQUAL("L898902C3", mrz->document_number.c_str());
    STRCMP_EQUAL("ZE184226B", mrz->optional_data.c_str());
    STRCMP_EQUAL("1974-08-12", mrz->birth_date.c_str());
    STRCMP_EQUAL("2012-04-15", mrz->expiry_date.c_str());
    STRCMP_EQUAL("ANNA MARIA", mrz->given_names.c_str());
}

TEST(Dg1, every_wrong_check_digit_is_named)
{
    std::string const td1 = ICAO_TD1;
    STRCMP_EQUAL("MRZ: document number check digit", context_of(with_char(td1, 14, '8')));
    STRCMP_EQUAL("MRZ: birth date check digit", context_of(with_char(td1, 31 + 6, '3')));
    STRCMP_EQUAL("MRZ: expiry date check digit", context_of(with_char(td1, 31 + 14, '0')));
    STRCMP_EQUAL("MRZ: composite check digit", context_of(with_char(td1, 31 + 29, '5')));
    // A changed data character breaks the field's check digit.
    STRCMP_EQUAL("MRZ: document number check digit", context_of(with_char(td1, 6, 'X')));
    std::string const td3 = ICAO_TD3;
    STRCMP_EQUAL("MRZ: personal number check digit", context_of(with_char(td3, 45 + 42, '2')));
    STRCMP_EQUAL("MRZ: composite check digit", context_of(with_char(td3, 45 + 43, '1')));
}

TEST(Dg1, refuses_wrong_shapes_characters_and_dates)
{
    STRCMP_EQUAL("MRZ: neither 3 lines of 30 (TD1) nor 2 of 44 (TD3)", context_of("I<UTO"));
    STRCMP_EQUAL("MRZ: neither 3 lines of 30 (TD1) nor 2 of 44 (TD3)", context_of(""));
    STRCMP_EQUAL("MRZ: character outside A-Z, 0-9 and <", context_of(with_char(ICAO_TD1, 70, 'e')));
    STRCMP_EQUAL("MRZ: sex is not F, M or <", context_of(with_char(ICAO_TD1, 31 + 7, 'Q')));
    // 31 February with correct check digits is still not a date.
    MrzInput input;
    input.document_number = "123456789";
    input.birth_date = "1990-02-28";
    input.expiry_date = "2030-01-01";
    input.surname = "A";
    auto text = build_td1(input);
    CHECK_TRUE(text.has_value());
    std::string bad = *text;
    bad.replace(31, 6, "900231");
    bad[37] = mrz_check_digit("900231");
    std::string composite = bad.substr(5, 25) + bad.substr(31, 7) + bad.substr(39, 7) + bad.substr(49, 11);
    bad[60] = mrz_check_digit(composite);
    STRCMP_EQUAL("MRZ: birth date is not a date", context_of(bad));
}

TEST(Dg1, td1_document_numbers_longer_than_nine_characters)
{
    // ICAO 9303 part 5, 4.2.2: the first 9 characters in the field, '<' as its check digit,
    // the rest and the real check digit at the start of the optional data.
    std::string const number = "D23145890734";
    std::string line1 = "I<UTO" + number.substr(0, 9) + "<" + number.substr(9) + mrz_check_digit(number);
    line1.resize(30, '<');
    std::string line2 = "7408122F1204159UTO<<<<<<<<<<<";
    std::string const composite = line1.substr(5, 25) + line2.substr(0, 7) + line2.substr(8, 7) + line2.substr(18, 11);
    line2 += mrz_check_digit(composite);
    std::string const text = line1 + "\n" + line2 + "\nERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    auto mrz = parse_mrz(text);
    CHECK_TRUE(mrz.has_value());
    STRCMP_EQUAL("D23145890734", mrz->document_number.c_str());
    STRCMP_EQUAL("", mrz->optional_data.c_str());

    std::string wrong = text;
    wrong[18] = wrong[18] == '0' ? '1' : '0'; // the long number's own check digit
    STRCMP_EQUAL("MRZ: document number check digit", context_of(wrong));
}

TEST(Dg1, accepts_lines_without_separators_and_with_crlf)
{
    std::string joined = ICAO_TD1;
    std::erase(joined, '\n');
    CHECK_TRUE(parse_mrz(joined).has_value());
    std::string crlf = "  I<UTOD231458907<<<<<<<<<<<<<<<\r\n7408122F1204159UTO<<<<<<<<<<<6\r\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\r\n";
    CHECK_TRUE(parse_mrz(crlf).has_value());
}

TEST(Dg1, builds_a_vietnamese_td1_that_parses_back)
{
    MrzInput input;
    input.document_number = "187004512";
    input.optional_data = "038187004512";
    input.birth_date = "1987-07-12";
    input.sex = "F";
    input.expiry_date = "2047-07-12";
    input.surname = "LÊ";
    input.given_names = "THỊ HOA";
    auto text = build_td1(input);
    CHECK_TRUE(text.has_value());
    STRCMP_EQUAL("IDVNM1870045122038187004512<<<", text->substr(0, 30).c_str());
    auto dg1 = build_dg1(*text);
    CHECK_EQUAL(0x61, dg1[0]);
    auto mrz = parse_dg1({ dg1.data(), dg1.size() });
    CHECK_TRUE(mrz.has_value());
    STRCMP_EQUAL("ID", mrz->document_code.c_str());
    STRCMP_EQUAL("187004512", mrz->document_number.c_str());
    STRCMP_EQUAL("038187004512", mrz->optional_data.c_str());
    STRCMP_EQUAL("1987-07-12", mrz->birth_date.c_str());
    STRCMP_EQUAL("2047-07-12", mrz->expiry_date.c_str());
    STRCMP_EQUAL("LE", mrz->surname.c_str());
    STRCMP_EQUAL("THI HOA", mrz->given_names.c_str());
}

TEST(Dg1, birth_century_comes_from_the_vietnamese_id_number)
{
    // Born 2001 (4th digit 2) and 1945 (4th digit 0): two-digit years alone cannot tell.
    for (auto [id, birth] : { std::pair { "001201334455", "2001-02-28" }, std::pair { "001045001234", "1945-03-02" } }) {
        MrzInput input;
        input.document_number = std::string_view(id).substr(3);
        input.optional_data = id;
        input.birth_date = birth;
        input.expiry_date = "2040-03-02";
        input.surname = "X";
        auto mrz = parse_mrz(*build_td1(input));
        CHECK_TRUE(mrz.has_value());
        STRCMP_EQUAL(birth, mrz->birth_date.c_str());
    }
}

TEST(Dg1, transliterates_vietnamese)
{
    STRCMP_EQUAL("DO<DUC<ANH", to_mrz_characters("ĐỖ ĐỨC ANH").c_str());
    STRCMP_EQUAL("NGUYEN<THI<LAN", to_mrz_characters("Nguyễn Thị Lan").c_str());
    STRCMP_EQUAL("HO<THI<MAI", to_mrz_characters("HỒ THỊ MAI").c_str());
    STRCMP_EQUAL("A<B", to_mrz_characters("A-B").c_str());
    STRCMP_EQUAL("E", to_mrz_characters("E\xCC\x82").c_str()); // NFD: E + combining circumflex
}

TEST(Dg1, dg1_must_be_tag_61_with_5f1f)
{
    Bytes const wrong_tag { 0x62, 0x02, 0x04, 0x00 };
    CHECK_TRUE(parse_dg1({ wrong_tag.data(), wrong_tag.size() }).error() == Errc::malformed);
    Bytes const no_mrz { 0x61, 0x03, 0x04, 0x01, 0x00 };
    CHECK_TRUE(parse_dg1({ no_mrz.data(), no_mrz.size() }).error() == Errc::not_found);
}

TEST(Dg1, wipe_empties_every_field)
{
    auto mrz = parse_mrz(ICAO_TD1);
    mrz->wipe();
    CHECK_TRUE(mrz->document_number.empty());
    CHECK_TRUE(mrz->surname.empty());
    CHECK_TRUE(mrz->text.empty());
}
