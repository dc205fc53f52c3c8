// SPDX-License-Identifier: MIT
#pragma once

#include "speech/synthesizer.hpp"

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

namespace kiosk::speech {

/// What EspeakSynthesizer::open() needs.
struct EspeakOptions {
    /// The espeak-ng-data folder; empty: the library's own (Debian: espeak-ng-data package).
    std::filesystem::path data_folder;
    /// Speaking rate in words per minute (espeak's default is 175; slower is kinder to
    /// elderly listeners). 80..450.
    int words_per_minute = 145;
};

/// Text to speech with libespeak-ng (the only file that calls it), synthesising into memory
/// (AUDIO_OUTPUT_SYNCHRONOUS with a synth callback): no audio device is touched. The library
/// keeps global state, so at most one EspeakSynthesizer exists per process and its calls are
/// serialised by a mutex (any thread may call; one synthesis runs at a time).
class EspeakSynthesizer final : public Synthesizer {
public:
    /// Starts the engine and checks the Vietnamese and English voices load.
    /// @return Errc::busy if another EspeakSynthesizer is alive; Errc::invalid_argument for a
    ///         rate outside 80..450 wpm; Errc::not_found if the voice data cannot be loaded.
    static Result<std::unique_ptr<EspeakSynthesizer>> open(EspeakOptions const& options = {});
    ~EspeakSynthesizer() override;
    EspeakSynthesizer(EspeakSynthesizer const&) = delete;
    EspeakSynthesizer& operator=(EspeakSynthesizer const&) = delete;
    EspeakSynthesizer(EspeakSynthesizer&&) = delete;
    EspeakSynthesizer& operator=(EspeakSynthesizer&&) = delete;

    /// See Synthesizer::synthesize(). The clip's rate is sample_rate_hz(). @p cancelled is
    /// asked after each block of samples (a few tens of milliseconds of speech).
    Result<hal::AudioClip> synthesize(std::string_view utf8_text, Voice voice, CancelCheck const& cancelled) override;

    /// The rate of every clip, in Hz (22050 for espeak-ng).
    [[nodiscard]] int sample_rate_hz() const noexcept { return m_sample_rate_hz; }

    /// The longest clip synthesize() makes; longer speech fails with Errc::invalid_argument.
    static constexpr int MAX_CLIP_SECONDS = 120;

private:
    explicit EspeakSynthesizer(int sample_rate_hz) noexcept
        : m_sample_rate_hz(sample_rate_hz)
    {
    }
    Result<void> select_voice(Voice voice);

    std::mutex m_mutex;
    int m_sample_rate_hz;
    std::optional<Voice> m_voice;
};

} // namespace kiosk::speech
