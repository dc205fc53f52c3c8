// SPDX-License-Identifier: MIT
#include "ui/core/sdl_library.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <spdlog/spdlog.h>

namespace kiosk::ui {

Result<std::unique_ptr<SdlLibrary>> SdlLibrary::open(VideoMode mode)
{
    if (mode == VideoMode::headless) {
        // SDL reads these at SDL_Init; SDL_setenv keeps the process environment in step.
        SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
        SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
    }
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        spdlog::error("SDL_Init: {}", SDL_GetError());
        return fail(Errc::unsupported, "SDL cannot start video (no display?)");
    }
    if (TTF_Init() != 0) {
        spdlog::error("TTF_Init: {}", TTF_GetError());
        SDL_Quit();
        return fail(Errc::internal, "SDL_ttf cannot start");
    }
    if ((IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG) == 0) {
        spdlog::error("IMG_Init: {}", IMG_GetError());
        TTF_Quit();
        SDL_Quit();
        return fail(Errc::internal, "SDL_image cannot start");
    }
    return std::unique_ptr<SdlLibrary>(new SdlLibrary(mode));
}

SdlLibrary::~SdlLibrary()
{
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
}

} // namespace kiosk::ui
