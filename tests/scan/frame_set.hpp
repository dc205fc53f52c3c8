// SPDX-License-Identifier: MIT
// The generated scan frame set (make_frames.sh): its manifest, and generating it on demand
// into the build tree. Shared by the decode-rate test and the scan benchmark.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::test {

/// One row of manifest.tsv.
struct FrameEntry {
    std::filesystem::path file;
    std::string category;
    int width = 0;
    int height = 0;
    int module_px = 0;
    /// "dossier_code", "citizen_id_qr", "url" or "none".
    std::string kind;
    /// The encoded text; empty for frames with no code.
    std::string text;
};

/// Reads OUT_DIR/manifest.tsv. @return std::nullopt if it is missing or malformed.
std::optional<std::vector<FrameEntry>> read_frame_manifest(std::filesystem::path const& dir);

/// The frame set @p set_name ("ci" or "full") in @p dir, generated with the fixed seed if
/// it is not there yet. @return its entries, or std::nullopt (with the reason on stderr) if
/// generating failed.
std::optional<std::vector<FrameEntry>> ensure_frame_set(std::filesystem::path const& dir, std::string const& set_name);

} // namespace kiosk::test
