// SPDX-License-Identifier: MIT
#include "ui/app/speech_guide.hpp"

#include "ui/screens/screen.hpp"

#include <kiosk/hal/speaker.hpp>
#include <speech/synthesizer.hpp>

#include <spdlog/spdlog.h>

namespace kiosk::ui {

bool SpeechGuide::available(Services const& services) noexcept
{
    return services.speaker != nullptr && services.speech != nullptr;
}

void SpeechGuide::screen_shown(ScreenHost& host, Screen const& screen)
{
    Language const language = host.session().settings.language;
    if (screen.instance() == m_screen && language == m_language)
        return;
    m_screen = screen.instance();
    m_language = language;
    stop(host.services());
    if (host.session().settings.audio_mode)
        read(host, screen);
}

void SpeechGuide::read(ScreenHost& host, Screen const& screen)
{
    Services const& services = host.services();
    if (!available(services))
        return;
    stop(services);
    m_screen = screen.instance();
    m_language = host.session().settings.language;
    m_text = screen.instruction(host);
    if (m_text.empty())
        return;
    std::uint64_t const generation = m_generation->load();
    auto const voice = m_language == Language::en ? speech::Voice::english : speech::Voice::vietnamese;
    // The task sees only copies and the shared generation, never this object: its result
    // runs on the UI thread, where this guide (a member of KioskUi) is alive.
    host.run_task([this, synth = services.speech, text = m_text, voice, current = m_generation, generation](
                      TaskProgress const& progress) -> UiAction {
        auto const stale = [&progress, &current, generation] {
            return progress.cancelled() || current->load() != generation;
        };
        if (stale())
            return {};
        auto clip = synth->synthesize(text, voice, stale);
        if (!clip) {
            if (clip.error().code() == Errc::cancelled)
                return {};
            // The text is never logged: it may name the citizen.
            spdlog::warn("spoken guidance: {}", clip.error().message());
            return [](ScreenHost& later) { later.toast("speech.unavailable"); };
        }
        return [this, generation, clip = std::move(*clip)](
                   ScreenHost& later) { play(later, generation, clip); };
    });
}

void SpeechGuide::play(ScreenHost& host, std::uint64_t generation, hal::AudioClip const& clip)
{
    if (generation != m_generation->load())
        return;
    hal::Speaker* speaker = host.services().speaker;
    if (speaker == nullptr)
        return;
    // The volume is the session's (a wipe brings it back to the default).
    if (auto volume = speaker->set_volume(host.session().settings.volume_percent); !volume)
        spdlog::warn("speaker: {}", volume.error().message());
    if (auto played = speaker->play(clip); !played) {
        spdlog::warn("speaker: {}", played.error().message());
        host.toast("speech.unavailable");
        return;
    }
    ++m_clips_played;
}

void SpeechGuide::stop(Services const& services)
{
    // Whatever is being synthesised for the old generation is dropped.
    m_generation->fetch_add(1);
    secure_clear(m_text);
    if (services.speaker != nullptr)
        services.speaker->stop();
}

} // namespace kiosk::ui
