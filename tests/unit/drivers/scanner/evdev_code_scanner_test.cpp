// SPDX-License-Identifier: MIT
// EvdevCodeScanner's refusals that need no input device. Reading a real keyboard-wedge
// scanner is tests/integration/scanner/evdev_code_scanner_hardware_test.cpp (label hardware:
// this machine has no /dev/input/event* and no /dev/uinput).
#include <scanner/evdev_code_scanner.hpp>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::EvdevCodeScanner;

TEST_GROUP(EvdevCodeScanner)
{
    kiosk::test::TempDir m_dir;
};

TEST(EvdevCodeScanner, a_missing_device_is_not_found)
{
    KIOSK_CHECK_ERRC(Errc::not_found, EvdevCodeScanner::open(m_dir.path() / "event99"));
}

TEST(EvdevCodeScanner, a_node_that_is_no_input_device_is_unsupported)
{
    KIOSK_CHECK_ERRC(Errc::unsupported, EvdevCodeScanner::open(m_dir.write("event0", "not a device")));
    KIOSK_CHECK_ERRC(Errc::unsupported, EvdevCodeScanner::open("/dev/null"));
}
