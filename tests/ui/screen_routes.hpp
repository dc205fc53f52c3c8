// SPDX-License-Identifier: MIT
#pragma once

// How a test reaches each of the kiosk's screens from the attract screen, by tapping what a
// citizen would tap (the golden and small-screen tests walk the same routes).
#include "ui_harness.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kiosk::ui::test {

struct ScreenRoute {
    std::string name; ///< the screen, as golden files and messages name it
    std::function<void(UiHarness&)> go;
};

/// Taps the attract screen's start button (in either language).
void start(UiHarness& h);

/// Folds a full-screen keyboard away ("Xong", small panels); nothing where it has no such button.
void fold_keyboard(UiHarness& h);

/// attract, home, procedures, procedure_search, procedure_browse, dossier_entry,
/// dossier_invalid, error, id_entry, id_place_card, idle: in this order.
std::vector<ScreenRoute> screen_routes();

} // namespace kiosk::ui::test
