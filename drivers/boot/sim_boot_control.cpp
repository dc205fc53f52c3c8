// SPDX-License-Identifier: MIT
#include "boot/sim_boot_control.hpp"

#include <array>
#include <cerrno>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

    /// Reads @p image to its end, as writing and verifying a slot would.
    Result<void> read_through(std::filesystem::path const& image)
    {
        int const fd = ::open(image.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return Unexpected(Error::from_errno(errno, "opening the update image"));
        std::array<char, std::size_t { 64 } * 1024> buffer {};
        int read_errno = 0;
        for (;;) {
            ssize_t const got = ::read(fd, buffer.data(), buffer.size());
            if (got > 0)
                continue;
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                read_errno = errno;
            break;
        }
        ::close(fd);
        if (read_errno != 0) {
            // A directory opens but does not read (EISDIR): that is an I/O failure, not a mapping.
            return Unexpected(Error(Errc::io, "reading the update image", read_errno));
        }
        return {};
    }

    std::string_view state_text(hal::SlotState state, bool installed)
    {
        if (state == hal::SlotState::empty && installed)
            return "installed";
        return hal::slot_state_name(state);
    }

} // namespace

std::unique_ptr<SimBootControl> SimBootControl::create(std::string booted_version)
{
    // The constructor is private, so make_unique cannot reach it.
    return std::unique_ptr<SimBootControl>(new SimBootControl(std::move(booted_version)));
}

SimBootControl::SimBootControl(std::string booted_version)
{
    model(hal::Slot::a) = SlotModel { hal::SlotState::good, std::move(booted_version), true };
}

SimBootControl::~SimBootControl() = default;

bool SimBootControl::bootable(SlotModel const& slot) { return slot.installed && slot.state != hal::SlotState::bad; }

Result<std::string> SimBootControl::self_test()
{
    std::lock_guard lock(m_mutex);
    std::string text = "booted slot ";
    text += hal::slot_name(m_booted);
    auto describe = [&](hal::Slot slot) {
        SlotModel const& s = model(slot);
        if (!s.installed && s.state == hal::SlotState::empty)
            return std::string("empty");
        std::string part(state_text(s.state, s.installed));
        if (!s.version.empty())
            part += ", " + s.version;
        return part;
    };
    text += " (" + describe(m_booted) + "), slot ";
    text += hal::slot_name(hal::other_slot(m_booted));
    std::string const other = describe(hal::other_slot(m_booted));
    text += other == "empty" ? " empty" : " (" + other + ")";
    return text;
}

Result<hal::Slot> SimBootControl::booted_slot()
{
    std::lock_guard lock(m_mutex);
    return m_booted;
}

Result<hal::SlotStatus> SimBootControl::slot_status(hal::Slot slot)
{
    std::lock_guard lock(m_mutex);
    SlotModel const& s = model(slot);
    return hal::SlotStatus { slot, s.state, s.version };
}

Result<void> SimBootControl::install(hal::Slot slot, std::filesystem::path const& image, std::string_view version)
{
    {
        std::lock_guard lock(m_mutex);
        if (slot == m_booted)
            return fail(Errc::invalid_argument, "installing: cannot overwrite the booted slot");
    }
    KIOSK_TRY(read_through(image));

    std::lock_guard lock(m_mutex);
    model(slot) = SlotModel { hal::SlotState::empty, std::string(version), true };
    if (m_next_boot == slot)
        m_next_boot.reset();
    return {};
}

Result<void> SimBootControl::set_next_boot(hal::Slot slot)
{
    std::lock_guard lock(m_mutex);
    if (!bootable(model(slot)))
        return fail(Errc::not_ready, "choosing the next boot: slot is empty or bad");
    if (m_next_boot.has_value() && *m_next_boot != slot && model(*m_next_boot).state == hal::SlotState::trial
        && *m_next_boot != m_booted) {
        // Un-choosing a slot that never booted returns it to "installed".
        model(*m_next_boot).state = hal::SlotState::empty;
    }
    if (slot == m_booted) {
        m_next_boot.reset();
        return {};
    }
    model(slot).state = hal::SlotState::trial;
    m_next_boot = slot;
    return {};
}

Result<void> SimBootControl::mark_good()
{
    std::lock_guard lock(m_mutex);
    model(m_booted).state = hal::SlotState::good;
    return {};
}

Result<void> SimBootControl::mark_bad(hal::Slot slot)
{
    std::lock_guard lock(m_mutex);
    model(slot).state = hal::SlotState::bad;
    if (m_next_boot == slot)
        m_next_boot.reset();
    return {};
}

void SimBootControl::reboot()
{
    std::lock_guard lock(m_mutex);
    SlotModel& current = model(m_booted);
    hal::Slot const other = hal::other_slot(m_booted);
    bool const failed_trial = current.state == hal::SlotState::trial || current.state == hal::SlotState::bad;
    bool const can_fall_back
        = model(other).state == hal::SlotState::good || model(other).state == hal::SlotState::trial;
    if (failed_trial && can_fall_back) {
        // The boot counter is used up: the boot loader falls back and never retries this slot.
        current.state = hal::SlotState::bad;
        m_booted = other;
        m_next_boot.reset();
        return;
    }
    if (m_next_boot.has_value()) {
        // A booted trial slot that is left for another choice never passed its trial.
        if (current.state == hal::SlotState::trial)
            current.state = hal::SlotState::bad;
        m_booted = *m_next_boot;
        m_next_boot.reset();
    }
    // Otherwise the same slot boots again; a trial slot with nothing to fall back to stays on
    // trial (a real boot loader has no other choice either).
}

} // namespace kiosk::drivers
