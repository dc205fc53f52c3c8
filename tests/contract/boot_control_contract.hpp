// SPDX-License-Identifier: MIT
// The behaviour every hal::BootControl shows (in-memory simulator, directory slots, RAUC in a
// container, ...).
//
// Use: a TEST_GROUP provides the harness below as members, then invokes
// KIOSK_BOOT_CONTROL_CONTRACT(GroupName). Include this header after all other headers.
//
//   hal::BootControl& boot();            the boot control under test, freshly set up: booted
//                                        from a good slot, the other slot empty
//   std::string initial_version();       the version in the booted slot
//   void reboot();                       restart the system (the boot loader runs)
//   std::filesystem::path write_image(std::string_view name, std::string_view content);
//                                        an image file the implementation can install
#pragma once

#include <kiosk/hal/boot_control.hpp>

#include <concepts>
#include <filesystem>
#include <string>
#include <string_view>

#include "contract/contract_support.hpp"

namespace kiosk::contract {

/// What the suite needs from its TEST_GROUP (see the file comment).
// (clang-format 14 mangles requires-expressions.)
// clang-format off
template <class H>
concept BootControlHarness = requires(H& harness, std::string_view text) {
    { harness.boot() } -> std::same_as<hal::BootControl&>;
    { harness.initial_version() } -> std::convertible_to<std::string>;
    harness.reboot();
    { harness.write_image(text, text) } -> std::same_as<std::filesystem::path>;
};
// clang-format on

} // namespace kiosk::contract

namespace kiosk::contract::boot_control {

template <BootControlHarness H> hal::Slot booted(H& h)
{
    auto slot = h.boot().booted_slot();
    KIOSK_CHECK_OK(slot);
    return *slot;
}

template <BootControlHarness H> hal::SlotStatus status_of(H& h, hal::Slot slot)
{
    auto status = h.boot().slot_status(slot);
    KIOSK_CHECK_OK(status);
    CHECK_TRUE(slot == status->slot);
    return *status;
}

inline void check_state(hal::SlotState expected, hal::SlotStatus const& status)
{
    STRCMP_EQUAL(
        std::string(hal::slot_state_name(expected)).c_str(), std::string(hal::slot_state_name(status.state)).c_str());
}

/// Installs "2.0.0" into the other slot, chooses it and reboots into its trial.
template <BootControlHarness H> hal::Slot boot_new_version_on_trial(H& h)
{
    hal::Slot const target = hal::other_slot(booted(h));
    KIOSK_CHECK_OK(h.boot().install(target, h.write_image("update.img", "system image 2.0.0"), "2.0.0"));
    KIOSK_CHECK_OK(h.boot().set_next_boot(target));
    check_state(hal::SlotState::trial, status_of(h, target));
    h.reboot();
    CHECK_TRUE(target == booted(h));
    check_state(hal::SlotState::trial, status_of(h, target));
    return target;
}

template <BootControlHarness H> void self_test_answers(H& h)
{
    auto summary = h.boot().self_test();
    KIOSK_CHECK_OK(summary);
    CHECK_FALSE(summary->empty());
}

template <BootControlHarness H> void starts_booted_from_a_good_slot_with_the_other_empty(H& h)
{
    hal::Slot const slot = booted(h);
    hal::SlotStatus const current = status_of(h, slot);
    check_state(hal::SlotState::good, current);
    STRCMP_EQUAL(std::string(h.initial_version()).c_str(), current.version.c_str());
    check_state(hal::SlotState::empty, status_of(h, hal::other_slot(slot)));
}

template <BootControlHarness H> void installing_into_the_booted_slot_is_refused(H& h)
{
    auto image = h.write_image("update.img", "system image");
    KIOSK_CHECK_ERRC(Errc::invalid_argument, h.boot().install(booted(h), image, "2.0.0"));
    STRCMP_EQUAL(std::string(h.initial_version()).c_str(), status_of(h, booted(h)).version.c_str());
}

template <BootControlHarness H> void missing_image_is_not_found(H& h)
{
    auto missing = h.write_image("present.img", "x").parent_path() / "missing.img";
    KIOSK_CHECK_ERRC(Errc::not_found, h.boot().install(hal::other_slot(booted(h)), missing, "2.0.0"));
}

template <BootControlHarness H> void empty_slot_cannot_be_chosen(H& h)
{
    KIOSK_CHECK_ERRC(Errc::not_ready, h.boot().set_next_boot(hal::other_slot(booted(h))));
}

template <BootControlHarness H> void installed_slot_is_not_booted_until_chosen(H& h)
{
    hal::Slot const original = booted(h);
    hal::Slot const target = hal::other_slot(original);
    KIOSK_CHECK_OK(h.boot().install(target, h.write_image("update.img", "system image 2.0.0"), "2.0.0"));
    STRCMP_EQUAL("2.0.0", status_of(h, target).version.c_str());
    CHECK_TRUE(hal::SlotState::trial != status_of(h, target).state);
    h.reboot();
    CHECK_TRUE(original == booted(h));
}

template <BootControlHarness H> void update_marked_good_stays_booted(H& h)
{
    hal::Slot const original = booted(h);
    hal::Slot const target = boot_new_version_on_trial(h);
    KIOSK_CHECK_OK(h.boot().mark_good());
    check_state(hal::SlotState::good, status_of(h, target));
    STRCMP_EQUAL("2.0.0", status_of(h, target).version.c_str());
    h.reboot();
    CHECK_TRUE(target == booted(h));
    check_state(hal::SlotState::good, status_of(h, target));
    // The previous system stays as the fallback.
    check_state(hal::SlotState::good, status_of(h, original));
}

template <BootControlHarness H> void failed_trial_falls_back_and_the_slot_is_bad(H& h)
{
    hal::Slot const original = booted(h);
    hal::Slot const target = boot_new_version_on_trial(h);
    // The new system never reached mark_good(): the boot loader's next boot falls back.
    h.reboot();
    CHECK_TRUE(original == booted(h));
    check_state(hal::SlotState::good, status_of(h, original));
    check_state(hal::SlotState::bad, status_of(h, target));
    KIOSK_CHECK_ERRC(Errc::not_ready, h.boot().set_next_boot(target));
    // Reinstalling makes the slot usable again.
    KIOSK_CHECK_OK(h.boot().install(target, h.write_image("fixed.img", "system image 2.0.1"), "2.0.1"));
    KIOSK_CHECK_OK(h.boot().set_next_boot(target));
    h.reboot();
    CHECK_TRUE(target == booted(h));
}

template <BootControlHarness H> void marking_the_trial_bad_returns_to_the_other_slot(H& h)
{
    hal::Slot const original = booted(h);
    hal::Slot const target = boot_new_version_on_trial(h);
    KIOSK_CHECK_OK(h.boot().mark_bad(target));
    check_state(hal::SlotState::bad, status_of(h, target));
    h.reboot();
    CHECK_TRUE(original == booted(h));
    check_state(hal::SlotState::good, status_of(h, original));
}

template <BootControlHarness H> void reboot_without_a_choice_keeps_the_booted_slot(H& h)
{
    hal::Slot const original = booted(h);
    h.reboot();
    h.reboot();
    CHECK_TRUE(original == booted(h));
    check_state(hal::SlotState::good, status_of(h, original));
}

} // namespace kiosk::contract::boot_control

/// Expands to the boot control contract tests for TEST_GROUP @p group (see the file comment).
#define KIOSK_BOOT_CONTROL_CONTRACT(group)                                                                             \
    TEST(group, self_test_answers) { ::kiosk::contract::boot_control::self_test_answers(*this); }                      \
    TEST(group, starts_booted_from_a_good_slot_with_the_other_empty)                                                   \
    {                                                                                                                  \
        ::kiosk::contract::boot_control::starts_booted_from_a_good_slot_with_the_other_empty(*this);                   \
    }                                                                                                                  \
    TEST(group, installing_into_the_booted_slot_is_refused)                                                            \
    {                                                                                                                  \
        ::kiosk::contract::boot_control::installing_into_the_booted_slot_is_refused(*this);                            \
    }                                                                                                                  \
    TEST(group, missing_image_is_not_found) { ::kiosk::contract::boot_control::missing_image_is_not_found(*this); }    \
    TEST(group, empty_slot_cannot_be_chosen) { ::kiosk::contract::boot_control::empty_slot_cannot_be_chosen(*this); }  \
    TEST(group, installed_slot_is_not_booted_until_chosen)                                                             \
    {                                                                                                                  \
        ::kiosk::contract::boot_control::installed_slot_is_not_booted_until_chosen(*this);                             \
    }                                                                                                                  \
    TEST(group, update_marked_good_stays_booted)                                                                       \
    {                                                                                                                  \
        ::kiosk::contract::boot_control::update_marked_good_stays_booted(*this);                                       \
    }                                                                                                                  \
    TEST(group, failed_trial_falls_back_and_the_slot_is_bad)                                                           \
    {                                                                                                                  \
        ::kiosk::contract::boot_control::failed_trial_falls_back_and_the_slot_is_bad(*this);                           \
    }                                                                                                                  \
    TEST(group, marking_the_trial_bad_returns_to_the_other_slot)                                                       \
    {                                                                                                                  \
        ::kiosk::contract::boot_control::marking_the_trial_bad_returns_to_the_other_slot(*this);                       \
    }                                                                                                                  \
    TEST(group, reboot_without_a_choice_keeps_the_booted_slot)                                                         \
    {                                                                                                                  \
        ::kiosk::contract::boot_control::reboot_without_a_choice_keeps_the_booted_slot(*this);                         \
    }
