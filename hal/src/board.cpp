// SPDX-License-Identifier: MIT
#include <kiosk/hal/board.hpp>

#include <algorithm>
#include <utility>

namespace kiosk::hal {

Board::Board(std::string name, DisplaySpec display, ServiceEndpoints services, std::unique_ptr<Clock> clock)
    : m_name(std::move(name))
    , m_display(display)
    , m_services(std::move(services))
    , m_clock(std::move(clock))
{
    KIOSK_VERIFY(m_clock != nullptr);
}

// Devices are destroyed in reverse role order; declared here so the members' complete
// types are known where the destructor is instantiated.
Board::~Board() = default;

Device* Board::device(Role role) const noexcept
{
    switch (role) {
    case Role::card_reader:
        return m_card_reader.get();
    case Role::code_scanner:
        return m_code_scanner.get();
    case Role::camera:
        return m_camera.get();
    case Role::printer:
        return m_printer.get();
    case Role::boot_control:
        return m_boot_control.get();
    case Role::speaker:
        return m_speaker.get();
    }
    return nullptr;
}

void Board::record(DeviceEntry entry, Role expected)
{
    KIOSK_VERIFY(entry.role == expected);
    KIOSK_VERIFY(device(expected) != nullptr);
    m_devices.push_back(std::move(entry));
    // Keep the listing in ALL_ROLES order whatever order the roles were attached in.
    std::stable_sort(m_devices.begin(), m_devices.end(),
        [](DeviceEntry const& a, DeviceEntry const& b) { return a.role < b.role; });
}

void Board::attach(std::unique_ptr<CardReader> device, DeviceEntry entry)
{
    KIOSK_VERIFY(!m_card_reader && device);
    m_card_reader = std::move(device);
    record(std::move(entry), Role::card_reader);
}

void Board::attach(std::unique_ptr<CodeScanner> device, DeviceEntry entry)
{
    KIOSK_VERIFY(!m_code_scanner && device);
    m_code_scanner = std::move(device);
    record(std::move(entry), Role::code_scanner);
}

void Board::attach(std::unique_ptr<Camera> device, DeviceEntry entry)
{
    KIOSK_VERIFY(!m_camera && device);
    m_camera = std::move(device);
    record(std::move(entry), Role::camera);
}

void Board::attach(std::unique_ptr<ReceiptPrinter> device, DeviceEntry entry)
{
    KIOSK_VERIFY(!m_printer && device);
    m_printer = std::move(device);
    record(std::move(entry), Role::printer);
}

void Board::attach(std::unique_ptr<BootControl> device, DeviceEntry entry)
{
    KIOSK_VERIFY(!m_boot_control && device);
    m_boot_control = std::move(device);
    record(std::move(entry), Role::boot_control);
}

void Board::attach(std::unique_ptr<Speaker> device, DeviceEntry entry)
{
    KIOSK_VERIFY(!m_speaker && device);
    m_speaker = std::move(device);
    record(std::move(entry), Role::speaker);
}

} // namespace kiosk::hal
