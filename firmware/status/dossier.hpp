// SPDX-License-Identifier: MIT
#pragma once

#include "status/civil_date.hpp"
#include "status/working_days.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::status {

/// Where a dossier (hồ sơ) stands, as Vietnamese one-stop systems name it.
enum class DossierState {
    received,             ///< mới tiếp nhận
    in_progress,          ///< đang xử lý
    supplement_requested, ///< yêu cầu bổ sung: the processing clock is paused
    result_ready,         ///< có kết quả, chờ trả
    returned,             ///< đã trả kết quả
    rejected,             ///< từ chối (or processing stopped)
    withdrawn,            ///< công dân rút hồ sơ
};

/// Every state, in the order above.
inline constexpr DossierState ALL_STATES[] = { DossierState::received, DossierState::in_progress,
    DossierState::supplement_requested, DossierState::result_ready, DossierState::returned, DossierState::rejected,
    DossierState::withdrawn };

/// "in_progress", as in the API's JSON.
std::string_view state_name(DossierState state) noexcept;
/// The state called @p name (state_name() spelling), or std::nullopt.
std::optional<DossierState> state_from_name(std::string_view name) noexcept;
/// Message key of the state's citizen-facing label: "status.state.in_progress".
std::string_view state_message_key(DossierState state) noexcept;
/// Whether nothing more will happen to the dossier (returned, rejected, withdrawn).
bool is_closed(DossierState state) noexcept;

/// What happened at one step of the timeline.
enum class StepKind {
    received,             ///< tiếp nhận at the receiving center
    transferred,          ///< chuyển xử lý to another agency (cross-agency since the July 2025 reform)
    processing,           ///< an agency works on it (thẩm định, trình ký, ...)
    supplement_requested, ///< the agency asks for a document
    supplement_received,  ///< the citizen brought it; the clock runs again
    fee_requested,        ///< a fee or tax must be paid
    fee_paid,
    result_ready,  ///< the result waits at the counter (or goes to the post)
    sent_by_post,  ///< handed to the postal service (dịch vụ bưu chính công ích)
    returned,      ///< handed to the citizen
    rejected,
    withdrawn,
};

std::string_view step_name(StepKind kind) noexcept;
std::optional<StepKind> step_from_name(std::string_view name) noexcept;

/// One dated step, with the agency that did it.
struct TimelineStep {
    Date date;
    StepKind kind = StepKind::processing;
    std::string agency;
    std::string note; ///< free text from the agency (never personal data)
};

/// How the citizen gets the result.
enum class Delivery {
    counter, ///< at the receiving center's counter
    post,    ///< by post to the citizen's address
};

/// A fee or charge (lệ phí) for the procedure.
struct Fee {
    std::int64_t amount_vnd = 0;
    bool paid = false;
};

/// A dossier as the kiosk shows it and the gateway stores it.
struct Dossier {
    std::string code;           ///< mã hồ sơ, what the citizen types or scans
    std::string receipt_number; ///< số biên nhận (may be empty)
    std::string procedure_code; ///< mã thủ tục hành chính, e.g. "1.001193"
    std::string procedure_name; ///< may be empty (the kiosk looks it up in the catalog)
    DossierState state = DossierState::received;
    Date received;
    std::optional<Date> due; ///< ngày hẹn trả; empty while paused or when unknown
    std::string receiving_agency;
    std::string handling_agency; ///< the agency that holds it now
    Delivery delivery = Delivery::counter;
    std::optional<Fee> fee;
    std::vector<std::string> documents_requested; ///< for supplement_requested
    std::vector<TimelineStep> timeline;           ///< in date order

    /// PERSONAL DATA (gateway side only; never in kiosk logs or the kiosk's cache):
    std::string owner_id;   ///< the citizen's 12-digit ID number (MaDoiTuong)
    std::string owner_name; ///< chủ hồ sơ
};

/// Whether the dossier is late: not closed, not waiting for the citizen's supplement (the
/// clock is paused), not yet ready, and @p today is after the due date. A ready result is
/// never overdue: the agency has done its part.
bool is_overdue(Dossier const& dossier, Date today) noexcept;

/// The supplement pauses found in the timeline (supplement_requested .. supplement_received).
std::vector<Pause> pauses(Dossier const& dossier);

/// The agencies that handled the dossier, in order of first appearance in the timeline
/// (with the current handling agency last if the timeline lacks it): one code, tracked
/// across agencies.
std::vector<std::string> agencies(Dossier const& dossier);

/// What the citizen must do next.
enum class NextStepKind {
    wait,            ///< nothing: the agency is working
    bring_documents, ///< bring the requested documents (Dossier::documents_requested)
    pay_fee,         ///< pay the fee (Dossier::fee) before the result is handed over
    collect_result,  ///< come to the counter of the receiving agency
    result_by_post,  ///< the result comes by post
    none,            ///< closed
};

struct NextStep {
    NextStepKind kind = NextStepKind::none;
    std::string_view message_key; ///< "status.next.bring_documents"
};

std::string_view next_step_name(NextStepKind kind) noexcept;
NextStep next_step(Dossier const& dossier) noexcept;

/// "Lê Thị Hoa" -> "L** T** H**": what a dossier-by-code lookup shows of the owner.
std::string masked_name(std::string_view full_name);

/// Whether @p code looks like a dossier code: 4 to 40 characters of ASCII letters, digits,
/// '-', '.' and '_' (safe in a URL path).
bool is_valid_code(std::string_view code) noexcept;

} // namespace kiosk::status
