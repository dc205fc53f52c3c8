// SPDX-License-Identifier: MIT
#include "progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace kiosk::cli {

Progress::Progress(int total_steps)
    : m_total(total_steps)
    , m_visible(isatty(STDERR_FILENO) == 1)
{
}

Progress::~Progress()
{
    if (m_visible)
        std::fputs("\r\033[K", stderr); // clear the line
}

void Progress::step(int step, std::string_view label) const
{
    if (!m_visible)
        return;
    std::fprintf(stderr, "\r\033[K[%d/%d] %.*s ...", step, m_total, static_cast<int>(label.size()), label.data());
    std::fflush(stderr);
}

} // namespace kiosk::cli
