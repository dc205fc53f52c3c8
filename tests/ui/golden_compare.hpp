// SPDX-License-Identifier: MIT
#pragma once

// Golden screenshots: the frame, turned grey, against tests/golden/ui/NAME.png
// (KIOSK_UPDATE_GOLDENS=1 writes them instead). One copy for every golden test.
#include "ui_harness.hpp"

#include <filesystem>
#include <string>

namespace kiosk::ui::test {

/// tests/golden/ui/
std::filesystem::path golden_dir();
/// Whether KIOSK_UPDATE_GOLDENS=1 asks to rewrite the goldens.
bool updating_goldens();
/// Settles @p h, then compares its frame with golden @p name (or writes it when updating).
/// @return empty when it matches, else what differs (the actual frame is saved for review).
std::string compare_or_update(UiHarness& h, std::string const& name);

} // namespace kiosk::ui::test
