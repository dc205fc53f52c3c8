// SPDX-License-Identifier: MIT
#include "speech/synthesizer.hpp"

namespace kiosk::speech {

std::string_view voice_label(Voice voice) noexcept
{
    switch (voice) {
    case Voice::vietnamese:
        return "vietnamese";
    case Voice::vietnamese_central:
        return "vietnamese (central)";
    case Voice::vietnamese_south:
        return "vietnamese (south)";
    case Voice::english:
        return "english";
    }
    return "unknown";
}

} // namespace kiosk::speech
