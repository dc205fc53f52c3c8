// SPDX-License-Identifier: MIT
#pragma once

#include <status/dossier.hpp>
#include <status/holiday_calendar.hpp>

#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::gateway {

/// Which export format a file is in.
enum class ImportFormat {
    detect, ///< JSON if the first non-blank character is '[' or '{', else CSV
    csv,    ///< header row + rows; ',' or ';' separated, RFC 4180 quotes, optional UTF-8 BOM
    json,   ///< an array of row objects, or an object holding one under "data", "HoSo" or "dossiers"
};

/// A problem with one row (or, with row 0, with the whole file).
struct ImportProblem {
    std::size_t row = 0; ///< CSV: the line number of the row's start; JSON: 1-based array index
    std::string field;   ///< the export's column name (MaHoSo, NgayTiepNhan, ...), may be empty
    std::string what;

    [[nodiscard]] std::string message() const;
};

/// What an import found: the good rows as dossiers, the bad rows (skipped, each with its
/// reason) and warnings about good rows (a field dropped, a row replacing an earlier one).
struct ImportResult {
    std::vector<status::Dossier> dossiers;
    std::vector<ImportProblem> bad_rows;
    std::vector<ImportProblem> warnings;
};

/// Largest export accepted in one call.
inline constexpr std::size_t MAX_IMPORT_BYTES = std::size_t { 64 } * 1024 * 1024;

/// Parses a one-stop system's dossier export. Columns (case-insensitive; others ignored):
/// MaHoSo, MaTTHC, NgayTiepNhan and TrangThaiHoSo are required per row; SoBienNhan, TenTTHC,
/// ChuHoSo, MaDoiTuong (the owner's 12-digit ID number), NgayHenTra, SoNgayXuLy (working
/// days, used when NgayHenTra is missing), NgayCoKetQua, NgayTraKetQua, DonViTiepNhan,
/// DonViXuLy, HinhThucNhanKetQua (counter/post, 0/1), LePhi, DaThanhToan, GiayToBoSung
/// ('|' or ';' separated) are optional. Dates: dd/MM/yyyy, yyyy-MM-dd, yyyyMMdd, each
/// optionally with a time; yyyyMMddHHmmss. TrangThaiHoSo: the national portal's codes 1-10
/// or the state's name in Vietnamese (with or without diacritics) or English.
/// A bad row is reported and skipped, never the good ones around it; a code seen twice keeps
/// the later row (with a warning). Never throws, whatever the bytes.
/// @p calendar computes due dates from SoNgayXuLy.
/// @return Errc-free ImportProblem (row 0) when the file as a whole is unusable: not JSON,
///         no header, a required column missing, larger than MAX_IMPORT_BYTES.
Expected<ImportResult, ImportProblem> parse_export(
    std::string_view text, ImportFormat format, status::HolidayCalendar const& calendar);

/// The state named by a TrangThaiHoSo value, or std::nullopt.
std::optional<status::DossierState> state_from_export(std::string_view value);

/// A date in any of the export's shapes, or std::nullopt.
std::optional<status::Date> date_from_export(std::string_view value);

} // namespace kiosk::gateway
