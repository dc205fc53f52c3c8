// SPDX-License-Identifier: MIT
// The update agent end to end: a repository published with the release side's writer, served
// by a real nginx on 127.0.0.1, installed into directory slots (DirBootControl).
#include <update/file_hash.hpp>
#include <update/repository_writer.hpp>
#include <update/update_agent.hpp>

#include <boot/dir_boot_control.hpp>
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
using kiosk::drivers::DirBootControl;
using kiosk::hal::Slot;
using kiosk::hal::SlotState;
using kiosk::signing::SigningKey;
using kiosk::update::AgentConfig;
using kiosk::update::Phase;
using kiosk::update::RoleName;
using kiosk::update::TargetInfo;
using kiosk::update::UpdateAgent;
namespace repository = kiosk::update::repository;
using namespace std::chrono_literals;

namespace {

std::chrono::sys_seconds const NOW = std::chrono::sys_days(std::chrono::year(2026) / 12 / 1) + 9h;

std::string read_file(std::filesystem::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

} // namespace

TEST_GROUP(UpdateAgent)
{
    kiosk::test::TempDir m_dir;
    SigningKey m_key = *SigningKey::generate();
    std::unique_ptr<kiosk::test::NginxServer> m_server;
    std::unique_ptr<DirBootControl> m_boot;
    std::string m_image = std::string(std::size_t { 512 } * 1024, 'k') + "kiosk 1.6.0";

    void setup() override
    {
        kiosk::update::RootSpec spec;
        spec.expires = NOW + 365 * 24h;
        for (auto role : { RoleName::root, RoleName::timestamp, RoleName::snapshot, RoleName::targets })
            spec.keys[role] = { *m_key.verify_key() };
        m_dir.write("root.json", *repository::root(spec, { &m_key }));
        std::filesystem::create_directories(m_dir.path() / "www" / "metadata");
        m_server = std::make_unique<kiosk::test::NginxServer>(m_dir.path() / "www");
        m_boot = std::move(*DirBootControl::open(m_dir.path() / "slots", "1.5.0"));
    }

    /// Publishes @p content as target @p name for @p board, with metadata version @p version.
    void publish(std::uint64_t version, std::string const& name, std::string const& content,
        std::string const& target_version, std::string const& board = "sim", std::string const& signed_hash = {})
    {
        m_dir.write("www/targets/" + name, content);
        TargetInfo target;
        target.name = name;
        target.length = content.size();
        target.sha256 = signed_hash.empty() ? kiosk::update::sha256_hex(content) : signed_hash;
        target.version = target_version;
        target.board = board;
        auto targets = *repository::targets(version, NOW + 30 * 24h, { target }, { &m_key });
        auto snapshot = *repository::snapshot(version, NOW + 30 * 24h, version, targets, { &m_key });
        auto timestamp = *repository::timestamp(version, NOW + 24h, version, snapshot, { &m_key });
        m_dir.write("www/metadata/targets.json", targets);
        m_dir.write("www/metadata/snapshot.json", snapshot);
        m_dir.write("www/metadata/timestamp.json", timestamp);
    }

    [[nodiscard]] AgentConfig config() const
    {
        AgentConfig config;
        config.repository_url = m_server->url();
        config.initial_root = m_dir.path() / "root.json";
        config.state_dir = m_dir.path() / "state";
        config.board = "sim";
        config.kiosk_id = "kiosk-test-001";
        config.health_deadline = 120s;
        config.limits.stall_timeout = 2000ms;
        return config;
    }

    UpdateAgent agent(kiosk::update::Checkpoint checkpoint = {}) const
    {
        auto opened = UpdateAgent::open(config(), *m_boot, std::move(checkpoint));
        KIOSK_CHECK_OK(opened);
        return std::move(*opened);
    }

    [[nodiscard]] std::string running() const { return m_boot->slot_status(*m_boot->booted_slot())->version; }
};

TEST(UpdateAgent, installs_runs_on_trial_and_is_marked_good_when_healthy)
{
    publish(1, "sim/kiosk-1.6.0.img", m_image, "1.6.0");
    auto updater = agent();
    auto installed = updater.install(NOW);
    KIOSK_CHECK_OK(installed);
    CHECK_TRUE(installed->has_value());
    // After the restart the new slot runs on trial.
    CHECK_TRUE(*m_boot->booted_slot() == Slot::b);
    CHECK_TRUE(m_boot->slot_status(Slot::b)->state == SlotState::trial);
    CHECK_TRUE(read_file(m_boot->image_path(Slot::b)) == m_image);
    auto state = updater.gate([] { return kiosk::Result<void> {}; }, NOW + 30s);
    KIOSK_CHECK_OK(state);
    CHECK_TRUE(state->phase == Phase::idle);
    STRCMP_EQUAL("installed 1.6.0", state->last_result.c_str());
    CHECK_TRUE(m_boot->slot_status(Slot::b)->state == SlotState::good);
    STRCMP_EQUAL("1.6.0", running().c_str());
}

TEST(UpdateAgent, a_failed_health_check_past_the_deadline_rolls_back)
{
    publish(1, "sim/kiosk-1.6.0.img", m_image, "1.6.0");
    auto updater = agent();
    KIOSK_CHECK_OK(updater.install(NOW));
    auto const sick = [] { return kiosk::Result<void>(kiosk::fail(Errc::not_ready, "printer does not answer")); };
    // Within the deadline it waits.
    auto waiting = updater.gate(sick, NOW + 60s);
    CHECK_TRUE(waiting->phase == Phase::trial);
    STRCMP_EQUAL("1.6.0", running().c_str());
    auto verdict = updater.gate(sick, NOW + 121s);
    KIOSK_CHECK_OK(verdict);
    CHECK_TRUE(verdict->phase == Phase::idle);
    STRCMP_CONTAINS("rolled_back", verdict->last_result.c_str());
    STRCMP_CONTAINS("printer does not answer", verdict->last_result.c_str());
    STRCMP_EQUAL("1.5.0", running().c_str());
    CHECK_TRUE(m_boot->slot_status(Slot::b)->state == SlotState::bad);
}

TEST(UpdateAgent, a_version_that_was_rolled_back_is_not_installed_again_until_a_newer_one_comes)
{
    publish(1, "sim/kiosk-1.6.0.img", m_image, "1.6.0");
    auto updater = agent();
    KIOSK_CHECK_OK(updater.install(NOW));
    auto const sick = [] { return kiosk::Result<void>(kiosk::fail(Errc::not_ready, "printer does not answer")); };
    KIOSK_CHECK_OK(updater.gate(sick, NOW + 121s));
    STRCMP_EQUAL("1.5.0", running().c_str());
    // The next poll sees 1.6.0 still offered and leaves it (also after a restart of the agent).
    auto again = agent().install(NOW + 200s);
    KIOSK_CHECK_OK(again);
    CHECK_FALSE(again->has_value());
    STRCMP_CONTAINS("skipped 1.6.0", agent().state().last_check.c_str());
    STRCMP_EQUAL("1.5.0", running().c_str());
    // A fixed release is taken.
    publish(2, "sim/kiosk-1.6.1.img", m_image + " fixed", "1.6.1");
    auto fixed = agent().install(NOW + 300s);
    KIOSK_CHECK_OK(fixed);
    CHECK_TRUE(fixed->has_value());
    STRCMP_EQUAL("1.6.1", running().c_str());
}

TEST(UpdateAgent, a_crash_loop_before_mark_good_falls_back_to_the_old_slot)
{
    publish(1, "sim/kiosk-1.6.0.img", m_image, "1.6.0");
    auto updater = agent();
    KIOSK_CHECK_OK(updater.install(NOW));
    // The new version crashes and the kiosk restarts before anyone marked it good.
    KIOSK_CHECK_OK(m_boot->restart());
    auto verdict = agent().gate([] { return kiosk::Result<void> {}; }, NOW + 10s);
    KIOSK_CHECK_OK(verdict);
    STRCMP_CONTAINS("did not come up", verdict->last_result.c_str());
    STRCMP_EQUAL("1.5.0", running().c_str());
}

TEST(UpdateAgent, a_tampered_payload_is_refused_and_the_old_version_keeps_running)
{
    publish(1, "sim/kiosk-1.6.0.img", m_image, "1.6.0");
    m_dir.write("www/targets/sim/kiosk-1.6.0.img", std::string(std::size_t { 512 } * 1024, 'k') + "kiosk 6.6.6");
    auto updater = agent();
    auto installed = updater.install(NOW);
    CHECK_FALSE(installed.has_value());
    CHECK_TRUE(installed.error() == Errc::refused);
    STRCMP_CONTAINS("SHA-256", installed.error().message().c_str());
    STRCMP_EQUAL("1.5.0", running().c_str());
    CHECK_TRUE(m_boot->slot_status(Slot::b)->state == SlotState::empty);
}

TEST(UpdateAgent, another_boards_image_is_never_installed)
{
    publish(1, "rpi4/kiosk-1.6.0.img", m_image, "1.6.0", "rpi4-kiosk");
    auto updater = agent();
    auto installed = updater.install(NOW);
    KIOSK_CHECK_OK(installed);
    CHECK_FALSE(installed->has_value());
    STRCMP_EQUAL("up_to_date", updater.state().last_check.c_str());
}

TEST(UpdateAgent, an_older_version_is_never_installed)
{
    publish(1, "sim/kiosk-1.4.0.img", m_image, "1.4.0");
    auto installed = agent().install(NOW);
    KIOSK_CHECK_OK(installed);
    CHECK_FALSE(installed->has_value());
    STRCMP_EQUAL("1.5.0", running().c_str());
}

TEST(UpdateAgent, an_interrupted_download_resumes_on_the_next_run)
{
    publish(1, "sim/kiosk-1.6.0.img", m_image, "1.6.0");
    m_server = std::make_unique<kiosk::test::NginxServer>(m_dir.path() / "www", "location /targets/ { limit_rate 256k; }");
    std::uint64_t cut_at = 0;
    auto first = agent([&](std::string_view step, std::uint64_t bytes) {
        if (step == "downloading" && cut_at == 0 && bytes >= m_image.size() / 2) {
            cut_at = bytes;
            m_server->kill();
        }
    });
    auto failed = first.download(NOW);
    CHECK_FALSE(failed.has_value());
    CHECK_TRUE(cut_at > 0);
    m_server = std::make_unique<kiosk::test::NginxServer>(m_dir.path() / "www");
    std::uint64_t first_seen = 0;
    auto second = agent([&](std::string_view step, std::uint64_t bytes) {
        if (step == "downloading" && first_seen == 0)
            first_seen = bytes;
    });
    auto done = second.download(NOW);
    KIOSK_CHECK_OK(done);
    // The first chunk of the second run already stands on what the first run kept.
    CHECK_TRUE(first_seen > cut_at);
    CHECK_TRUE(second.state().phase == Phase::downloaded);
}

TEST(UpdateAgent, operator_rollback_returns_to_the_good_slot)
{
    publish(1, "sim/kiosk-1.6.0.img", m_image, "1.6.0");
    auto updater = agent();
    KIOSK_CHECK_OK(updater.install(NOW));
    KIOSK_CHECK_OK(updater.gate([] { return kiosk::Result<void> {}; }, NOW + 1s));
    KIOSK_CHECK_OK(updater.rollback(NOW + 2s));
    STRCMP_EQUAL("1.5.0", running().c_str());
    // Nothing good to go back to now: slot b was marked bad.
    CHECK_TRUE(updater.rollback(NOW + 3s).error() == Errc::not_ready);
}

TEST(UpdateAgent, an_untrusted_initial_root_stops_the_agent_at_once)
{
    m_dir.write("root.json", "{}");
    auto opened = UpdateAgent::open(config(), *m_boot);
    CHECK_FALSE(opened.has_value());
    CHECK_TRUE(opened.error() == Errc::malformed);
}
