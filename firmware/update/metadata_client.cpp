// SPDX-License-Identifier: MIT
#include "update/metadata_client.hpp"

#include "update/atomic_file.hpp"
#include "update/file_hash.hpp"

#include <cerrno>
#include <charconv>
#include <system_error>
#include <utility>


namespace kiosk::update {

namespace {

    constexpr std::uint64_t MAX_ROOT_BYTES = std::uint64_t { 512 } * 1024;
    constexpr std::uint64_t MAX_TIMESTAMP_BYTES = std::uint64_t { 64 } * 1024;
    constexpr std::uint64_t MAX_SNAPSHOT_BYTES = std::uint64_t { 1024 } * 1024;
    constexpr std::uint64_t MAX_TARGETS_BYTES = std::uint64_t { 8 } * 1024 * 1024;
    /// A bound on root rotations in one refresh, so a hostile server cannot keep us busy.
    constexpr int MAX_ROOT_ROTATIONS = 64;

    Result<RootMetadata> self_signed_root(std::string const& text)
    {
        auto const envelope = KIOSK_TRY(parse_envelope(text, RoleName::root));
        auto root = KIOSK_TRY(parse_root(envelope));
        if (!check_signatures(envelope, root, RoleName::root))
            return fail(Errc::malformed, "reading the trusted root: it is not signed by its own root keys");
        return root;
    }

    Result<void> check_fresh(Common const& common, std::chrono::sys_seconds now, char const* what)
    {
        if (now >= common.expires)
            return fail(Errc::refused, what);
        return {};
    }

    Result<void> check_meta(MetaFile const& meta, std::string const& text, char const* length_error, char const* hash_error)
    {
        if (meta.length && *meta.length != text.size())
            return fail(Errc::refused, length_error);
        if (meta.sha256 && *meta.sha256 != sha256_hex(text))
            return fail(Errc::refused, hash_error);
        return {};
    }

    template <class Metadata, class Parse>
    Result<std::optional<Metadata>> trusted(std::filesystem::path const& file, RoleName role, Parse parse)
    {
        auto const text = KIOSK_TRY(read_file_if_any(file));
        if (!text)
            return std::optional<Metadata>();
        auto const envelope = KIOSK_TRY(parse_envelope(*text, role));
        return std::optional<Metadata>(KIOSK_TRY(parse(envelope)));
    }

} // namespace

MetadataClient::MetadataClient(std::filesystem::path state_dir, RootMetadata root)
    : m_state_dir(std::move(state_dir))
    , m_root(std::move(root))
{
}

Result<MetadataClient> MetadataClient::open(std::filesystem::path state_dir, std::filesystem::path const& initial_root)
{
    std::error_code error;
    std::filesystem::create_directories(state_dir, error);
    if (error)
        return fail(Errc::io, "creating the update state folder", error.value());
    auto text = KIOSK_TRY(read_file_if_any(state_dir / "root.json"));
    if (!text) {
        text = KIOSK_TRY(read_file_if_any(initial_root));
        if (!text)
            return fail(Errc::not_found, "reading the initial root metadata: the file is missing");
    }
    auto root = KIOSK_TRY(self_signed_root(*text));
    return MetadataClient(std::move(state_dir), std::move(root));
}

Result<void> MetadataClient::update_root(MetadataFetcher const& fetch)
{
    for (int rotation = 0; rotation < MAX_ROOT_ROTATIONS; ++rotation) {
        std::uint64_t const next_version = m_root.common.version + 1;
        auto text = fetch(std::to_string(next_version) + ".root.json", MAX_ROOT_BYTES);
        if (!text && text.error() == Errc::not_found)
            return {};
        if (!text)
            return Unexpected(text.error());
        auto const envelope = KIOSK_TRY(parse_envelope(*text, RoleName::root));
        // The old keys vouch for the new root, and the new root for itself.
        if (!check_signatures(envelope, m_root, RoleName::root))
            return fail(Errc::refused, "rotating the root: the new root is not signed by the trusted root keys");
        auto next = KIOSK_TRY(parse_root(envelope));
        if (!check_signatures(envelope, next, RoleName::root))
            return fail(Errc::refused, "rotating the root: the new root is not signed by its own keys");
        if (next.common.version != next_version)
            return fail(Errc::refused, "rotating the root: its version is not the next one");
        KIOSK_TRY(write_file_atomically(m_state_dir / "root.json", *text));
        m_root = std::move(next);
    }
    return fail(Errc::refused, "rotating the root: too many new roots in one refresh");
}

Result<TargetsMetadata> MetadataClient::refresh(MetadataFetcher const& fetch, std::chrono::sys_seconds now)
{
    KIOSK_TRY(update_root(fetch));
    KIOSK_TRY(check_fresh(m_root.common, now, "checking the root: it has expired (freeze attack or stale repository)"));

    auto const old_timestamp
        = KIOSK_TRY(trusted<TimestampMetadata>(m_state_dir / "timestamp.json", RoleName::timestamp, parse_timestamp));
    auto const old_snapshot
        = KIOSK_TRY(trusted<SnapshotMetadata>(m_state_dir / "snapshot.json", RoleName::snapshot, parse_snapshot));

    // Timestamp.
    auto const timestamp_text = KIOSK_TRY(fetch("timestamp.json", MAX_TIMESTAMP_BYTES));
    auto const timestamp_envelope = KIOSK_TRY(parse_envelope(timestamp_text, RoleName::timestamp));
    KIOSK_TRY(check_signatures(timestamp_envelope, m_root, RoleName::timestamp));
    auto const timestamp = KIOSK_TRY(parse_timestamp(timestamp_envelope));
    if (old_timestamp && timestamp.common.version < old_timestamp->common.version)
        return fail(Errc::refused, "checking the timestamp: older than the one trusted (rollback attack)");
    if (old_timestamp && timestamp.snapshot.version < old_timestamp->snapshot.version)
        return fail(Errc::refused, "checking the timestamp: it names an older snapshot (rollback attack)");
    KIOSK_TRY(check_fresh(timestamp.common, now, "checking the timestamp: it has expired (freeze attack)"));

    // Snapshot.
    auto const snapshot_text = KIOSK_TRY(fetch("snapshot.json", timestamp.snapshot.length.value_or(MAX_SNAPSHOT_BYTES)));
    KIOSK_TRY(check_meta(timestamp.snapshot, snapshot_text, "checking the snapshot: its length is not the one the timestamp names",
        "checking the snapshot: its hash is not the one the timestamp names (mix-and-match)"));
    auto const snapshot_envelope = KIOSK_TRY(parse_envelope(snapshot_text, RoleName::snapshot));
    KIOSK_TRY(check_signatures(snapshot_envelope, m_root, RoleName::snapshot));
    auto const snapshot = KIOSK_TRY(parse_snapshot(snapshot_envelope));
    if (snapshot.common.version != timestamp.snapshot.version)
        return fail(Errc::refused, "checking the snapshot: its version is not the one the timestamp names (mix-and-match)");
    if (old_snapshot && snapshot.targets.version < old_snapshot->targets.version)
        return fail(Errc::refused, "checking the snapshot: it names older targets than trusted (rollback attack)");
    KIOSK_TRY(check_fresh(snapshot.common, now, "checking the snapshot: it has expired (freeze attack)"));

    // Targets.
    auto const targets_text = KIOSK_TRY(fetch("targets.json", snapshot.targets.length.value_or(MAX_TARGETS_BYTES)));
    KIOSK_TRY(check_meta(snapshot.targets, targets_text, "checking the targets: its length is not the one the snapshot names",
        "checking the targets: its hash is not the one the snapshot names (mix-and-match)"));
    auto const targets_envelope = KIOSK_TRY(parse_envelope(targets_text, RoleName::targets));
    KIOSK_TRY(check_signatures(targets_envelope, m_root, RoleName::targets));
    auto targets = KIOSK_TRY(parse_targets(targets_envelope));
    if (targets.common.version != snapshot.targets.version)
        return fail(Errc::refused, "checking the targets: its version is not the one the snapshot names (mix-and-match)");
    KIOSK_TRY(check_fresh(targets.common, now, "checking the targets: they have expired (freeze attack)"));

    // Only now that all of it holds does the trusted state move forward.
    KIOSK_TRY(write_file_atomically(m_state_dir / "timestamp.json", timestamp_text));
    KIOSK_TRY(write_file_atomically(m_state_dir / "snapshot.json", snapshot_text));
    KIOSK_TRY(write_file_atomically(m_state_dir / "targets.json", targets_text));
    return targets;
}

Result<std::optional<TargetsMetadata>> MetadataClient::trusted_targets() const
{
    return trusted<TargetsMetadata>(m_state_dir / "targets.json", RoleName::targets, parse_targets);
}

bool in_rollout(TargetInfo const& target, std::string const& kiosk_id, std::vector<std::string> const& groups)
{
    for (auto const& group : target.rollout.groups) {
        for (auto const& mine : groups) {
            if (group == mine)
                return true;
        }
    }
    if (!target.rollout.groups.empty() && target.rollout.percent == 0)
        return false;
    // A stable bucket per kiosk and target: the same kiosks stay in as the percent grows.
    auto const hash = sha256_hex(kiosk_id + "/" + target.name);
    std::uint32_t prefix = 0;
    std::from_chars(hash.data(), hash.data() + 8, prefix, 16);
    return prefix % 100U < static_cast<std::uint32_t>(target.rollout.percent);
}

std::optional<TargetInfo> choose_target(TargetsMetadata const& targets, std::string const& board,
    std::string const& installed_version, std::string const& kiosk_id, std::vector<std::string> const& groups)
{
    std::optional<TargetInfo> best;
    for (auto const& target : targets.targets) {
        if (target.board != board || compare_versions(target.version, installed_version) <= 0)
            continue;
        if (!in_rollout(target, kiosk_id, groups))
            continue;
        if (!best || compare_versions(target.version, best->version) > 0)
            best = target;
    }
    return best;
}

} // namespace kiosk::update
