// SPDX-License-Identifier: MIT
// The TUF-style refresh against every attack the issue lists. The repository is real signed
// metadata written by the release side (repository_writer) into a map that stands in for the
// static server's folder; the HTTP side is tested against nginx in tests/integration/update/.
#include <update/metadata_client.hpp>
#include <update/repository_writer.hpp>

#include <signing/signing_key.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::signing::SigningKey;
using kiosk::update::MetadataClient;
using kiosk::update::RoleName;
using kiosk::update::TargetInfo;
namespace repository = kiosk::update::repository;
using namespace std::chrono_literals;

namespace {

std::chrono::sys_seconds const NOW = std::chrono::sys_days(std::chrono::year(2026) / 12 / 1) + 9h;

TargetInfo target(std::string name, std::string version, std::string board = "sim", int percent = 100)
{
    TargetInfo info;
    info.name = std::move(name);
    info.length = 1000;
    info.sha256 = std::string(64, 'a');
    info.version = std::move(version);
    info.board = std::move(board);
    info.rollout.percent = percent;
    return info;
}

} // namespace

TEST_GROUP(MetadataClient)
{
    kiosk::test::TempDir m_dir;
    SigningKey m_root_key = *SigningKey::generate();
    SigningKey m_timestamp_key = *SigningKey::generate();
    SigningKey m_snapshot_key = *SigningKey::generate();
    SigningKey m_targets_key = *SigningKey::generate();
    std::map<std::string, std::string> m_server;
    std::uint64_t m_fetches_over_limit = 0;

    [[nodiscard]] kiosk::update::RootSpec root_spec(std::uint64_t version, SigningKey const& root_key) const
    {
        kiosk::update::RootSpec spec;
        spec.version = version;
        spec.expires = NOW + 365 * 24h;
        spec.keys[RoleName::root] = { *root_key.verify_key() };
        spec.keys[RoleName::timestamp] = { *m_timestamp_key.verify_key() };
        spec.keys[RoleName::snapshot] = { *m_snapshot_key.verify_key() };
        spec.keys[RoleName::targets] = { *m_targets_key.verify_key() };
        return spec;
    }

    void setup() override
    {
        auto root = repository::root(root_spec(1, m_root_key), { &m_root_key });
        KIOSK_CHECK_OK(root);
        m_dir.write("initial-root.json", *root);
        publish(1, { target("sim/kiosk-1.5.0.img", "1.5.0") });
    }

    /// Publishes targets, snapshot and timestamp all at @p version, as kiosk-release would.
    void publish(std::uint64_t version, std::vector<TargetInfo> const& targets,
        std::chrono::sys_seconds expires = NOW + 7 * 24h, SigningKey const* targets_signer = nullptr)
    {
        auto targets_text = repository::targets(
            version, expires, targets, { targets_signer != nullptr ? targets_signer : &m_targets_key });
        KIOSK_CHECK_OK(targets_text);
        auto snapshot_text = repository::snapshot(version, expires, version, *targets_text, { &m_snapshot_key });
        KIOSK_CHECK_OK(snapshot_text);
        auto timestamp_text = repository::timestamp(version, expires, version, *snapshot_text, { &m_timestamp_key });
        KIOSK_CHECK_OK(timestamp_text);
        m_server["targets.json"] = *targets_text;
        m_server["snapshot.json"] = *snapshot_text;
        m_server["timestamp.json"] = *timestamp_text;
    }

    kiosk::update::MetadataFetcher fetcher()
    {
        return [this](std::string const& name, std::uint64_t max_bytes) -> kiosk::Result<std::string> {
            auto found = m_server.find(name);
            if (found == m_server.end())
                return kiosk::fail(Errc::not_found, "no such file");
            if (found->second.size() > max_bytes) {
                ++m_fetches_over_limit;
                return kiosk::fail(Errc::refused, "longer than allowed");
            }
            return found->second;
        };
    }

    MetadataClient client() const
    {
        auto opened = MetadataClient::open(m_dir.path() / "state", m_dir.path() / "initial-root.json");
        KIOSK_CHECK_OK(opened);
        return std::move(*opened);
    }

    void check_refused(kiosk::Result<kiosk::update::TargetsMetadata> const& result, char const* reason) const
    {
        CHECK_FALSE(result.has_value());
        STRCMP_EQUAL("refused", std::string(kiosk::errc_name(result.error().code())).c_str());
        STRCMP_CONTAINS(reason, result.error().message().c_str());
    }
};

TEST(MetadataClient, a_good_repository_is_trusted_and_kept)
{
    auto targets = client().refresh(fetcher(), NOW);
    KIOSK_CHECK_OK(targets);
    LONGS_EQUAL(1, static_cast<long>(targets->targets.size()));
    STRCMP_EQUAL("1.5.0", targets->targets[0].version.c_str());
    // A new process finds the trusted targets on disk.
    auto kept = client().trusted_targets();
    KIOSK_CHECK_OK(kept);
    CHECK_TRUE(kept->has_value());
}

TEST(MetadataClient, arbitrary_software_signed_by_another_key_is_refused)
{
    auto intruder = *SigningKey::generate();
    publish(2, { target("sim/evil.img", "9.9.9") }, NOW + 24h, &intruder);
    check_refused(client().refresh(fetcher(), NOW), "below the role's threshold");
    CHECK_FALSE(client().trusted_targets()->has_value());
}

TEST(MetadataClient, rollback_to_older_metadata_is_refused)
{
    auto const old_server = m_server;
    publish(2, { target("sim/kiosk-1.6.0.img", "1.6.0") });
    KIOSK_CHECK_OK(client().refresh(fetcher(), NOW));
    m_server = old_server;
    check_refused(client().refresh(fetcher(), NOW), "rollback");
    STRCMP_EQUAL("1.6.0", (*client().trusted_targets())->targets[0].version.c_str());
}

TEST(MetadataClient, expired_metadata_is_refused_as_a_freeze)
{
    publish(2, { target("sim/kiosk-1.6.0.img", "1.6.0") }, NOW - 1h);
    check_refused(client().refresh(fetcher(), NOW), "expired");
}

TEST(MetadataClient, an_expired_root_is_refused)
{
    check_refused(client().refresh(fetcher(), NOW + 400 * 24h), "root: it has expired");
}

TEST(MetadataClient, mixing_a_snapshot_with_another_timestamp_is_refused)
{
    auto const first = m_server;
    publish(2, { target("sim/kiosk-1.6.0.img", "1.6.0") });
    m_server["snapshot.json"] = first.at("snapshot.json");
    check_refused(client().refresh(fetcher(), NOW), "timestamp names");
}

TEST(MetadataClient, mixing_targets_with_another_snapshot_is_refused)
{
    auto const first = m_server;
    publish(2, { target("sim/kiosk-1.6.0.img", "1.6.0") });
    m_server["targets.json"] = first.at("targets.json");
    check_refused(client().refresh(fetcher(), NOW), "snapshot names");
}

TEST(MetadataClient, a_target_name_that_leaves_the_folder_is_malformed)
{
    // Published by hand: the writer itself refuses such names.
    CHECK_TRUE(repository::targets(2, NOW + 24h, { target("../../etc/passwd", "2.0.0") }, { &m_targets_key }).error()
        == Errc::invalid_argument);
    std::string text = m_server["targets.json"];
    auto at = text.find("sim/kiosk-1.5.0.img");
    text.replace(at, std::string("sim/kiosk-1.5.0.img").size(), "../kiosk-1.5.0.img");
    auto envelope = kiosk::update::parse_envelope(text, RoleName::targets);
    KIOSK_CHECK_OK(envelope);
    CHECK_TRUE(kiosk::update::parse_targets(*envelope).error() == Errc::malformed);
    CHECK_FALSE(kiosk::update::safe_target_name("/etc/passwd"));
    CHECK_FALSE(kiosk::update::safe_target_name("sim//x"));
    CHECK_FALSE(kiosk::update::safe_target_name("sim/./x"));
    CHECK_TRUE(kiosk::update::safe_target_name("sim/kiosk-1.5.0.img"));
}

TEST(MetadataClient, a_tampered_signed_part_is_refused)
{
    std::string& text = m_server["timestamp.json"];
    auto at = text.find("\"version\": 1");
    CHECK_TRUE(at != std::string::npos);
    text.replace(at, std::string("\"version\": 1").size(), "\"version\": 7");
    check_refused(client().refresh(fetcher(), NOW), "below the role's threshold");
}

TEST(MetadataClient, endless_metadata_is_cut_off_by_the_size_bound)
{
    m_server["timestamp.json"] = std::string(std::size_t { 100 } * 1024, ' ') + m_server["timestamp.json"];
    auto result = client().refresh(fetcher(), NOW);
    CHECK_FALSE(result.has_value());
    LONGS_EQUAL(1, static_cast<long>(m_fetches_over_limit));
}

TEST(MetadataClient, root_rotation_signed_by_old_and_new_keys_is_followed)
{
    auto new_root_key = *SigningKey::generate();
    m_server["2.root.json"] = *repository::root(root_spec(2, new_root_key), { &m_root_key, &new_root_key });
    auto updated = client();
    KIOSK_CHECK_OK(updated.refresh(fetcher(), NOW));
    LONGS_EQUAL(2, static_cast<long>(updated.root_version()));
    LONGS_EQUAL(2, static_cast<long>(client().root_version()));
}

TEST(MetadataClient, a_new_root_signed_only_by_its_own_keys_is_refused)
{
    auto new_root_key = *SigningKey::generate();
    m_server["2.root.json"] = *repository::root(root_spec(2, new_root_key), { &new_root_key });
    check_refused(client().refresh(fetcher(), NOW), "not signed by the trusted root keys");
    LONGS_EQUAL(1, static_cast<long>(client().root_version()));
}

TEST(MetadataClient, a_threshold_of_two_needs_two_keys)
{
    auto second = *SigningKey::generate();
    auto spec = root_spec(2, m_root_key);
    spec.keys[RoleName::targets].push_back(*second.verify_key());
    spec.thresholds[RoleName::targets] = 2;
    m_server["2.root.json"] = *repository::root(spec, { &m_root_key });
    check_refused(client().refresh(fetcher(), NOW), "below the role's threshold");
}

TEST(MetadataClient, a_corrupt_initial_root_is_malformed)
{
    m_dir.write("initial-root.json", "{\"signed\": {\"_type\": \"root\"}, \"signatures\": []}");
    auto opened = MetadataClient::open(m_dir.path() / "state", m_dir.path() / "initial-root.json");
    CHECK_TRUE(opened.error() == Errc::malformed);
}

TEST(MetadataClient, choose_target_takes_the_newest_for_this_board_only)
{
    publish(2,
        { target("sim/kiosk-1.6.0.img", "1.6.0"), target("sim/kiosk-1.10.0.img", "1.10.0"),
            target("rpi4/kiosk-2.0.0.img", "2.0.0", "rpi4-kiosk") });
    auto targets = *client().refresh(fetcher(), NOW);
    auto chosen = kiosk::update::choose_target(targets, "sim", "1.5.0", "kiosk-001", {});
    CHECK_TRUE(chosen.has_value());
    STRCMP_EQUAL("1.10.0", chosen->version.c_str());
    CHECK_FALSE(kiosk::update::choose_target(targets, "x86-kiosk-pc", "1.0.0", "kiosk-001", {}).has_value());
}

TEST(MetadataClient, choose_target_never_downgrades)
{
    auto targets = *client().refresh(fetcher(), NOW);
    CHECK_FALSE(kiosk::update::choose_target(targets, "sim", "1.5.0", "k", {}).has_value());
    CHECK_FALSE(kiosk::update::choose_target(targets, "sim", "2.0.0", "k", {}).has_value());
    CHECK_TRUE(kiosk::update::choose_target(targets, "sim", "1.4.9", "k", {}).has_value());
}

TEST(MetadataClient, staged_rollout_takes_a_stable_share_and_named_groups)
{
    auto half = target("sim/kiosk-1.6.0.img", "1.6.0", "sim", 50);
    int taken = 0;
    for (int i = 0; i < 1000; ++i)
        taken += kiosk::update::in_rollout(half, "kiosk-" + std::to_string(i), {}) ? 1 : 0;
    CHECK_TRUE(taken > 400 && taken < 600);
    // The same kiosk gets the same answer every time.
    CHECK_EQUAL(kiosk::update::in_rollout(half, "kiosk-7", {}), kiosk::update::in_rollout(half, "kiosk-7", {}));
    auto pilot = target("sim/kiosk-1.6.0.img", "1.6.0", "sim", 0);
    pilot.rollout.groups = { "pilot-hanoi" };
    CHECK_FALSE(kiosk::update::in_rollout(pilot, "kiosk-1", { "others" }));
    CHECK_TRUE(kiosk::update::in_rollout(pilot, "kiosk-1", { "pilot-hanoi" }));
}

TEST(MetadataClient, versions_compare_by_number)
{
    CHECK_TRUE(kiosk::update::compare_versions("1.10.0", "1.9.3") > 0);
    CHECK_TRUE(kiosk::update::compare_versions("1.2", "1.2.0") < 0);
    CHECK_TRUE(kiosk::update::compare_versions("2.0.0", "2.0.0") == 0);
}
