// SPDX-License-Identifier: MIT
#pragma once

#include <signing/verify_key.hpp>

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::update {

/// Update metadata in the spirit of TUF (The Update Framework): four roles, each a signed
/// JSON envelope `{"signed": {...}, "signatures": [{"keyid": hex, "sig": hex}]}`. Signatures
/// are Ed25519 over the canonical form of "signed" (keys sorted, no whitespace, UTF-8).
///
/// - root: the keys and signature threshold of every role, including its own; rotated by
///   publishing N+1.root.json signed by both the old and the new root keys.
/// - timestamp: short-lived, names the current snapshot version and hash.
/// - snapshot: names the current targets version (so metadata cannot be mixed and matched).
/// - targets: the images, per board, with length, SHA-256, version and rollout.
enum class RoleName {
    root,
    timestamp,
    snapshot,
    targets,
};

/// "root", "timestamp", ...
std::string_view role_name(RoleName role) noexcept;

/// The keys that may sign a role and how many must.
struct RoleKeys {
    std::vector<std::string> key_ids;
    int threshold = 1;
};

/// Fields every role has.
struct Common {
    std::uint64_t version = 0;
    std::chrono::sys_seconds expires {};
};

struct RootMetadata {
    Common common;
    std::map<std::string, signing::VerifyKey> keys; ///< by key id
    std::map<RoleName, RoleKeys> roles;
};

/// Length and hash of a metadata file another role points to.
struct MetaFile {
    std::uint64_t version = 0;
    std::optional<std::uint64_t> length;
    std::optional<std::string> sha256;
};

struct TimestampMetadata {
    Common common;
    MetaFile snapshot;
};

struct SnapshotMetadata {
    Common common;
    MetaFile targets;
};

/// Which kiosks a target is for, beyond the board.
struct Rollout {
    /// 0..100: the share of kiosks (by a stable hash of the kiosk id) that take it.
    int percent = 100;
    /// When not empty, kiosks in any of these groups take it whatever the percent says.
    std::vector<std::string> groups;
};

struct TargetInfo {
    std::string name; ///< path under targets/ on the server, e.g. "sim/kiosk-1.5.0.img"
    std::uint64_t length = 0;
    std::string sha256;
    std::string version; ///< dotted numbers, e.g. "1.5.0"
    std::string board;
    Rollout rollout;
};

struct TargetsMetadata {
    Common common;
    std::vector<TargetInfo> targets;
};

/// A parsed envelope: its canonical signed bytes and its signatures, before trust is decided.
struct Envelope {
    std::string canonical; ///< what the signatures cover
    std::vector<std::pair<std::string, Bytes>> signatures; ///< (key id, signature)
};

/// Reads the envelope of any role and checks its "_type".
/// @return Errc::malformed naming what is wrong (not JSON, missing field, wrong type).
Result<Envelope> parse_envelope(std::string_view text, RoleName expected);

/// Checks that at least @p role's threshold of distinct keys listed for it in @p root signed
/// @p envelope. @return Errc::refused ("signatures below threshold") otherwise.
Result<void> check_signatures(Envelope const& envelope, RootMetadata const& root, RoleName role);

Result<RootMetadata> parse_root(Envelope const& envelope);
Result<TimestampMetadata> parse_timestamp(Envelope const& envelope);
Result<SnapshotMetadata> parse_snapshot(Envelope const& envelope);
/// Also refuses target names that could leave the targets folder ("..", absolute paths,
/// characters outside [A-Za-z0-9._/-]).
Result<TargetsMetadata> parse_targets(Envelope const& envelope);

/// Compares dotted version numbers ("1.10.0" > "1.9.3"). Non-numeric parts compare as text.
int compare_versions(std::string_view a, std::string_view b);

/// Whether @p name is safe to use as a path under a folder (see parse_targets).
bool safe_target_name(std::string_view name);

/// ISO 8601 UTC ("2027-01-31T00:00:00Z") <-> time point.
std::optional<std::chrono::sys_seconds> parse_utc(std::string_view text);
std::string format_utc(std::chrono::sys_seconds time);

} // namespace kiosk::update
