// SPDX-License-Identifier: MIT
// What directory slots add beyond the boot control contract: state that survives a restart,
// an atomic state file, byte-for-byte verified images, and clear errors for a broken state.
#include <boot/dir_boot_control.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::DirBootControl;
using kiosk::hal::Slot;
using kiosk::hal::SlotState;

namespace {

std::string read_file(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

} // namespace

TEST_GROUP(DirBootControl)
{
    kiosk::test::TempDir m_dir;
    std::filesystem::path m_root = m_dir.path() / "slots";

    std::unique_ptr<DirBootControl> open() const
    {
        auto boot = DirBootControl::open(m_root, "1.4.0");
        KIOSK_CHECK_OK(boot);
        return std::move(*boot);
    }
};

TEST(DirBootControl, a_new_folder_starts_booted_from_a_with_the_initial_version)
{
    auto boot = open();
    auto status = boot->slot_status(Slot::a);
    CHECK_TRUE(status->state == SlotState::good);
    STRCMP_EQUAL("1.4.0", status->version.c_str());
    CHECK_TRUE(std::filesystem::exists(m_root / "state.json"));
    STRCMP_EQUAL("booted slot a (good, 1.4.0), slot b empty", boot->self_test()->c_str());
}

TEST(DirBootControl, state_survives_reopening_the_folder)
{
    {
        auto boot = open();
        KIOSK_CHECK_OK(boot->install(Slot::b, m_dir.write("u.img", "image 2"), "2.0.0"));
        KIOSK_CHECK_OK(boot->set_next_boot(Slot::b));
    }
    // A restarted process (or a power cut after the switch) sees the same choice.
    auto boot = open();
    auto status = boot->slot_status(Slot::b);
    CHECK_TRUE(status->state == SlotState::trial);
    STRCMP_EQUAL("2.0.0", status->version.c_str());
    KIOSK_CHECK_OK(boot->restart());
    CHECK_TRUE(*open()->booted_slot() == Slot::b);
}

TEST(DirBootControl, installed_image_is_the_update_byte_for_byte)
{
    std::string content(200 * 1024 + 17, '\0');
    for (std::size_t i = 0; i < content.size(); ++i)
        content[i] = static_cast<char>(i * 31 % 251);
    auto boot = open();
    KIOSK_CHECK_OK(boot->install(Slot::b, m_dir.write("u.img", content), "2.0.0"));
    CHECK_TRUE(read_file(boot->image_path(Slot::b)) == content);
    CHECK_FALSE(std::filesystem::exists(boot->image_path(Slot::b).string() + ".partial"));
}

TEST(DirBootControl, a_failed_install_leaves_the_slot_empty_and_the_old_state_in_force)
{
    auto boot = open();
    KIOSK_CHECK_OK(boot->install(Slot::b, m_dir.write("u.img", "image 2"), "2.0.0"));
    // A directory opens but cannot be read: the copy fails part-way.
    std::filesystem::create_directory(m_dir.path() / "not-an-image");
    auto failed = boot->install(Slot::b, m_dir.path() / "not-an-image", "3.0.0");
    CHECK_FALSE(failed.has_value());
    CHECK_TRUE(failed.error() == Errc::io);
    auto reopened = open();
    auto status = reopened->slot_status(Slot::b);
    CHECK_TRUE(status->state == SlotState::empty);
    STRCMP_EQUAL("", status->version.c_str());
    CHECK_TRUE(*reopened->booted_slot() == Slot::a);
    CHECK_TRUE(reopened->set_next_boot(Slot::b).error() == Errc::not_ready);
}

TEST(DirBootControl, a_corrupt_state_file_is_refused_with_a_clear_error)
{
    open();
    std::ofstream(m_root / "state.json", std::ios::trunc) << "{\"format\": 1, \"booted\": \"c\"";
    auto boot = DirBootControl::open(m_root, "1.4.0");
    CHECK_FALSE(boot.has_value());
    CHECK_TRUE(boot.error() == Errc::malformed);
    STRCMP_CONTAINS("state.json", boot.error().message().c_str());
}

TEST(DirBootControl, a_state_file_with_an_unknown_slot_state_is_refused)
{
    open();
    std::string text = read_file(m_root / "state.json");
    auto at = text.find("\"good\"");
    CHECK_TRUE(at != std::string::npos);
    text.replace(at, 6, "\"great\"");
    std::ofstream(m_root / "state.json", std::ios::trunc) << text;
    CHECK_TRUE(DirBootControl::open(m_root, "1.4.0").error() == Errc::malformed);
}

TEST(DirBootControl, self_test_notices_a_state_file_broken_behind_its_back)
{
    auto boot = open();
    std::ofstream(m_root / "state.json", std::ios::trunc) << "garbage";
    auto answer = boot->self_test();
    CHECK_FALSE(answer.has_value());
    CHECK_TRUE(answer.error() == Errc::malformed);
}

TEST(DirBootControl, no_temporary_state_file_is_left_behind)
{
    auto boot = open();
    KIOSK_CHECK_OK(boot->mark_good());
    CHECK_FALSE(std::filesystem::exists(m_root / "state.json.tmp"));
}
