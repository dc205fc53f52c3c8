// SPDX-License-Identifier: MIT
// What the in-memory boot control adds beyond the boot control contract: the "installed"
// reporting, the self-test text and the corner cases of its boot-loader model.
#include <boot/sim_boot_control.hpp>

#include <memory>
#include <string>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::SimBootControl;
using kiosk::hal::Slot;
using kiosk::hal::SlotState;

TEST_GROUP(SimBootControl)
{
    kiosk::test::TempDir m_dir;
    std::unique_ptr<SimBootControl> m_boot = SimBootControl::create("1.4.0");

    void install_b(char const* version = "2.0.0") const
    {
        KIOSK_CHECK_OK(m_boot->install(Slot::b, m_dir.write("update.img", "image"), version));
    }
    SlotState state_of(Slot slot) const { return m_boot->slot_status(slot)->state; }
};

TEST(SimBootControl, installed_slot_reports_its_version_with_state_empty)
{
    install_b();
    auto status = m_boot->slot_status(Slot::b);
    KIOSK_CHECK_OK(status);
    CHECK_TRUE(SlotState::empty == status->state);
    STRCMP_EQUAL("2.0.0", status->version.c_str());
}

TEST(SimBootControl, self_test_describes_both_slots)
{
    STRCMP_EQUAL("booted slot a (good, 1.4.0), slot b empty", m_boot->self_test()->c_str());
    install_b();
    STRCMP_EQUAL("booted slot a (good, 1.4.0), slot b (installed, 2.0.0)", m_boot->self_test()->c_str());
    KIOSK_CHECK_OK(m_boot->set_next_boot(Slot::b));
    m_boot->reboot();
    STRCMP_EQUAL("booted slot b (trial, 2.0.0), slot a (good, 1.4.0)", m_boot->self_test()->c_str());
}

TEST(SimBootControl, choosing_the_booted_slot_cancels_a_pending_switch)
{
    install_b();
    KIOSK_CHECK_OK(m_boot->set_next_boot(Slot::b));
    KIOSK_CHECK_OK(m_boot->set_next_boot(Slot::a));
    CHECK_TRUE(SlotState::empty == state_of(Slot::b));
    CHECK_TRUE(SlotState::good == state_of(Slot::a));
    m_boot->reboot();
    CHECK_TRUE(Slot::a == *m_boot->booted_slot());
}

TEST(SimBootControl, reinstalling_a_chosen_slot_cancels_the_choice)
{
    install_b();
    KIOSK_CHECK_OK(m_boot->set_next_boot(Slot::b));
    install_b("2.0.1");
    CHECK_TRUE(SlotState::empty == state_of(Slot::b));
    m_boot->reboot();
    CHECK_TRUE(Slot::a == *m_boot->booted_slot());
}

TEST(SimBootControl, marking_a_chosen_slot_bad_cancels_the_choice)
{
    install_b();
    KIOSK_CHECK_OK(m_boot->set_next_boot(Slot::b));
    KIOSK_CHECK_OK(m_boot->mark_bad(Slot::b));
    m_boot->reboot();
    CHECK_TRUE(Slot::a == *m_boot->booted_slot());
    CHECK_TRUE(SlotState::bad == state_of(Slot::b));
}

TEST(SimBootControl, trial_with_nothing_to_fall_back_to_boots_again)
{
    install_b();
    KIOSK_CHECK_OK(m_boot->set_next_boot(Slot::b));
    m_boot->reboot();
    // Slot a is overwritten while b is on trial: no good slot is left to fall back to.
    KIOSK_CHECK_OK(m_boot->install(Slot::a, m_dir.write("other.img", "image"), "2.1.0"));
    m_boot->reboot();
    CHECK_TRUE(Slot::b == *m_boot->booted_slot());
    CHECK_TRUE(SlotState::trial == state_of(Slot::b));
    KIOSK_CHECK_OK(m_boot->mark_good());
    CHECK_TRUE(SlotState::good == state_of(Slot::b));
}

TEST(SimBootControl, unreadable_image_is_an_io_error)
{
    KIOSK_CHECK_ERRC(Errc::io, m_boot->install(Slot::b, m_dir.path(), "2.0.0"));
    CHECK_TRUE(m_boot->slot_status(Slot::b)->version.empty());
}
