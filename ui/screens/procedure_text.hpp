// SPDX-License-Identifier: MIT
#pragma once

// What the procedure screens (search, browse, group list, detail) share: the catalog's facts
// in plain words of the citizen's language, result rows, and the procedure's public address.

#include "ui/screens/screen.hpp"

#include <catalog/catalog_store.hpp>
#include <catalog/procedure.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

class ScrollView;

/// The address that opens procedure @p code on the national public service portal (the QR on
/// the detail screen and on the printed checklist). The catalog has no address field, so this
/// is the portal's procedure page with the national code.
std::string procedure_public_url(std::string_view code);

/// @p vi or, in English when there is one, @p en.
std::string const& localized(ScreenHost& host, std::string const& vi, std::string const& en);

/// "Miễn lệ phí" / "50.000 đồng".
std::string fee_text(ScreenHost& host, std::int64_t fee_vnd);
/// "Trong ngày làm việc" (0.5 day or less) / "3 ngày làm việc" / "1,5 ngày làm việc".
std::string days_text(ScreenHost& host, double days);
/// "Nộp trực tiếp" / "Nộp trực tuyến" / "Nộp qua bưu điện".
std::string const& channel_text(ScreenHost& host, catalog::ChannelKind kind);
/// "1 bản chính, 2 bản sao" (only the non-zero counts).
std::string copies_text(ScreenHost& host, catalog::Document const& document);
/// The short line under a procedure's name: field, fee and time of its first channel.
std::string summary_text(ScreenHost& host, catalog::Procedure const& procedure, std::string const& field_name);

/// Field id -> its name in the citizen's language (empty when the catalog cannot say).
std::map<std::string, std::string> field_names(ScreenHost& host, catalog::CatalogStore const& store);

/// Height a button row needs for @p text (bold, @p text_px) and @p detail (small) at @p width.
int row_height(ScreenHost& host, std::string const& text, int text_px, std::string const& detail, int width);

/// Adds one row per hit to @p list: the name (in the citizen's language) with the summary line;
/// a tap keeps the code in the session and opens the detail screen.
void add_procedure_rows(ScreenHost& host, ScrollView& list, catalog::CatalogStore const& store,
    std::vector<catalog::SearchHit> const& hits, std::map<std::string, std::string> const& fields);

/// Adds a wrapped label row (body text unless @p text_px is given).
void add_text_row(ScreenHost& host, ScrollView& list, std::string const& text, int text_px = 0,
    bool bold = false, bool muted = false);

} // namespace kiosk::ui
