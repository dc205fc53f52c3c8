// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/board.hpp>
#include <kiosk/hal/role.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::runtime {

/// Options of the [printer] table.
struct PrinterOptions {
    int head_dots = 576;
    int dots_per_mm = 8;
    std::string code_page;
    bool native_qr = false;
};

/// Options of the [camera] table.
struct CameraOptions {
    int width = 1280;
    int height = 720;
    int fps = 15;
};

/// One role table of a board file: `connection = "driver:args"` plus the role's options.
struct RoleConfig {
    hal::Role role = hal::Role::card_reader;
    /// The whole connection string, as written.
    std::string connection;
    /// The part before the first ':' (for the printer: the transport).
    std::string scheme;
    /// The part after the first ':' (may be empty).
    std::string args;
    /// Line of the `connection` key, for error messages.
    int line = 0;
    PrinterOptions printer;
    CameraOptions camera;
};

/// A parsed, validated board file. Paths are absolute (resolved against the file's folder).
struct BoardConfig {
    std::filesystem::path file;
    std::string name;
    std::string description;
    hal::DisplaySpec display;
    hal::ServiceEndpoints services;
    /// The roles the board fills, in hal::ALL_ROLES order.
    std::vector<RoleConfig> roles;

    /// The folder of the board file; relative paths inside the file are relative to it.
    [[nodiscard]] std::filesystem::path directory() const { return file.parent_path(); }
    /// The role's table, or null when the board does not fill it.
    [[nodiscard]] RoleConfig const* role(hal::Role which) const;
};

} // namespace kiosk::runtime
