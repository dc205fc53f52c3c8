// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <memory>

namespace kiosk::ui {

/// How SDL runs: a window on a real display, or headless (SDL's `dummy` video and audio
/// drivers, drawing in memory).
enum class VideoMode {
    window,
    headless,
};

/// SDL, SDL_ttf and SDL_image initialised for the lifetime of this object (one per process,
/// on the UI thread). Headless mode sets SDL_VIDEODRIVER=dummy and SDL_AUDIODRIVER=dummy
/// first (never `offscreen`, which loads Mesa).
class SdlLibrary {
public:
    /// @return Errc::unsupported when SDL cannot start video (no display in window mode),
    ///         Errc::internal when SDL_ttf or SDL_image cannot start.
    static Result<std::unique_ptr<SdlLibrary>> open(VideoMode mode);
    ~SdlLibrary();
    SdlLibrary(SdlLibrary const&) = delete;
    SdlLibrary& operator=(SdlLibrary const&) = delete;
    SdlLibrary(SdlLibrary&&) = delete;
    SdlLibrary& operator=(SdlLibrary&&) = delete;

    [[nodiscard]] VideoMode mode() const noexcept { return m_mode; }

private:
    explicit SdlLibrary(VideoMode mode) noexcept
        : m_mode(mode)
    {
    }
    VideoMode m_mode;
};

} // namespace kiosk::ui
