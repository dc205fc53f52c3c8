// SPDX-License-Identifier: MIT
#include "speech/espeak_synthesizer.hpp"

#include <kiosk/hal/utf8.hpp>

#include <espeak-ng/speak_lib.h>

#include <atomic>
#include <string>
#include <vector>

namespace kiosk::speech {

namespace {

    /// libespeak-ng has one engine per process: this flag lets only one owner exist.
    std::atomic<bool> g_engine_taken { false };
    // The engine's start-up state, changed only by the owner (g_engine_taken held).
    bool g_engine_started = false;
    int g_sample_rate_hz = 0;
    std::string g_engine_folder;

    /// One synthesis in progress; the callback finds it through espeak's user_data.
    struct Job {
        std::vector<std::int16_t> samples;
        CancelCheck const* cancelled = nullptr;
        std::size_t max_samples = 0;
        bool was_cancelled = false;
        bool too_long = false;
    };

    char const* espeak_voice(Voice voice) noexcept
    {
        switch (voice) {
        case Voice::vietnamese:
            return "vi";
        case Voice::vietnamese_central:
            return "vi-vn-x-central";
        case Voice::vietnamese_south:
            return "vi-vn-x-south";
        case Voice::english:
            return "en";
        }
        return "vi";
    }

    // Called by espeak_Synth (on the caller's thread, synchronous mode) for each block of
    // samples; wav is null at the end. Returning 1 aborts the synthesis.
    int on_samples(short* wav, int count, espeak_EVENT* events)
    {
        Job* job = nullptr;
        for (espeak_EVENT const* event = events; event != nullptr; ++event) {
            if (event->user_data != nullptr) {
                job = static_cast<Job*>(event->user_data);
                break;
            }
            if (event->type == espeakEVENT_LIST_TERMINATED)
                break;
        }
        if (job == nullptr)
            return 0;
        if (*job->cancelled && (*job->cancelled)()) {
            job->was_cancelled = true;
            return 1;
        }
        if (wav != nullptr && count > 0) {
            auto const n = static_cast<std::size_t>(count);
            if (job->samples.size() + n > job->max_samples) {
                job->too_long = true;
                return 1;
            }
            job->samples.insert(job->samples.end(), wav, wav + n);
        }
        return 0;
    }

    bool blank(std::string_view text) noexcept
    {
        return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
    }

} // namespace

Result<std::unique_ptr<EspeakSynthesizer>> EspeakSynthesizer::open(EspeakOptions const& options)
{
    if (options.words_per_minute < 80 || options.words_per_minute > 450)
        return fail(Errc::invalid_argument, "speech: rate outside 80..450 words per minute");
    std::string const folder = options.data_folder.string();
    if (!folder.empty()) {
        // espeak-ng silently falls back to its default data when a folder is wrong: check here.
        std::error_code error;
        bool const has_data = std::filesystem::is_regular_file(options.data_folder / "phontab", error)
            || std::filesystem::is_regular_file(options.data_folder / "espeak-ng-data" / "phontab", error);
        if (!has_data)
            return fail(Errc::not_found, "speech: no espeak-ng data in that folder");
    }
    if (g_engine_taken.exchange(true))
        return fail(Errc::busy, "speech: the espeak-ng engine already has an owner in this process");
    if (!g_engine_started) {
        // DONT_EXIT: without it espeak-ng calls exit() when its data is missing. It then
        // still returns the sample rate, so the voices are checked below.
        g_sample_rate_hz = espeak_Initialize(
            AUDIO_OUTPUT_SYNCHRONOUS, 200, folder.empty() ? nullptr : folder.c_str(), espeakINITIALIZE_DONT_EXIT);
        if (g_sample_rate_hz <= 0) {
            g_engine_taken = false;
            return fail(Errc::not_found, "speech: espeak-ng cannot start (is espeak-ng-data installed?)");
        }
        g_engine_started = true;
        g_engine_folder = folder;
        espeak_SetSynthCallback(&on_samples);
    } else if (folder != g_engine_folder) {
        g_engine_taken = false;
        return fail(Errc::busy, "speech: espeak-ng was started with another data folder in this process");
    }
    // From here the destructor frees the engine for the next owner.
    std::unique_ptr<EspeakSynthesizer> synth(new EspeakSynthesizer(g_sample_rate_hz));
    if (espeak_SetParameter(espeakRATE, options.words_per_minute, 0) != EE_OK)
        return fail(Errc::internal, "speech: espeak-ng refused the speaking rate");
    KIOSK_TRY(synth->select_voice(Voice::english));
    KIOSK_TRY(synth->select_voice(Voice::vietnamese));
    return synth;
}

EspeakSynthesizer::~EspeakSynthesizer()
{
    // The engine is not terminated: espeak-ng 1.51 deadlocks in espeak_Terminate() once it
    // has been initialised a second time in a process, so it starts once and stays.
    std::lock_guard lock(m_mutex);
    g_engine_taken = false;
}

Result<void> EspeakSynthesizer::select_voice(Voice voice)
{
    if (m_voice == voice)
        return {};
    if (espeak_SetVoiceByName(espeak_voice(voice)) != EE_OK) {
        m_voice.reset();
        return fail(Errc::not_found, "speech: espeak-ng has no such voice (is espeak-ng-data installed?)");
    }
    m_voice = voice;
    return {};
}

Result<hal::AudioClip> EspeakSynthesizer::synthesize(
    std::string_view utf8_text, Voice voice, CancelCheck const& cancelled)
{
    if (blank(utf8_text))
        return fail(Errc::invalid_argument, "speech: nothing to say (empty text)");
    if (utf8_text.size() > MAX_TEXT_BYTES)
        return fail(Errc::invalid_argument, "speech: text longer than 4000 bytes");
    if (!utf8::valid(utf8_text))
        return fail(Errc::invalid_argument, "speech: text is not valid UTF-8");
    // espeak reads up to a NUL in synchronous mode.
    std::string const text(utf8_text);
    if (text.find('\0') != std::string::npos)
        return fail(Errc::invalid_argument, "speech: text contains a NUL character");

    std::lock_guard lock(m_mutex);
    KIOSK_TRY(select_voice(voice));
    Job job;
    job.cancelled = &cancelled;
    job.max_samples = static_cast<std::size_t>(m_sample_rate_hz) * MAX_CLIP_SECONDS;
    job.samples.reserve(static_cast<std::size_t>(m_sample_rate_hz) * 4);
    espeak_ERROR const result = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
        espeakCHARS_UTF8 | espeakENDPAUSE, nullptr, &job);
    if (job.was_cancelled)
        return fail(Errc::cancelled, "speech: synthesis cancelled");
    if (job.too_long)
        return fail(Errc::invalid_argument, "speech: text speaks longer than 120 s");
    if (result != EE_OK)
        return fail(Errc::internal, "speech: espeak-ng failed to synthesise");
    if (job.samples.empty())
        return fail(Errc::invalid_argument, "speech: the text has nothing to pronounce");
    hal::AudioClip clip;
    clip.sample_rate_hz = m_sample_rate_hz;
    clip.samples = std::move(job.samples);
    return clip;
}

} // namespace kiosk::speech
