// SPDX-License-Identifier: MIT
#include "boot/sim_boot_control.hpp"

#include "boot/image_file.hpp"

#include <utility>

namespace kiosk::drivers {

std::unique_ptr<SimBootControl> SimBootControl::create(std::string booted_version)
{
    // The constructor is private, so make_unique cannot reach it.
    return std::unique_ptr<SimBootControl>(new SimBootControl(std::move(booted_version)));
}

SimBootControl::SimBootControl(std::string booted_version)
    : m_model(AbSlotModel::fresh(std::move(booted_version)))
{
}

SimBootControl::~SimBootControl() = default;

Result<std::string> SimBootControl::self_test()
{
    std::lock_guard lock(m_mutex);
    return m_model.describe();
}

Result<hal::Slot> SimBootControl::booted_slot()
{
    std::lock_guard lock(m_mutex);
    return m_model.booted;
}

Result<hal::SlotStatus> SimBootControl::slot_status(hal::Slot slot)
{
    std::lock_guard lock(m_mutex);
    return m_model.status(slot);
}

Result<void> SimBootControl::install(hal::Slot slot, std::filesystem::path const& image, std::string_view version)
{
    {
        std::lock_guard lock(m_mutex);
        KIOSK_TRY(m_model.check_installable(slot));
    }
    // Reads the image through, as writing and verifying a slot would.
    KIOSK_TRY(read_image(image, [](ByteView) { return Result<void> {}; }));

    std::lock_guard lock(m_mutex);
    m_model.installed(slot, version);
    return {};
}

Result<void> SimBootControl::set_next_boot(hal::Slot slot)
{
    std::lock_guard lock(m_mutex);
    return m_model.set_next_boot(slot);
}

Result<void> SimBootControl::mark_good()
{
    std::lock_guard lock(m_mutex);
    m_model.mark_good();
    return {};
}

Result<void> SimBootControl::mark_bad(hal::Slot slot)
{
    std::lock_guard lock(m_mutex);
    m_model.mark_bad(slot);
    return {};
}

Result<void> SimBootControl::restart()
{
    reboot();
    return {};
}

void SimBootControl::reboot()
{
    std::lock_guard lock(m_mutex);
    m_model.reboot();
}

} // namespace kiosk::drivers
