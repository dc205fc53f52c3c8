// SPDX-License-Identifier: MIT
#pragma once

// The procedure catalog's data model, after the national procedures database
// (Cơ sở dữ liệu quốc gia về thủ tục hành chính) and the two-level local government in
// force since 1 July 2025 (province and commune; districts abolished).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::catalog {

/// Which level of government carries out the procedure after the 2025 reform.
enum class Level {
    central,
    province,
    commune,
};

/// How a dossier can be handed in.
enum class ChannelKind {
    in_person, ///< at the service center (trực tiếp)
    online,    ///< through the public service portal (trực tuyến)
    postal,    ///< by post (dịch vụ bưu chính công ích)
};

/// How much of the procedure can be done online.
enum class OnlineLevel {
    none,    ///< not online
    partial, ///< một phần: dossier online, result or originals at the counter
    full,    ///< toàn trình: from dossier to result online
};

/// One way of handing in the dossier, with its time and fee.
struct Channel {
    ChannelKind kind = ChannelKind::in_person;
    /// Processing time in working days; 0.5 means within the working day it was received.
    double processing_days = 0;
    std::string processing_note; ///< e.g. "Ngay trong ngày nếu nhận hồ sơ trước 15 giờ"
    std::int64_t fee_vnd = 0;    ///< 0 = free of charge (miễn lệ phí)
    std::string fee_note;        ///< exemptions, per-page fees, ...
};

/// One component of the dossier (thành phần hồ sơ).
struct Document {
    std::string name;
    int originals = 0; ///< bản chính
    int copies = 0;    ///< bản sao
    std::string form;  ///< the form template (mẫu tờ khai), empty if none
    std::string note;
};

/// A group of procedures citizens look for together (sự kiện cuộc sống).
struct LifeEvent {
    std::string id; ///< "birth", "marriage", ...
    std::string name;
    std::string name_en;
};

/// A field of state management (lĩnh vực).
struct Field {
    std::string id; ///< "ho-tich", "chung-thuc", ...
    std::string name;
    std::string name_en;
};

/// One administrative procedure (thủ tục hành chính).
struct Procedure {
    /// National code "D.NNNNNN" (1.001193); local variants append the agency id
    /// ("1.001193.000.00.00.H26").
    std::string code;
    std::string name;
    std::string name_en;
    std::string field; ///< Field::id
    Level level = Level::commune;
    std::string implementing_agency; ///< cơ quan thực hiện
    std::string competent_agency;    ///< cơ quan có thẩm quyền
    std::vector<std::string> applicants;
    std::vector<std::string> steps;
    std::vector<Channel> channels;
    std::vector<Document> documents;
    std::string result; ///< the document the citizen receives
    std::vector<std::string> conditions;
    std::vector<std::string> legal_basis;
    OnlineLevel online_level = OnlineLevel::none;
    std::vector<std::string> life_events; ///< LifeEvent::id
    std::vector<std::string> keywords;    ///< other words citizens use for it
    std::int64_t popularity = 0;          ///< higher = asked for more often
};

/// A whole catalog as published.
struct Catalog {
    std::string version;   ///< publisher's version string, e.g. "2025.07-sample.1"
    std::string published; ///< ISO 8601 date
    bool sample = false;   ///< true for sample or synthetic data, never for an official catalog
    std::vector<Field> fields;
    std::vector<LifeEvent> life_events;
    std::vector<Procedure> procedures;
};

/// "central", "province", "commune".
std::string_view level_name(Level level) noexcept;
/// "in_person", "online", "postal".
std::string_view channel_kind_name(ChannelKind kind) noexcept;
/// "none", "partial", "full".
std::string_view online_level_name(OnlineLevel level) noexcept;

std::optional<Level> parse_level(std::string_view name) noexcept;
std::optional<ChannelKind> parse_channel_kind(std::string_view name) noexcept;
std::optional<OnlineLevel> parse_online_level(std::string_view name) noexcept;

/// True for "D.NNNNNN" or a local variant "D.NNNNNN.NNN.NN.NN.XNN" (letter + two digits).
bool is_valid_procedure_code(std::string_view code) noexcept;

} // namespace kiosk::catalog
