// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/error.hpp>

#include <string>

namespace kiosk::runtime {

/// Why a board could not be loaded: where in which file, which key, and what was expected.
/// Rendered as "FILE:LINE: key: what" (see shared/CLI.md, `board check`).
struct BoardError {
    /// invalid_argument for a broken file; not_found / permission_denied / io when the file
    /// cannot be read.
    Errc code = Errc::invalid_argument;
    std::string file;
    /// 1-based; 0 when the error concerns the whole file.
    int line = 0;
    /// Dotted key ("display.width"); empty when the error concerns the whole file.
    std::string key;
    std::string what;

    /// "FILE:LINE: key: what", leaving out the parts that are empty.
    [[nodiscard]] std::string message() const;
};

} // namespace kiosk::runtime
