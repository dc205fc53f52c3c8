// SPDX-License-Identifier: MIT
#pragma once

// The screens of the kiosk, one per file; each file's class is private to it.

#include "ui/screens/screen.hpp"

#include <memory>
#include <string>

namespace kiosk::ui {

/// "Touch to start" and what the kiosk can do; the root of every session.
std::unique_ptr<Screen> make_attract_screen();
/// The three large choices: procedures, dossier, chip ID.
std::unique_ptr<Screen> make_home_screen();
/// Procedures: search by name or browse by life event.
std::unique_ptr<Screen> make_procedures_screen();
/// Search box with the Vietnamese keyboard and per-keystroke results.
std::unique_ptr<Screen> make_procedure_search_screen();
/// Life events and fields to browse.
std::unique_ptr<Screen> make_procedure_browse_screen();
/// The procedures of the browse group in Session::procedure_group ("event:ID" / "field:ID").
std::unique_ptr<Screen> make_procedure_group_screen();
/// The procedure Session::procedure_code: documents, fees, time, where, online level
/// (scrollable), "print checklist" (when there is a printer) and a QR for the citizen's phone.
std::unique_ptr<Screen> make_procedure_detail_screen();
/// Dossier code entry (code keyboard) with the "scan the receipt's QR" hint.
std::unique_ptr<Screen> make_dossier_entry_screen();
/// One dossier's details from Session::dossier_result (a code lookup's answer, or a dossier of
/// the citizen's list after a chip read): the timeline in plain words, the due date (and how
/// late), the next step, "as of" for a cached answer, and "print status slip". Without a
/// result in the session it says so and offers back.
std::unique_ptr<Screen> make_dossier_result_screen();
/// The dossier entry screen that looks up Session::dossier_code at once (a scanned receipt).
std::unique_ptr<Screen> make_dossier_lookup_screen();
/// Where a phone follows the dossier @p code (the status slip's QR; the kiosk's scanner reads it
/// back as the code).
std::string dossier_lookup_url(std::string_view code);
/// "Scan the card's QR or type the 12-digit number", with a number pad.
std::unique_ptr<Screen> make_id_entry_screen();
/// "Place your card on the pad" with the reading progress.
std::unique_ptr<Screen> make_id_place_card_screen();
/// What the chip gave: photo, name, dates and whether the chip is genuine, in plain words;
/// "my dossiers" when it is (from Session::chip.card).
std::unique_ptr<Screen> make_chip_verified_screen();
/// The verified citizen's dossiers from the gateway (code, procedure, state); a tap opens the
/// dossier's details.
std::unique_ptr<Screen> make_citizen_dossiers_screen();
/// A plain-language problem (@p message_key) and what to do (@p advice_key); "try again"
/// goes back.
std::unique_ptr<Screen> make_error_screen(std::string message_key, std::string advice_key = "error.ask_counter");

} // namespace kiosk::ui
