// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>
#include <kiosk/hal/speaker.hpp>

#include <cstddef>
#include <functional>
#include <string_view>

namespace kiosk::speech {

/// Which voice reads the text.
enum class Voice {
    vietnamese, ///< northern (Hà Nội) Vietnamese, the default
    vietnamese_central, ///< central (Huế) Vietnamese
    vietnamese_south, ///< southern (Sài Gòn) Vietnamese
    english,
};

/// Asked now and then while synthesising: true means "stop, the result is no longer wanted".
using CancelCheck = std::function<bool()>;

/// Text to speech into memory: the kiosk's spoken guidance (issue 8). Implementations:
/// EspeakSynthesizer (libespeak-ng). synthesize() blocks for the synthesis time (tens to
/// hundreds of milliseconds for a screen's instruction): call it off the UI thread.
class Synthesizer {
public:
    virtual ~Synthesizer() = default;
    Synthesizer(Synthesizer const&) = delete;
    Synthesizer& operator=(Synthesizer const&) = delete;
    Synthesizer(Synthesizer&&) = delete;
    Synthesizer& operator=(Synthesizer&&) = delete;

    /// Speaks @p utf8_text with @p voice into a mono 16-bit clip at the synthesiser's rate.
    /// Blocks until done; safe from any thread (calls are serialised).
    /// @return Errc::invalid_argument for text that is empty, only blank, not valid UTF-8 or
    ///         longer than MAX_TEXT_BYTES; Errc::cancelled when @p cancelled said so;
    ///         Errc::internal when the engine fails.
    virtual Result<hal::AudioClip> synthesize(std::string_view utf8_text, Voice voice, CancelCheck const& cancelled) = 0;

    /// The longest text synthesize() takes, in bytes (a screen's instruction is far shorter).
    static constexpr std::size_t MAX_TEXT_BYTES = 4000;

protected:
    Synthesizer() = default;
};

/// A short English name of @p voice for messages ("vietnamese", "english").
[[nodiscard]] std::string_view voice_label(Voice voice) noexcept;

} // namespace kiosk::speech
