// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::update {

/// Replaces @p file with @p text through a flushed temporary file and a rename, then flushes
/// the folder: after a crash or power cut the old file or the new one is there, never half.
/// @return Errc::io (with errno) when any step fails; the old file is then untouched.
Result<void> write_file_atomically(std::filesystem::path const& file, std::string const& text);

/// The whole of @p file, or std::nullopt when it does not exist. @return Errc::io otherwise.
Result<std::optional<std::string>> read_file_if_any(std::filesystem::path const& file);

} // namespace kiosk::update
