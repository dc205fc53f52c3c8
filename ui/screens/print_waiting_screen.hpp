// SPDX-License-Identifier: MIT
#pragma once

#include "ui/screens/screen.hpp"

#include <memory>
#include <string>

namespace kiosk::ui {

/// "The printer is out of paper. Your receipt is kept and will print when staff refill it — or
/// ask at the counter" (@p message_key: print.paper_out, print.cover_open, print.offline). Never a
/// trap: "Continue" (and Back) return to where the citizen was; the job prints by itself later.
std::unique_ptr<Screen> make_print_waiting_screen(std::string message_key);

} // namespace kiosk::ui
