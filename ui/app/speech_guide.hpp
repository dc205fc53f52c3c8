// SPDX-License-Identifier: MIT
#pragma once

#include "ui/core/strings.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace kiosk::hal {
struct AudioClip;
}

namespace kiosk::ui {

class Screen;
class ScreenHost;
struct Services;

/// Spoken guidance (issue 8): reads a screen's instruction aloud through Services::speaker,
/// synthesised by Services::speech on the task runner (never on the UI thread). Speech stops
/// when the screen (or the language) changes and when the session is wiped; in audio mode
/// (Settings::audio_mode) each screen's instruction is read when it appears. Without a
/// speaker or a synthesiser it does nothing. UI thread only.
class SpeechGuide {
public:
    SpeechGuide() = default;
    ~SpeechGuide() = default;
    SpeechGuide(SpeechGuide const&) = delete;
    SpeechGuide& operator=(SpeechGuide const&) = delete;
    SpeechGuide(SpeechGuide&&) = delete;
    SpeechGuide& operator=(SpeechGuide&&) = delete;

    /// Whether @p services can speak (a speaker and a synthesiser).
    [[nodiscard]] static bool available(Services const& services) noexcept;

    /// Called after every change of the screen stack or the settings: when @p screen is not the
    /// one spoken for (another screen, or the same in another language) speech stops, and in
    /// audio mode the new screen's instruction is read.
    void screen_shown(ScreenHost& host, Screen const& screen);
    /// Reads @p screen's instruction now (the speaker button), replacing what was playing.
    void read(ScreenHost& host, Screen const& screen);
    /// Stops at once; a synthesis still running is dropped.
    void stop(Services const& services);

    /// Clips handed to the speaker so far (tests).
    [[nodiscard]] std::uint64_t clips_played() const noexcept { return m_clips_played; }
    /// The instruction being synthesised or played, empty when quiet or stopped (tests).
    [[nodiscard]] std::string const& speaking() const noexcept { return m_text; }

private:
    void play(ScreenHost& host, std::uint64_t generation, hal::AudioClip const& clip);

    /// Bumped at each read() and stop(); a task's result plays only if it is still current.
    /// Shared with the tasks so a stale one skips its synthesis.
    std::shared_ptr<std::atomic<std::uint64_t>> m_generation = std::make_shared<std::atomic<std::uint64_t>>(0);
    std::uint64_t m_screen = 0;
    Language m_language = Language::vi;
    std::string m_text;
    std::uint64_t m_clips_played = 0;
};

} // namespace kiosk::ui
