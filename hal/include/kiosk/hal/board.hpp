// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/boot_control.hpp>
#include <kiosk/hal/camera.hpp>
#include <kiosk/hal/card_reader.hpp>
#include <kiosk/hal/clock.hpp>
#include <kiosk/hal/code_scanner.hpp>
#include <kiosk/hal/device.hpp>
#include <kiosk/hal/receipt_printer.hpp>
#include <kiosk/hal/role.hpp>
#include <kiosk/hal/speaker.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace kiosk::hal {

/// The screen as the board file describes it.
struct DisplaySpec {
    int width_px = 1080;
    int height_px = 1920;
    /// Clockwise rotation applied to the panel: 0, 90, 180 or 270.
    int rotation_deg = 0;
    /// Physical pixel density; the UI derives touch-target (>= 15 mm) and text sizes from it.
    int dpi = 160;
};

/// Where the kiosk's services are, from the board file's [services] table (paths absolute),
/// and the site it stands in, from its [site] table.
struct ServiceEndpoints {
    std::string gateway_url;
    std::filesystem::path gateway_ca;
    std::filesystem::path catalog_db;
    std::filesystem::path csca_store;
    /// The service center's name as citizens know it (empty: a generic name).
    std::string center_name;
    /// The counter where staff help citizens, e.g. "3" (empty: "the reception counter").
    std::string help_counter;
};

/// Which driver fills a role, through which connection ("sim:", "usb:04b8:0e28").
struct DeviceEntry {
    Role role = Role::card_reader;
    std::string driver;
    std::string connection;
};

/// One kiosk's devices: owns one implementation per role the board fills (roles the board
/// does not fill are null). Built by firmware/runtime from a board file, owned by main() and
/// passed by reference. Not copyable.
class Board {
public:
    Board(std::string name, DisplaySpec display, ServiceEndpoints services, std::unique_ptr<Clock> clock);
    ~Board();
    Board(Board const&) = delete;
    Board& operator=(Board const&) = delete;
    Board(Board&&) = delete;
    Board& operator=(Board&&) = delete;

    [[nodiscard]] std::string const& name() const noexcept { return m_name; }
    [[nodiscard]] DisplaySpec const& display() const noexcept { return m_display; }
    [[nodiscard]] ServiceEndpoints const& services() const noexcept { return m_services; }
    [[nodiscard]] Clock& clock() const noexcept { return *m_clock; }

    [[nodiscard]] CardReader* card_reader() const noexcept { return m_card_reader.get(); }
    [[nodiscard]] CodeScanner* code_scanner() const noexcept { return m_code_scanner.get(); }
    [[nodiscard]] Camera* camera() const noexcept { return m_camera.get(); }
    [[nodiscard]] ReceiptPrinter* printer() const noexcept { return m_printer.get(); }
    [[nodiscard]] BootControl* boot_control() const noexcept { return m_boot_control.get(); }
    [[nodiscard]] Speaker* speaker() const noexcept { return m_speaker.get(); }

    /// The device filling @p role, or null.
    [[nodiscard]] Device* device(Role role) const noexcept;

    /// The filled roles in ALL_ROLES order, with driver and connection.
    [[nodiscard]] std::vector<DeviceEntry> const& devices() const noexcept { return m_devices; }

    /// Fill a role (replacing nothing: each role is attached at most once, while building).
    void attach(std::unique_ptr<CardReader> device, DeviceEntry entry);
    void attach(std::unique_ptr<CodeScanner> device, DeviceEntry entry);
    void attach(std::unique_ptr<Camera> device, DeviceEntry entry);
    void attach(std::unique_ptr<ReceiptPrinter> device, DeviceEntry entry);
    void attach(std::unique_ptr<BootControl> device, DeviceEntry entry);
    void attach(std::unique_ptr<Speaker> device, DeviceEntry entry);

private:
    void record(DeviceEntry entry, Role expected);

    std::string m_name;
    DisplaySpec m_display;
    ServiceEndpoints m_services;
    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<CardReader> m_card_reader;
    std::unique_ptr<CodeScanner> m_code_scanner;
    std::unique_ptr<Camera> m_camera;
    std::unique_ptr<ReceiptPrinter> m_printer;
    std::unique_ptr<BootControl> m_boot_control;
    std::unique_ptr<Speaker> m_speaker;
    std::vector<DeviceEntry> m_devices;
};

} // namespace kiosk::hal
