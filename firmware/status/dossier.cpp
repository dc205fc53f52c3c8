// SPDX-License-Identifier: MIT
#include "status/dossier.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace kiosk::status {

namespace {

constexpr std::array STATE_NAMES { std::pair { DossierState::received, std::string_view("received") },
    std::pair { DossierState::in_progress, std::string_view("in_progress") },
    std::pair { DossierState::supplement_requested, std::string_view("supplement_requested") },
    std::pair { DossierState::result_ready, std::string_view("result_ready") },
    std::pair { DossierState::returned, std::string_view("returned") },
    std::pair { DossierState::rejected, std::string_view("rejected") },
    std::pair { DossierState::withdrawn, std::string_view("withdrawn") } };

constexpr std::array STATE_KEYS { std::string_view("status.state.received"),
    std::string_view("status.state.in_progress"), std::string_view("status.state.supplement_requested"),
    std::string_view("status.state.result_ready"), std::string_view("status.state.returned"),
    std::string_view("status.state.rejected"), std::string_view("status.state.withdrawn") };

constexpr std::array STEP_NAMES { std::pair { StepKind::received, std::string_view("received") },
    std::pair { StepKind::transferred, std::string_view("transferred") },
    std::pair { StepKind::processing, std::string_view("processing") },
    std::pair { StepKind::supplement_requested, std::string_view("supplement_requested") },
    std::pair { StepKind::supplement_received, std::string_view("supplement_received") },
    std::pair { StepKind::fee_requested, std::string_view("fee_requested") },
    std::pair { StepKind::fee_paid, std::string_view("fee_paid") },
    std::pair { StepKind::result_ready, std::string_view("result_ready") },
    std::pair { StepKind::sent_by_post, std::string_view("sent_by_post") },
    std::pair { StepKind::returned, std::string_view("returned") },
    std::pair { StepKind::rejected, std::string_view("rejected") },
    std::pair { StepKind::withdrawn, std::string_view("withdrawn") } };

constexpr std::array NEXT_NAMES { std::pair { NextStepKind::wait, std::string_view("wait") },
    std::pair { NextStepKind::bring_documents, std::string_view("bring_documents") },
    std::pair { NextStepKind::pay_fee, std::string_view("pay_fee") },
    std::pair { NextStepKind::collect_result, std::string_view("collect_result") },
    std::pair { NextStepKind::result_by_post, std::string_view("result_by_post") },
    std::pair { NextStepKind::none, std::string_view("none") } };

template <class Table, class Key>
std::string_view name_of(Table const& table, Key key) noexcept
{
    for (auto const& [value, name] : table) {
        if (value == key)
            return name;
    }
    return "unknown";
}

template <class Key, class Table>
std::optional<Key> value_of(Table const& table, std::string_view name) noexcept
{
    for (auto const& [value, entry] : table) {
        if (entry == name)
            return value;
    }
    return std::nullopt;
}

bool fee_unpaid(Dossier const& dossier) noexcept
{
    return dossier.fee && !dossier.fee->paid && dossier.fee->amount_vnd > 0;
}

// Length of the UTF-8 sequence that starts with @p lead (1 for stray continuation bytes).
std::size_t utf8_length(unsigned char lead) noexcept
{
    if (lead >= 0xF0)
        return 4;
    if (lead >= 0xE0)
        return 3;
    if (lead >= 0xC0)
        return 2;
    return 1;
}

} // namespace

std::string_view state_name(DossierState state) noexcept { return name_of(STATE_NAMES, state); }

std::optional<DossierState> state_from_name(std::string_view name) noexcept
{
    return value_of<DossierState>(STATE_NAMES, name);
}

std::string_view state_message_key(DossierState state) noexcept
{
    return STATE_KEYS.at(static_cast<std::size_t>(state));
}

bool is_closed(DossierState state) noexcept
{
    return state == DossierState::returned || state == DossierState::rejected || state == DossierState::withdrawn;
}

std::string_view step_name(StepKind kind) noexcept { return name_of(STEP_NAMES, kind); }

std::optional<StepKind> step_from_name(std::string_view name) noexcept { return value_of<StepKind>(STEP_NAMES, name); }

std::string_view next_step_name(NextStepKind kind) noexcept { return name_of(NEXT_NAMES, kind); }

bool is_overdue(Dossier const& dossier, Date today) noexcept
{
    if (dossier.state != DossierState::received && dossier.state != DossierState::in_progress)
        return false;
    return dossier.due && today > *dossier.due;
}

std::vector<Pause> pauses(Dossier const& dossier)
{
    std::vector<Pause> found;
    for (auto const& step : dossier.timeline) {
        if (step.kind == StepKind::supplement_requested && (found.empty() || found.back().to))
            found.push_back(Pause { step.date, std::nullopt });
        else if (step.kind == StepKind::supplement_received && !found.empty() && !found.back().to)
            found.back().to = step.date;
    }
    return found;
}

std::vector<std::string> agencies(Dossier const& dossier)
{
    std::vector<std::string> found;
    auto add = [&found](std::string const& agency) {
        if (!agency.empty() && std::find(found.begin(), found.end(), agency) == found.end())
            found.push_back(agency);
    };
    add(dossier.receiving_agency);
    for (auto const& step : dossier.timeline)
        add(step.agency);
    add(dossier.handling_agency);
    return found;
}

NextStep next_step(Dossier const& dossier) noexcept
{
    switch (dossier.state) {
    case DossierState::received:
    case DossierState::in_progress:
        if (fee_unpaid(dossier))
            return { NextStepKind::pay_fee, "status.next.pay_fee" };
        return { NextStepKind::wait, "status.next.wait" };
    case DossierState::supplement_requested:
        return { NextStepKind::bring_documents, "status.next.bring_documents" };
    case DossierState::result_ready:
        if (fee_unpaid(dossier))
            return { NextStepKind::pay_fee, "status.next.pay_fee" };
        if (dossier.delivery == Delivery::post)
            return { NextStepKind::result_by_post, "status.next.result_by_post" };
        return { NextStepKind::collect_result, "status.next.collect_result" };
    case DossierState::returned:
    case DossierState::rejected:
    case DossierState::withdrawn:
        break;
    }
    return { NextStepKind::none, "status.next.none" };
}

std::string masked_name(std::string_view full_name)
{
    std::string masked;
    bool word_start = true;
    for (std::size_t i = 0; i < full_name.size();) {
        auto length = std::min(utf8_length(static_cast<unsigned char>(full_name[i])), full_name.size() - i);
        if (full_name[i] == ' ') {
            word_start = true;
        } else if (word_start) {
            if (!masked.empty())
                masked += ' ';
            masked.append(full_name.substr(i, length));
            masked += "**";
            word_start = false;
        }
        i += length;
    }
    return masked;
}

bool is_valid_code(std::string_view code) noexcept
{
    if (code.size() < 4 || code.size() > 40)
        return false;
    return std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '.'
            || c == '_';
    });
}

} // namespace kiosk::status
