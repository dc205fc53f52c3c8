// SPDX-License-Identifier: MIT
// Code images for tests, made by independent encoders from Debian: qrencode (QR) and zint
// (Code 128, PDF417, Data Matrix). No project encoder is involved.
#pragma once

#include <kiosk/hal/camera.hpp>
#include <kiosk/hal/code_scanner.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::test {

/// Writes a PNG of @p text encoded as @p format to @p file, with modules of @p module_px
/// pixels and a quiet zone. @return false (reason on stderr) if the encoder failed.
bool write_code_image(std::filesystem::path const& file, std::string const& text, hal::CodeFormat format,
    int module_px = 4);

/// The image of write_code_image() as a gray frame of @p size (centred on white paper
/// inside a mid-gray scene). @return std::nullopt if encoding or loading failed.
std::optional<hal::Frame> code_frame(std::filesystem::path const& work_dir, std::string const& text,
    hal::CodeFormat format, hal::FrameSize size, int module_px = 4);

} // namespace kiosk::test
