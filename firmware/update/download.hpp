// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace kiosk::update {

/// The bounds a download of one signed target obeys (TUF's endless-data and slow-retrieval
/// defences, plus the fleet's manners on a weak network).
struct DownloadLimits {
    /// The length from the signed targets metadata: the file may not grow past it.
    std::uint64_t expected_bytes = 0;
    std::chrono::milliseconds connect_timeout { 15000 };
    /// Give up when fewer than min_bytes_per_second arrive for this long (a stalled or
    /// trickling server).
    std::chrono::milliseconds stall_timeout { 30000 };
    std::uint64_t min_bytes_per_second = 1;
    /// Bandwidth cap so a kiosk leaves room for citizens' lookups on a shared line; 0 = none.
    std::uint64_t max_bytes_per_second = 0;
    /// PEM file of the CA the update server's certificate must chain to; empty = system store.
    std::filesystem::path ca_file;
};

/// What a download did.
struct DownloadReport {
    /// Bytes already on disk from an earlier, interrupted attempt (kept, not fetched again).
    std::uint64_t resumed_from = 0;
    /// Bytes fetched by this call.
    std::uint64_t fetched = 0;
    std::chrono::milliseconds elapsed { 0 };
};

/// Called after each chunk is written, with the file's size so far. The update agent's
/// deterministic crash hook for power-loss tests lives behind this.
using DownloadProgress = std::function<void(std::uint64_t bytes_on_disk)>;

/// Downloads @p url into @p partial_file, resuming with an HTTP Range request from whatever an
/// interrupted attempt left there (a server that ignores Range is answered by starting over).
/// Data is flushed to disk as it arrives so a power cut loses at most the last chunk. Blocks;
/// call from the agent's thread. Nothing here checks the content: verify the file's hash against
/// the signed metadata afterwards (verify_file).
/// @return Errc::refused when the server sends more than limits.expected_bytes (the file is
///         cut back to what was allowed), Errc::timeout when the connection or the transfer
///         stalls, Errc::not_found for HTTP 404, Errc::refused for other HTTP errors,
///         Errc::disconnected when the network drops, Errc::io for local file errors. On every
///         failure the bytes received so far stay on disk for the next attempt.
Result<DownloadReport> download(std::string const& url, std::filesystem::path const& partial_file,
    DownloadLimits const& limits, DownloadProgress const& progress = {});

/// Gets @p url into memory, at most @p max_bytes (update metadata: small files).
/// @return Errc::not_found for HTTP 404, Errc::refused when the body is longer than
///         @p max_bytes or another HTTP error came back, network errors as download() has them.
Result<std::string> fetch_text(std::string const& url, std::uint64_t max_bytes, DownloadLimits const& limits);

} // namespace kiosk::update
