// SPDX-License-Identifier: MIT
#pragma once

#include "update/metadata.hpp"

#include <signing/signing_key.hpp>
#include <signing/verify_key.hpp>

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kiosk::update {

/// Which public keys (and how many signatures) each role needs: the content of a root file.
struct RootSpec {
    std::uint64_t version = 1;
    std::chrono::sys_seconds expires {};
    std::map<RoleName, std::vector<signing::VerifyKey>> keys;
    std::map<RoleName, int> thresholds; ///< default 1
};

/// Writes the signed metadata files of an update repository (the release tool's side of
/// metadata.hpp). Every function returns the file's text, signed by every key in @p keys.
/// The caller decides where files go; nothing here touches disk.
namespace repository {

    Result<std::string> root(RootSpec const& spec, std::vector<signing::SigningKey const*> const& keys);

    /// @p snapshot_text is the snapshot file this timestamp vouches for (its length and hash).
    Result<std::string> timestamp(std::uint64_t version, std::chrono::sys_seconds expires,
        std::uint64_t snapshot_version, std::string const& snapshot_text,
        std::vector<signing::SigningKey const*> const& keys);

    Result<std::string> snapshot(std::uint64_t version, std::chrono::sys_seconds expires,
        std::uint64_t targets_version, std::string const& targets_text,
        std::vector<signing::SigningKey const*> const& keys);

    /// @return Errc::invalid_argument for a target name that is not safe_target_name().
    Result<std::string> targets(std::uint64_t version, std::chrono::sys_seconds expires,
        std::vector<TargetInfo> const& targets, std::vector<signing::SigningKey const*> const& keys);

} // namespace repository

} // namespace kiosk::update
