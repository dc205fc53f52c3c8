// SPDX-License-Identifier: MIT
#pragma once

// The printed slips' words (headings, labels, QR captions) in the citizen's language, from the
// string catalogs' "slip.*" keys.

#include "ui/screens/screen.hpp"

#include <receipt/slips.hpp>

namespace kiosk::ui {

/// The labels for a status slip or a checklist printed now, in the session's language.
receipt::SlipLabels slip_labels(ScreenHost& host);

} // namespace kiosk::ui
