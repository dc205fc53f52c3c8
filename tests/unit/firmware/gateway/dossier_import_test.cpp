// SPDX-License-Identifier: MIT
#include "gateway/dossier_import.hpp"

#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::gateway::date_from_export;
using kiosk::gateway::ImportFormat;
using kiosk::gateway::ImportProblem;
using kiosk::gateway::ImportResult;
using kiosk::gateway::parse_export;
using kiosk::gateway::state_from_export;
using kiosk::status::DossierState;
using kiosk::status::HolidayCalendar;
using kiosk::status::iso_date;

namespace {

[[maybe_unused]] HolidayCalendar const& BUILT_IN = HolidayCalendar::vietnam();

std::string const HEADER = "MaHoSo,SoBienNhan,MaTTHC,ChuHoSo,MaDoiTuong,NgayTiepNhan,NgayHenTra,TrangThaiHoSo,DonViXuLy\n";

ImportResult import_ok(std::string const& text, ImportFormat format = ImportFormat::detect)
{
    auto result = parse_export(text, format, HolidayCalendar::vietnam());
    if (!result)
        FAIL(result.error().message().c_str());
    return std::move(result).value();
}

ImportProblem import_error(std::string const& text)
{
    auto result = parse_export(text, ImportFormat::detect, HolidayCalendar::vietnam());
    if (result)
        FAIL("expected the file to be refused");
    return result.error();
}

} // namespace

TEST_GROUP(DossierImport) {};

TEST(DossierImport, good_csv_rows_become_dossiers)
{
    auto result = import_ok(HEADER
        + "H29.01-250115-0001,BN1,1.001193,Lê Thị Hoa,038187004512,15/01/2025,22/01/2025,4,UBND phường A\n"
          "H29.01-250115-0002,BN2,1.000894,\"Trần, Văn B\",,2025-01-16,,Đã trả kết quả,UBND phường A\n");
    LONGS_EQUAL(2, static_cast<long>(result.dossiers.size()));
    LONGS_EQUAL(0, static_cast<long>(result.bad_rows.size()));
    auto const& first = result.dossiers[0];
    STRCMP_EQUAL("H29.01-250115-0001", first.code.c_str());
    CHECK_TRUE(first.state == DossierState::in_progress);
    STRCMP_EQUAL("2025-01-22", iso_date(*first.due).c_str());
    STRCMP_EQUAL("038187004512", first.owner_id.c_str());
    STRCMP_EQUAL("Trần, Văn B", result.dossiers[1].owner_name.c_str());
    CHECK_TRUE(result.dossiers[1].state == DossierState::returned);
}

TEST(DossierImport, bad_rows_are_reported_and_good_ones_kept)
{
    auto result = import_ok(HEADER
        + "H29.01-250115-0001,BN1,1.001193,A,,15/01/2025,,4,X\n"   // line 2: good
          ",BN2,1.001193,B,,15/01/2025,,4,X\n"                     // line 3: no code
          "H29.01-250115-0003,BN3,,C,,15/01/2025,,4,X\n"           // line 4: no procedure
          "H29.01-250115-0004,BN4,1.001193,D,,31/02/2025,,4,X\n"   // line 5: no such day
          "H29.01-250115-0005,BN5,1.001193,E,,15/01/2025,,99,X\n"  // line 6: unknown state
          "H29.01-250115-0006,BN6,1.001193,F,,15/01/2025,10/01/2025,4,X\n" // line 7: due before receipt
          "H29.01 250115,BN7,1.001193,G,,15/01/2025,,4,X\n"        // line 8: bad code
          "H29.01-250115-0009,BN9,1.001193,H,,15/01/2025,,9,X\n"); // line 9: good
    LONGS_EQUAL(2, static_cast<long>(result.dossiers.size()));
    LONGS_EQUAL(6, static_cast<long>(result.bad_rows.size()));
    STRCMP_EQUAL("row 3: MaHoSo: missing", result.bad_rows[0].message().c_str());
    STRCMP_EQUAL("MaTTHC", result.bad_rows[1].field.c_str());
    LONGS_EQUAL(5, static_cast<long>(result.bad_rows[2].row));
    STRCMP_EQUAL("TrangThaiHoSo", result.bad_rows[3].field.c_str());
    STRCMP_EQUAL("row 7: NgayHenTra: before NgayTiepNhan", result.bad_rows[4].message().c_str());
    LONGS_EQUAL(8, static_cast<long>(result.bad_rows[5].row));
    CHECK_TRUE(result.dossiers[1].state == DossierState::result_ready);
}

TEST(DossierImport, semicolons_bom_crlf_and_quoted_line_breaks)
{
    auto result = import_ok("\xEF\xBB\xBFMaHoSo;MaTTHC;NgayTiepNhan;TrangThaiHoSo;GiayToBoSung\r\n"
                            "H29.01-250115-0001;1.001193;20250115083000;5;\"Giấy chứng sinh\nbản chính|Ảnh 4x6\"\r\n"
                            "\r\n"
                            "H29.01-250115-0002;1.001193;15/01/2025 08:30;1;\r\n");
    LONGS_EQUAL(2, static_cast<long>(result.dossiers.size()));
    auto const& paused = result.dossiers[0];
    CHECK_TRUE(paused.state == DossierState::supplement_requested);
    CHECK_FALSE(paused.due.has_value());
    LONGS_EQUAL(2, static_cast<long>(paused.documents_requested.size()));
    STRCMP_EQUAL("Ảnh 4x6", paused.documents_requested[1].c_str());
    STRCMP_EQUAL("2025-01-15", iso_date(result.dossiers[1].received).c_str());
}

TEST(DossierImport, due_date_from_working_days_across_tet)
{
    auto result = import_ok("MaHoSo,MaTTHC,NgayTiepNhan,TrangThaiHoSo,SoNgayXuLy\n"
                            "H29.01-250122-0001,1.001193,22/01/2025,2,5\n"
                            "H29.01-250122-0002,1.001193,22/01/2025,2,many\n");
    LONGS_EQUAL(1, static_cast<long>(result.dossiers.size()));
    STRCMP_EQUAL("2025-02-05", iso_date(*result.dossiers[0].due).c_str());
    STRCMP_EQUAL("SoNgayXuLy", result.bad_rows[0].field.c_str());
}

TEST(DossierImport, bad_owner_id_is_dropped_with_a_warning)
{
    auto result = import_ok(HEADER + "H29.01-250115-0001,BN1,1.001193,A,12345,15/01/2025,,4,X\n");
    LONGS_EQUAL(1, static_cast<long>(result.dossiers.size()));
    STRCMP_EQUAL("", result.dossiers[0].owner_id.c_str());
    STRCMP_EQUAL("MaDoiTuong", result.warnings[0].field.c_str());
}

TEST(DossierImport, duplicate_code_keeps_the_later_row)
{
    auto result = import_ok(HEADER
        + "H29.01-250115-0001,BN1,1.001193,A,,15/01/2025,,4,X\n"
          "H29.01-250115-0001,BN1,1.001193,A,,15/01/2025,,10,X\n");
    LONGS_EQUAL(1, static_cast<long>(result.dossiers.size()));
    CHECK_TRUE(result.dossiers[0].state == DossierState::returned);
    LONGS_EQUAL(1, static_cast<long>(result.warnings.size()));
}

TEST(DossierImport, unclosed_quote_is_a_bad_row)
{
    auto result = import_ok(HEADER
        + "H29.01-250115-0001,BN1,1.001193,A,,15/01/2025,,4,X\n"
          "H29.01-250115-0002,BN2,1.001193,\"B,,15/01/2025,,4,X\n");
    LONGS_EQUAL(1, static_cast<long>(result.dossiers.size()));
    LONGS_EQUAL(3, static_cast<long>(result.bad_rows[0].row));
}

TEST(DossierImport, cross_agency_timeline)
{
    auto result = import_ok("MaHoSo,MaTTHC,NgayTiepNhan,TrangThaiHoSo,DonViTiepNhan,DonViXuLy,NgayCoKetQua\n"
                            "H29.01-250715-0001,1.004222,15/07/2025,9,Trung tâm PVHCC phường A,Sở Tư pháp,18/07/2025\n");
    auto const& d = result.dossiers[0];
    LONGS_EQUAL(3, static_cast<long>(d.timeline.size()));
    CHECK_TRUE(d.timeline[1].kind == kiosk::status::StepKind::transferred);
    STRCMP_EQUAL("Sở Tư pháp", d.timeline[1].agency.c_str());
    CHECK_TRUE(d.timeline[2].kind == kiosk::status::StepKind::result_ready);
}

TEST(DossierImport, json_export)
{
    auto result = import_ok(R"({"data": [
        {"MaHoSo": "H29.01-250115-0001", "MaTTHC": "1.001193", "NgayTiepNhan": "2025-01-15", "TrangThaiHoSo": 4,
         "LePhi": "50.000", "DaThanhToan": false, "HinhThucNhanKetQua": 1},
        {"MaHoSo": "H29.01-250115-0002", "MaTTHC": "1.001193", "NgayTiepNhan": "2025-01-15"},
        "not a row",
        {"MaHoSo": "H29.01-250115-0004", "MaTTHC": "1.001193", "NgayTiepNhan": 20250115, "TrangThaiHoSo": "Từ chối"}
    ]})");
    LONGS_EQUAL(2, static_cast<long>(result.dossiers.size()));
    LONGS_EQUAL(2, static_cast<long>(result.bad_rows.size()));
    auto const& first = result.dossiers[0];
    LONGS_EQUAL(50000, static_cast<long>(first.fee->amount_vnd));
    CHECK_FALSE(first.fee->paid);
    CHECK_TRUE(first.delivery == kiosk::status::Delivery::post);
    STRCMP_EQUAL("row 2: TrangThaiHoSo: missing", result.bad_rows[0].message().c_str());
    STRCMP_EQUAL("row 3: expected an object", result.bad_rows[1].message().c_str());
    CHECK_TRUE(result.dossiers[1].state == DossierState::rejected);
}

TEST(DossierImport, unusable_files_are_refused_whole)
{
    STRCMP_EQUAL("file: not valid JSON", import_error("[{\"MaHoSo\": ").message().c_str());
    STRCMP_EQUAL("file: empty file: no header row", import_error("\n\n").message().c_str());
    auto missing = import_error("MaHoSo,MaTTHC\nA,B\n");
    STRCMP_CONTAINS("ngaytiepnhan, trangthaihoso", missing.what.c_str());
    auto twice = import_error("MaHoSo,MaHoSo,MaTTHC,NgayTiepNhan,TrangThaiHoSo\n");
    STRCMP_EQUAL("column named twice in the header", twice.what.c_str());
    STRCMP_CONTAINS("expected an array", import_error("{\"rows\": 3}").what.c_str());
}

TEST(DossierImport, state_codes_and_names)
{
    CHECK_TRUE(state_from_export("1") == DossierState::received);
    CHECK_TRUE(state_from_export("3") == DossierState::rejected);
    CHECK_TRUE(state_from_export("5") == DossierState::supplement_requested);
    CHECK_TRUE(state_from_export("7") == DossierState::withdrawn);
    CHECK_TRUE(state_from_export("9") == DossierState::result_ready);
    CHECK_TRUE(state_from_export("10") == DossierState::returned);
    CHECK_TRUE(state_from_export("ĐANG XỬ LÝ") == DossierState::in_progress);
    CHECK_TRUE(state_from_export("cho bo sung") == DossierState::supplement_requested);
    CHECK_TRUE(state_from_export("withdrawn") == DossierState::withdrawn);
    CHECK_FALSE(state_from_export("0").has_value());
    CHECK_FALSE(state_from_export("lost").has_value());
}

TEST(DossierImport, date_shapes)
{
    STRCMP_EQUAL("2025-01-05", iso_date(*date_from_export("5/1/2025")).c_str());
    STRCMP_EQUAL("2025-01-15", iso_date(*date_from_export("2025-01-15T08:30:00+07:00")).c_str());
    STRCMP_EQUAL("2025-01-15", iso_date(*date_from_export("20250115")).c_str());
    CHECK_FALSE(date_from_export("15/13/2025").has_value());
    CHECK_FALSE(date_from_export("2025/01/15").has_value());
    CHECK_FALSE(date_from_export("").has_value());
}
