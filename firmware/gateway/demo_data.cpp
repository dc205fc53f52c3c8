// SPDX-License-Identifier: MIT
#include "gateway/demo_data.hpp"

#include <id/persona.hpp>

#include <array>
#include <cstdio>
#include <string>

namespace kiosk::gateway {

namespace {

using status::Date;
using status::DossierState;
using status::StepKind;
using status::TimelineStep;

struct Procedure {
    char const* code;
    char const* name;
    int working_days;
    std::int64_t fee_vnd;
    char const* handling_agency; ///< where it goes after the center (cross-agency since July 2025)
};

// Demo values: real procedure codes and names, processing times and fees chosen for the demo.
constexpr std::array PROCEDURES {
    Procedure { "1.001193", "Đăng ký khai sinh", 3, 0, nullptr },
    Procedure { "1.000894", "Đăng ký kết hôn", 5, 0, nullptr },
    Procedure { "2.000908", "Cấp bản sao từ sổ gốc", 2, 8000, nullptr },
    Procedure { "1.004222", "Cấp phiếu lý lịch tư pháp", 10, 200000, "Sở Tư pháp TP. Hồ Chí Minh" },
    Procedure { "1.003011", "Đăng ký biến động đất đai", 10, 0, "Văn phòng đăng ký đất đai TP. Hồ Chí Minh" },
    Procedure { "1.009972", "Cấp giấy phép xây dựng nhà ở riêng lẻ", 15, 75000, "Sở Xây dựng TP. Hồ Chí Minh" },
    Procedure { "2.001019", "Đăng ký thành lập hộ kinh doanh", 3, 100000, nullptr },
    Procedure { "1.010821", "Xác nhận thông tin về cư trú", 1, 0, "Công an phường Sài Gòn" },
};

constexpr std::array CENTERS {
    "Trung tâm Phục vụ hành chính công phường Sài Gòn",
    "Trung tâm Phục vụ hành chính công phường Bến Thành",
    "Trung tâm Phục vụ hành chính công phường Tân Định",
};

constexpr std::array FAMILY { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ" };
constexpr std::array MIDDLE { "Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu" };
constexpr std::array GIVEN { "An", "Bình", "Cường", "Dung", "Hà", "Khánh", "Linh", "Nam", "Phúc", "Quỳnh", "Sơn", "Tâm" };

constexpr std::array DOCUMENTS { "Bản chính giấy chứng sinh", "Bản sao trích lục hộ tịch có chứng thực",
    "Sơ đồ vị trí thửa đất", "Ảnh 4x6 chụp trong 6 tháng" };

/// Adds @p count working days to @p from (negative: goes back).
Date shift_working_days(status::HolidayCalendar const& calendar, Date from, int count)
{
    Date day = from;
    int step = count < 0 ? -1 : 1;
    for (int left = count < 0 ? -count : count; left > 0;) {
        day = status::add_days(day, step);
        if (calendar.is_working_day(day))
            --left;
    }
    return day;
}

std::string code_of(char const* series, int number)
{
    std::array<char, 32> buffer {};
    std::snprintf(buffer.data(), buffer.size(), "H40.50-%s-%04d", series, number);
    return buffer.data();
}

status::Dossier make(int seed, DossierState state, bool overdue, Date today, status::HolidayCalendar const& calendar)
{
    auto const& procedure = PROCEDURES.at(static_cast<std::size_t>(seed) % PROCEDURES.size());
    status::Dossier d;
    d.procedure_code = procedure.code;
    d.procedure_name = procedure.name;
    d.state = state;
    d.receiving_agency = CENTERS.at(static_cast<std::size_t>(seed / 3) % CENTERS.size());
    d.handling_agency = procedure.handling_agency ? procedure.handling_agency : d.receiving_agency;
    d.delivery = seed % 4 == 1 ? status::Delivery::post : status::Delivery::counter;
    if (procedure.fee_vnd > 0)
        d.fee = status::Fee { procedure.fee_vnd, state != DossierState::received || seed % 2 == 0 };
    d.receipt_number = "BN" + std::to_string(100000 + seed);

    // How long ago it came in: an overdue one came in long enough ago to be past its due date.
    int age = 1 + seed % 4;
    if (overdue)
        age = procedure.working_days + 2 + seed % 3;
    else if (state != DossierState::received && state != DossierState::in_progress)
        age = procedure.working_days + seed % 5;
    else if (age >= procedure.working_days)
        age = procedure.working_days > 1 ? procedure.working_days - 1 : 0;
    d.received = shift_working_days(calendar, today, -age);

    d.timeline.push_back(TimelineStep { d.received, StepKind::received, d.receiving_agency, "" });
    Date next = shift_working_days(calendar, d.received, 1);
    if (next > today)
        next = today;
    if (d.handling_agency != d.receiving_agency)
        d.timeline.push_back(TimelineStep { next, StepKind::transferred, d.handling_agency, "chuyển xử lý" });
    if (state != DossierState::received)
        d.timeline.push_back(TimelineStep { next, StepKind::processing, d.handling_agency, "thẩm định hồ sơ" });

    std::vector<status::Pause> pauses;
    switch (state) {
    case DossierState::received:
    case DossierState::in_progress:
        break;
    case DossierState::supplement_requested:
        d.documents_requested = { DOCUMENTS.at(static_cast<std::size_t>(seed) % DOCUMENTS.size()) };
        d.timeline.push_back(TimelineStep { next, StepKind::supplement_requested, d.handling_agency,
            "cần bổ sung giấy tờ" });
        pauses.push_back(status::Pause { next, std::nullopt });
        break;
    case DossierState::result_ready:
        d.timeline.push_back(TimelineStep { today, StepKind::result_ready, d.handling_agency, "" });
        break;
    case DossierState::returned:
        d.timeline.push_back(TimelineStep { today, StepKind::result_ready, d.handling_agency, "" });
        d.timeline.push_back(TimelineStep { today,
            d.delivery == status::Delivery::post ? StepKind::sent_by_post : StepKind::returned, d.receiving_agency,
            "" });
        break;
    case DossierState::rejected:
        d.timeline.push_back(
            TimelineStep { today, StepKind::rejected, d.handling_agency, "hồ sơ không đủ điều kiện" });
        break;
    case DossierState::withdrawn:
        d.timeline.push_back(TimelineStep { today, StepKind::withdrawn, d.receiving_agency, "công dân rút hồ sơ" });
        break;
    }
    d.due = status::due_date(calendar, d.received, procedure.working_days, pauses);
    return d;
}

} // namespace

std::vector<status::Dossier> demo_dossiers(Date today, status::HolidayCalendar const& calendar)
{
    std::vector<status::Dossier> dossiers;
    for (int i = 1; i <= DEMO_DOSSIERS; ++i) {
        auto state = status::ALL_STATES[static_cast<std::size_t>(i - 1) % std::size(status::ALL_STATES)];
        bool overdue = state == DossierState::in_progress && i % 3 == 0;
        auto d = make(i, state, overdue, today, calendar);
        d.code = code_of("DEMO", i);
        auto index = static_cast<std::size_t>(i);
        d.owner_name = std::string(FAMILY.at(index % FAMILY.size())) + " " + MIDDLE.at(index / 7 % MIDDLE.size()) + " "
            + GIVEN.at(index / 3 % GIVEN.size());
        std::array<char, 16> id {};
        std::snprintf(id.data(), id.size(), "079%03d%06d", 80 + i % 20, 500000 + i);
        d.owner_id = id.data();
        dossiers.push_back(std::move(d));
    }
    int number = 0;
    for (auto const& persona : id::personas()) {
        ++number;
        for (int j = 1; j <= 3; ++j) {
            auto state = status::ALL_STATES[static_cast<std::size_t>(number + j * 2) % std::size(status::ALL_STATES)];
            auto d = make(number * 10 + j, state, false, today, calendar);
            std::array<char, 8> series {};
            std::snprintf(series.data(), series.size(), "CD%02d", number);
            d.code = code_of(series.data(), j);
            d.owner_id = std::string(persona.id_number);
            d.owner_name = std::string(persona.full_name);
            dossiers.push_back(std::move(d));
        }
    }
    return dossiers;
}

} // namespace kiosk::gateway
