// SPDX-License-Identifier: MIT
#pragma once

#include "update/metadata.hpp"
#include "update/repository_writer.hpp"

#include <signing/signing_key.hpp>
#include <signing/verify_key.hpp>

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kiosk::update {

/// The publisher's working copy of an update repository, a folder laid out the way the
/// kiosks read it, so any static HTTP server (nginx, an object store) can serve it as is:
///
///     DIR/metadata/root.json        current root (also installed on kiosks as the initial root)
///     DIR/metadata/N.root.json      every root version, for rotation
///     DIR/metadata/targets.json, snapshot.json, timestamp.json
///     DIR/targets/<board>/<file>    the images
///     DIR/targets.list.json         the publisher's unsigned list of targets (not read by kiosks)
///
/// On error @p message holds what to tell the publisher.
class ReleaseRepository {
public:
    explicit ReleaseRepository(std::filesystem::path folder);

    /// Writes root version (current + 1, or 1 for a new repository) naming @p keys per role,
    /// signed by every key in @p signers (for a rotation: the old and the new root keys).
    /// @return the new root version; Errc::invalid_argument when a role has no key.
    Result<std::uint64_t> init_root(std::map<RoleName, std::vector<signing::VerifyKey>> const& keys,
        std::map<RoleName, int> const& thresholds, std::vector<signing::SigningKey const*> const& signers,
        std::chrono::sys_seconds expires);

    /// Copies @p image to targets/<board>/<file name> and lists it (replacing an entry of the
    /// same name). @return the target as listed; Errc::invalid_argument for a bad name or
    /// version, Errc::not_found when the image is missing.
    Result<TargetInfo> add_target(std::filesystem::path const& image, std::string const& board,
        std::string const& version, Rollout const& rollout);

    /// Signs the listed targets, then snapshot and timestamp, each one version up from what
    /// is published. @p timestamp_expires is usually a day, the others weeks.
    Result<std::uint64_t> sign(signing::SigningKey const& targets_key, signing::SigningKey const& snapshot_key,
        signing::SigningKey const& timestamp_key, std::chrono::sys_seconds expires,
        std::chrono::sys_seconds timestamp_expires);

    /// Checks the repository the way a kiosk would (from its root, at @p now), then copies it
    /// to @p destination (a web server's folder): images first, then root files, targets,
    /// snapshot, and the timestamp last, each by an atomic rename, so a kiosk polling during
    /// the copy sees the old repository or the new one.
    /// @return the number of targets; Errc::refused when the repository does not verify.
    Result<std::size_t> publish(std::filesystem::path const& destination, std::chrono::sys_seconds now);

    [[nodiscard]] std::string const& message() const noexcept { return m_message; }

private:
    Result<std::vector<TargetInfo>> listed_targets() const;
    Result<std::uint64_t> published_version(char const* file, RoleName role) const;

    std::filesystem::path m_folder;
    std::string m_message;
};

} // namespace kiosk::update
