// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::update {

/// SHA-256 of the file's contents as 64 lower-case hex digits. Streams the file (constant
/// memory). @return Errc::not_found / io when the file cannot be read.
Result<std::string> sha256_file(std::filesystem::path const& file);

/// SHA-256 of @p data as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

/// Checks that @p file is exactly @p expected_bytes long and hashes to @p expected_sha256
/// (hex, either case), as the signed targets metadata says.
/// @return Errc::refused naming which of the two differs.
Result<void> verify_file(std::filesystem::path const& file, std::uint64_t expected_bytes, std::string_view expected_sha256);

} // namespace kiosk::update
