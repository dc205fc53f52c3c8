// SPDX-License-Identifier: MIT
#pragma once

#include "update/metadata.hpp"

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace kiosk::update {

/// Gets one metadata file of the repository ("timestamp.json", "2.root.json"), at most
/// @p max_bytes long. @return Errc::not_found when the server has no such file, Errc::refused
/// when it is longer than @p max_bytes, network errors as they are.
using MetadataFetcher = std::function<Result<std::string>(std::string const& name, std::uint64_t max_bytes)>;

/// The kiosk's side of the TUF-style metadata: which metadata it trusts (kept in a state
/// folder, each file replaced atomically), and the refresh that moves that trust forward
/// only through correctly signed, fresh, consistent, non-decreasing versions.
///
/// Refresh: root rotation (N+1.root.json signed by the old and the new root keys, until the
/// server has no newer one), then timestamp, snapshot and targets, each signed by its role's
/// threshold, unexpired, no older than what was trusted before, and matching the version,
/// length and hash the role above names. Anything else is refused and the trusted state is
/// left as it was. One thread only.
class MetadataClient {
public:
    /// Trusts the root in @p state_dir/root.json if there is one (an earlier refresh), else
    /// @p initial_root (the root file installed with the firmware image).
    /// @return Errc::malformed if the root file does not parse or is not self-signed,
    ///         Errc::not_found / io if it cannot be read.
    static Result<MetadataClient> open(std::filesystem::path state_dir, std::filesystem::path const& initial_root);

    /// Runs the refresh against @p fetch at time @p now. @return the trusted targets.
    /// Errc::refused with the reason (bad signature, expired, rollback, mix-and-match, wrong
    /// hash) when the repository cannot be trusted; fetch errors as they are.
    Result<TargetsMetadata> refresh(MetadataFetcher const& fetch, std::chrono::sys_seconds now);

    /// The trusted root's version (1 until rotated).
    [[nodiscard]] std::uint64_t root_version() const noexcept { return m_root.common.version; }

    /// The trusted targets from the last successful refresh, if any survives on disk.
    [[nodiscard]] Result<std::optional<TargetsMetadata>> trusted_targets() const;

private:
    MetadataClient(std::filesystem::path state_dir, RootMetadata root);

    Result<void> update_root(MetadataFetcher const& fetch);

    std::filesystem::path m_state_dir;
    RootMetadata m_root;
};

/// Whether kiosk @p kiosk_id in @p groups takes @p target: a named group always, otherwise
/// a stable bucket 0..99 of SHA-256(kiosk id + target name) below the rollout percent.
bool in_rollout(TargetInfo const& target, std::string const& kiosk_id, std::vector<std::string> const& groups);

/// The newest target for @p board that is newer than @p installed_version and whose rollout
/// includes this kiosk; std::nullopt when there is none (up to date).
std::optional<TargetInfo> choose_target(TargetsMetadata const& targets, std::string const& board,
    std::string const& installed_version, std::string const& kiosk_id, std::vector<std::string> const& groups);

} // namespace kiosk::update
