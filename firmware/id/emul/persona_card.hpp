// SPDX-License-Identifier: MIT
#pragma once

// The emulated ICAO card of a test persona (persona.hpp): its files from build_card_files(),
// its keys, what it offers (PACE-CAN on brainpoolP256r1 with AES-128, and BAC) and the
// faults the emulator acts out (lifted at a byte, garbage answers). Test and demo only.

#include "id/emul/emrtd_card_emul.hpp"

#include <kiosk/hal/result.hpp>

#include <memory>
#include <string_view>

namespace kiosk::id {

struct Persona;
class TestPki;

/// Where the `lifted` persona's card leaves the field: this many file bytes into the read
/// (past EF.COM and DG1, inside DG13 or EF.SOD).
inline constexpr std::size_t PERSONA_LIFT_AT_BYTE = 700;

struct PersonaCardOptions {
    bool pace = true; ///< offer PACE (EF.CardAccess); false: a BAC-only card
    bool bac = true;
    bool extended_length = true;
    /// How long the lifted persona's card stays away.
    std::chrono::milliseconds lifted_for { 300 };
};

/// The configuration of @p persona's card (files signed by @p pki).
Result<EmrtdCardConfig> persona_card_config(Persona const& persona, TestPki const& pki,
    PersonaCardOptions const& options = {});

/// The card of @p persona. @return Errc::invalid_argument for a malformed persona, Errc::internal
/// if building its files failed.
Result<std::unique_ptr<EmrtdCardEmul>> make_persona_card(Persona const& persona, TestPki const& pki,
    PersonaCardOptions const& options = {});

/// The card of the persona called @p name, with a test PKI of its own.
/// @return Errc::not_found if there is no such persona.
Result<std::unique_ptr<EmrtdCardEmul>> make_persona_card(std::string_view name, PersonaCardOptions const& options = {});

/// The card a test-card spec names: `NAME[,pace=0][,bac=0][,ext=0]` (the part after
/// `persona:` in tests/tools/card_factory.hpp): a persona, optionally without PACE, without BAC
/// or without extended length. @return Errc::not_found for an unknown persona,
/// Errc::invalid_argument for an unknown option.
Result<std::unique_ptr<EmrtdCardEmul>> make_persona_card_from_spec(std::string_view spec);

} // namespace kiosk::id
