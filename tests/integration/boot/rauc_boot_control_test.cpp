// SPDX-License-Identifier: MIT
// RaucBootControl with the real RAUC service (tests/integration/boot/rauc_peer.hpp): bundles
// RAUC must refuse, and the update agent taking a signed RAUC bundle from nginx on 127.0.0.1
// through install, restart, trial and mark-good.
#include "rauc_peer.hpp"

#include <boot/rauc_boot_control.hpp>
#include <update/file_hash.hpp>
#include <update/repository_writer.hpp>
#include <update/update_agent.hpp>

#include <signing/signing_key.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "support/nginx_server.hpp"
#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::RaucBootControl;
using kiosk::hal::Slot;
using kiosk::hal::SlotState;
using kiosk::test::RaucPeer;
using namespace std::chrono_literals;

namespace {

std::string read_file(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

} // namespace

TEST_GROUP(RaucBootControlWithService)
{
    kiosk::test::TempDir m_dir;
    std::unique_ptr<RaucPeer> m_rauc;
    std::unique_ptr<RaucBootControl> m_boot;

    void setup() override
    {
        m_rauc = std::make_unique<RaucPeer>(m_dir.path() / "rauc");
        m_boot = open();
    }

    void teardown() override
    {
        m_boot.reset();
        m_rauc.reset();
    }

    [[nodiscard]] std::unique_ptr<RaucBootControl> open() const
    {
        auto boot = RaucBootControl::open(m_rauc->options("1.4.0"));
        KIOSK_CHECK_OK(boot);
        return std::move(*boot);
    }

    [[nodiscard]] bool slot_b_untouched() const
    {
        return read_file(m_rauc->slot_file('b')) == std::string(std::size_t { 1 } << 20, '\0');
    }
};

TEST(RaucBootControlWithService, self_test_names_the_slots_as_rauc_reports_them)
{
    auto summary = m_boot->self_test();
    KIOSK_CHECK_OK(summary);
    STRCMP_EQUAL("rauc: booted rootfs.0 (A, good, 1.4.0); rootfs.1 (B, empty)", summary->c_str());
}

TEST(RaucBootControlWithService, a_bundle_signed_by_a_key_outside_raucs_keyring_is_refused)
{
    auto bundle = m_rauc->bundle("rogue", "system image 2.0.0", "2.0.0", RaucPeer::Signer::rogue);
    KIOSK_CHECK_ERRC(Errc::refused, m_boot->install(Slot::b, bundle, "2.0.0"));
    CHECK_TRUE(slot_b_untouched());
    CHECK_TRUE(m_boot->slot_status(Slot::b)->state == SlotState::empty);
    KIOSK_CHECK_ERRC(Errc::not_ready, m_boot->set_next_boot(Slot::b));
}

TEST(RaucBootControlWithService, a_tampered_bundle_is_refused)
{
    auto bundle = m_rauc->bundle("tampered", std::string(4096, 'k') + " 2.0.0", "2.0.0");
    std::string bytes = read_file(bundle);
    bytes[bytes.size() / 4] = static_cast<char>(bytes[bytes.size() / 4] ^ 0x5a);
    std::ofstream(bundle, std::ios::binary | std::ios::trunc) << bytes;
    auto installed = m_boot->install(Slot::b, bundle, "2.0.0");
    CHECK_FALSE(installed.has_value());
    CHECK_TRUE(slot_b_untouched());
    CHECK_TRUE(m_boot->slot_status(Slot::b)->state == SlotState::empty);
}

TEST(RaucBootControlWithService, a_bundle_of_another_version_than_the_signed_target_is_refused)
{
    auto bundle = m_rauc->bundle("other", "system image 2.0.0", "2.0.0");
    KIOSK_CHECK_ERRC(Errc::refused, m_boot->install(Slot::b, bundle, "2.1.0"));
    auto status = m_boot->slot_status(Slot::b);
    CHECK_TRUE(status->state == SlotState::bad || status->state == SlotState::empty);
    KIOSK_CHECK_ERRC(Errc::not_ready, m_boot->set_next_boot(Slot::b));
}

TEST(RaucBootControlWithService, only_rauc_bundles_are_installed)
{
    auto image = m_dir.write("kiosk-2.0.0.img", "system image 2.0.0");
    KIOSK_CHECK_ERRC(Errc::invalid_argument, m_boot->install(Slot::b, image, "2.0.0"));
}

TEST(RaucBootControlWithService, the_installed_bundle_is_in_the_slot_and_the_state_survives_a_restart_of_the_agent)
{
    std::string const image = std::string(8192, 'r') + " 2.0.0";
    KIOSK_CHECK_OK(m_boot->install(Slot::b, m_rauc->bundle("update", image, "2.0.0"), "2.0.0"));
    CHECK_TRUE(read_file(m_rauc->slot_file('b')).substr(0, image.size()) == image);
    KIOSK_CHECK_OK(m_boot->set_next_boot(Slot::b));
    auto reopened = open(); // the agent restarted before the reboot: still on trial
    CHECK_TRUE(reopened->slot_status(Slot::b)->state == SlotState::trial);
    STRCMP_EQUAL("2.0.0", reopened->slot_status(Slot::b)->version.c_str());
    KIOSK_CHECK_OK(reopened->restart());
    LONGS_EQUAL(1, m_rauc->reboot_requests());
}

TEST(RaucBootControlWithService, the_update_agent_installs_a_signed_bundle_and_marks_it_good_after_the_reboot)
{
    // The repository: targets.json names the RAUC bundle like any image.
    auto const now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto key = *kiosk::signing::SigningKey::generate();
    kiosk::update::RootSpec spec;
    spec.expires = now + 365 * 24h;
    for (auto role : { kiosk::update::RoleName::root, kiosk::update::RoleName::timestamp,
             kiosk::update::RoleName::snapshot, kiosk::update::RoleName::targets })
        spec.keys[role] = { *key.verify_key() };
    m_dir.write("root.json", *kiosk::update::repository::root(spec, { &key }));
    std::string const image = std::string(16384, 'u') + " 1.6.0";
    auto const bundle = read_file(m_rauc->bundle("kiosk-1.6.0", image, "1.6.0"));
    m_dir.write("www/targets/rpi4/kiosk-1.6.0.raucb", bundle);
    kiosk::update::TargetInfo target;
    target.name = "rpi4/kiosk-1.6.0.raucb";
    target.length = bundle.size();
    target.sha256 = kiosk::update::sha256_hex(bundle);
    target.version = "1.6.0";
    target.board = "rpi4-kiosk";
    namespace repository = kiosk::update::repository;
    auto targets = *repository::targets(1, now + 30 * 24h, { target }, { &key });
    auto snapshot = *repository::snapshot(1, now + 30 * 24h, 1, targets, { &key });
    m_dir.write("www/metadata/targets.json", targets);
    m_dir.write("www/metadata/snapshot.json", snapshot);
    m_dir.write("www/metadata/timestamp.json", *repository::timestamp(1, now + 24h, 1, snapshot, { &key }));
    kiosk::test::NginxServer server(m_dir.path() / "www");

    kiosk::update::AgentConfig config;
    config.repository_url = server.url();
    config.initial_root = m_dir.path() / "root.json";
    config.state_dir = m_dir.path() / "updater";
    config.board = "rpi4-kiosk";
    config.kiosk_id = "kiosk-rauc-01";
    config.limits.stall_timeout = 5s;
    {
        auto agent = kiosk::update::UpdateAgent::open(config, *m_boot);
        KIOSK_CHECK_OK(agent);
        auto installed = agent->install(now);
        KIOSK_CHECK_OK(installed);
        CHECK_TRUE(installed->has_value());
    }
    LONGS_EQUAL(1, m_rauc->reboot_requests()); // the agent asked for the restart
    // The boot loader boots the new slot on trial; the kiosk (and its agent) start again.
    m_rauc->reboot();
    STRCMP_EQUAL("B", m_rauc->booted().c_str());
    m_boot = open();
    CHECK_TRUE(m_boot->slot_status(Slot::b)->state == SlotState::trial);
    auto agent = kiosk::update::UpdateAgent::open(config, *m_boot);
    KIOSK_CHECK_OK(agent);
    auto verdict = agent->gate([] { return kiosk::Result<void> {}; }, now + 60s);
    KIOSK_CHECK_OK(verdict);
    STRCMP_EQUAL("installed 1.6.0", verdict->last_result.c_str());
    auto const running = m_boot->slot_status(Slot::b);
    CHECK_TRUE(running->state == SlotState::good);
    STRCMP_EQUAL("1.6.0", running->version.c_str());
    CHECK_TRUE(read_file(m_rauc->slot_file('b')).substr(0, image.size()) == image);
    // The old system stays as the fallback.
    CHECK_TRUE(m_boot->slot_status(Slot::a)->state == SlotState::good);
    STRCMP_EQUAL("1.4.0", m_boot->slot_status(Slot::a)->version.c_str());
}
