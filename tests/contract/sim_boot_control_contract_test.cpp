// SPDX-License-Identifier: MIT
// The boot control contract run against the in-memory simulator.
#include <boot/sim_boot_control.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "support/temp_dir.hpp"

#include "contract/boot_control_contract.hpp"

TEST_GROUP(SimBootControl)
{
    kiosk::test::TempDir m_dir;
    std::unique_ptr<kiosk::drivers::SimBootControl> m_boot = kiosk::drivers::SimBootControl::create("1.4.0");

    kiosk::hal::BootControl& boot() const { return *m_boot; }
    static std::string initial_version() { return "1.4.0"; }
    void reboot() const { m_boot->reboot(); }
    std::filesystem::path write_image(std::string_view name, std::string_view content) const
    {
        return m_dir.write(name, content);
    }
};

KIOSK_BOOT_CONTROL_CONTRACT(SimBootControl)
