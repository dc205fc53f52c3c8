// SPDX-License-Identifier: MIT
#include "boot/ab_slot_model.hpp"

#include <utility>

namespace kiosk::drivers {

namespace {

    bool bootable(AbSlotModel::SlotModel const& slot) { return slot.installed && slot.state != hal::SlotState::bad; }

} // namespace

AbSlotModel AbSlotModel::fresh(std::string version)
{
    AbSlotModel model;
    model.slot(hal::Slot::a) = SlotModel { hal::SlotState::good, std::move(version), true };
    return model;
}

hal::SlotStatus AbSlotModel::status(hal::Slot which) const
{
    SlotModel const& s = slot(which);
    return hal::SlotStatus { which, s.state, s.version };
}

Result<void> AbSlotModel::check_installable(hal::Slot which) const
{
    if (which == booted)
        return fail(Errc::invalid_argument, "installing: cannot overwrite the booted slot");
    return {};
}

void AbSlotModel::installed(hal::Slot which, std::string_view version)
{
    slot(which) = SlotModel { hal::SlotState::empty, std::string(version), true };
    if (next_boot == which)
        next_boot.reset();
}

Result<void> AbSlotModel::set_next_boot(hal::Slot which)
{
    if (!bootable(slot(which)))
        return fail(Errc::not_ready, "choosing the next boot: slot is empty or bad");
    if (next_boot.has_value() && *next_boot != which && slot(*next_boot).state == hal::SlotState::trial
        && *next_boot != booted) {
        // Un-choosing a slot that never booted returns it to "installed".
        slot(*next_boot).state = hal::SlotState::empty;
    }
    if (which == booted) {
        next_boot.reset();
        return {};
    }
    slot(which).state = hal::SlotState::trial;
    next_boot = which;
    return {};
}

void AbSlotModel::mark_good() { slot(booted).state = hal::SlotState::good; }

void AbSlotModel::mark_bad(hal::Slot which)
{
    slot(which).state = hal::SlotState::bad;
    if (next_boot == which)
        next_boot.reset();
}

void AbSlotModel::reboot()
{
    SlotModel& current = slot(booted);
    hal::Slot const other = hal::other_slot(booted);
    bool const failed_trial = current.state == hal::SlotState::trial || current.state == hal::SlotState::bad;
    bool const can_fall_back
        = slot(other).state == hal::SlotState::good || slot(other).state == hal::SlotState::trial;
    if (failed_trial && can_fall_back) {
        // The boot counter is used up: the boot loader falls back and never retries this slot.
        current.state = hal::SlotState::bad;
        booted = other;
        next_boot.reset();
        return;
    }
    if (next_boot.has_value()) {
        // A booted trial slot that is left for another choice never passed its trial.
        if (current.state == hal::SlotState::trial)
            current.state = hal::SlotState::bad;
        booted = *next_boot;
        next_boot.reset();
    }
    // Otherwise the same slot boots again; a trial slot with nothing to fall back to stays on
    // trial (a real boot loader has no other choice either).
}

std::string_view AbSlotModel::state_text(SlotModel const& slot)
{
    if (slot.state == hal::SlotState::empty && slot.installed)
        return "installed";
    return hal::slot_state_name(slot.state);
}

std::string AbSlotModel::describe() const
{
    auto part = [&](hal::Slot which) {
        SlotModel const& s = slot(which);
        if (!s.installed && s.state == hal::SlotState::empty)
            return std::string("empty");
        std::string text(state_text(s));
        if (!s.version.empty())
            text += ", " + s.version;
        return text;
    };
    std::string text = "booted slot ";
    text += hal::slot_name(booted);
    text += " (" + part(booted) + "), slot ";
    text += hal::slot_name(hal::other_slot(booted));
    std::string const other = part(hal::other_slot(booted));
    text += other == "empty" ? " empty" : " (" + other + ")";
    return text;
}

} // namespace kiosk::drivers
