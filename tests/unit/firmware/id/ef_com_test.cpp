// SPDX-License-Identifier: MIT
#include "id/ef_com.hpp"

#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::Bytes;
using kiosk::Errc;
using namespace kiosk::id;

TEST_GROUP(EfCom) {};

TEST(EfCom, round_trips_and_lists_data_groups)
{
    Bytes const file = build_ef_com(EfCom { "0107", "040000", { 0x61, 0x75, 0x6D, 0x6E, 0x42 } });
    auto com = parse_ef_com({ file.data(), file.size() });
    CHECK_TRUE(com.has_value());
    STRCMP_EQUAL("0107", com->lds_version.c_str());
    STRCMP_EQUAL("040000", com->unicode_version.c_str());
    CHECK_TRUE((com->data_groups() == std::vector<int> { 1, 2, 13, 14 })); // 0x42 is no DG
}

TEST(EfCom, parses_the_icao_example)
{
    // ICAO 9303 part 10, 4.6.1: LDS 1.7, Unicode 4.0.0, DG1 DG2.
    Bytes const file { 0x60, 0x14, 0x5F, 0x01, 0x04, '0', '1', '0', '7', 0x5F, 0x36, 0x06, '0', '4', '0', '0', '0', '0',
        0x5C, 0x02, 0x61, 0x75 };
    auto com = parse_ef_com({ file.data(), file.size() });
    CHECK_TRUE(com.has_value());
    CHECK_TRUE((com->data_groups() == std::vector<int> { 1, 2 }));
}

TEST(EfCom, refuses_a_missing_tag_list_or_wrong_tag)
{
    Bytes const no_list { 0x60, 0x03, 0x5F, 0x01, 0x00 };
    STRCMP_EQUAL("EF.COM: no tag list (0x5C)", parse_ef_com({ no_list.data(), no_list.size() }).error().context());
    Bytes const wrong { 0x61, 0x02, 0x5C, 0x00 };
    CHECK_TRUE(parse_ef_com({ wrong.data(), wrong.size() }).error() == Errc::malformed);
}

TEST(EfCom, dg_tag_table)
{
    CHECK_EQUAL(1, dg_number_of_tag(0x61));
    CHECK_EQUAL(13, dg_number_of_tag(0x6D));
    CHECK_EQUAL(0, dg_number_of_tag(0x77));
    CHECK_EQUAL(0x75, dg_tag_of_number(2));
    CHECK_EQUAL(0, dg_tag_of_number(17));
}
