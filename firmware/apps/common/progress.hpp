// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace kiosk::cli {

/// A one-line progress display on stderr ("[2/6] printer ..."), shown only when stderr is a
/// terminal so that logs and scripts stay clean. Never writes to stdout.
class Progress {
public:
    explicit Progress(int total_steps);
    ~Progress();
    Progress(Progress const&) = delete;
    Progress& operator=(Progress const&) = delete;
    Progress(Progress&&) = delete;
    Progress& operator=(Progress&&) = delete;

    /// Shows that step @p label (1-based number @p step) is under way.
    void step(int step, std::string_view label) const;

private:
    int m_total;
    bool m_visible;
};

} // namespace kiosk::cli
