// SPDX-License-Identifier: MIT
// EvdevCodeScanner on a real keyboard-wedge scanner (label hardware). KIOSK_EVDEV_DEVICE
// names its node (/dev/input/by-id/...-event-kbd); scan a dossier-code QR within 20 s.
#include <scanner/evdev_code_scanner.hpp>

#include <cstdlib>

#include "contract/contract_support.hpp"

TEST_GROUP(EvdevCodeScannerHardware) {};

TEST(EvdevCodeScannerHardware, a_scanned_code_arrives_and_the_device_is_grabbed)
{
    char const* device = std::getenv("KIOSK_EVDEV_DEVICE");
    CHECK_TRUE_TEXT(device != nullptr, "set KIOSK_EVDEV_DEVICE to the scanner's event node");
    auto scanner = kiosk::drivers::EvdevCodeScanner::open(device);
    KIOSK_CHECK_OK(scanner);
    auto summary = (*scanner)->self_test();
    KIOSK_CHECK_OK(summary);
    // A second grab of the same device must be refused while we hold it.
    KIOSK_CHECK_ERRC(kiosk::Errc::busy, kiosk::drivers::EvdevCodeScanner::open(device));
    auto code = (*scanner)->next_code(std::chrono::seconds(20));
    KIOSK_CHECK_OK(code);
    CHECK_TRUE(code->has_value());
}
