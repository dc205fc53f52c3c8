// SPDX-License-Identifier: MIT
// On a real board only (label hardware): RaucBootControl against the machine's own RAUC
// service (system D-Bus, /etc/rauc/system.conf, the real boot loader). Read-only: it asks and
// marks nothing. Run on the kiosk with `ctest -L hardware -R rauc`.
#include <boot/rauc_boot_control.hpp>

#include <string>

#include "contract/contract_support.hpp"

TEST_GROUP(RaucOnTheBoard) {};

TEST(RaucOnTheBoard, the_system_rauc_lists_two_boot_slots_and_the_booted_one_is_good)
{
    kiosk::drivers::RaucOptions options;
    options.state_file = "/var/lib/kiosk/rauc-boot.json";
    auto boot = kiosk::drivers::RaucBootControl::open(options);
    KIOSK_CHECK_OK(boot);
    auto summary = (*boot)->self_test();
    KIOSK_CHECK_OK(summary);
    auto booted = (*boot)->booted_slot();
    KIOSK_CHECK_OK(booted);
    auto status = (*boot)->slot_status(*booted);
    KIOSK_CHECK_OK(status);
    CHECK_TEXT(status->state == kiosk::hal::SlotState::good || status->state == kiosk::hal::SlotState::trial,
        summary->c_str());
}
