// SPDX-License-Identifier: MIT
#pragma once

// An ICAO 9303 eMRTD chip in software: PACE (ECDH-GM) and BAC, secure messaging, the LDS
// file system, and the faults of the test personas. Test and demo only.

#include <nfc/card_emul.hpp>
#include "id/apdu.hpp"
#include "id/card_access.hpp"

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::id {

struct Persona;

/// File identifiers of the LDS (ICAO 9303-10).
namespace fid {
inline constexpr std::uint16_t CARD_ACCESS = 0x011C;
/// Data group N (1..16) is 0x0100 + N.
constexpr std::uint16_t dg(int number) noexcept { return static_cast<std::uint16_t>(0x0100 + number); }
} // namespace fid

/// Everything that makes one emulated card.
struct EmrtdCardConfig {
    std::string can;             ///< 6 digits; empty: no PACE-CAN
    std::string document_number; ///< 9 characters as on the MRZ; with the dates: BAC key
    std::string birth_yymmdd;
    std::string expiry_yymmdd;
    /// LDS files by FID (EF.COM, DGs, EF.SOD). EF.CardAccess is generated from `pace`.
    std::map<std::uint16_t, Bytes> files;
    /// PACEInfos offered in EF.CardAccess; empty: a BAC-only card (no EF.CardAccess).
    std::vector<PaceInfo> pace;
    bool bac = true;             ///< whether BAC is accepted
    bool extended_length = true; ///< accepts extended-length APDUs
    /// The card leaves the field once, at the READ BINARY that would pass this many file bytes
    /// (counted over the whole power-on), and is back after `lifted_for`.
    std::optional<std::size_t> lift_at_byte;
    std::chrono::milliseconds lifted_for { 300 };
    /// After authentication, READ BINARY answers are random bytes (a broken chip).
    bool garbage = false;

    ~EmrtdCardConfig();
    EmrtdCardConfig() = default;
    EmrtdCardConfig(EmrtdCardConfig const&) = default;
    EmrtdCardConfig(EmrtdCardConfig&&) noexcept = default;
    EmrtdCardConfig& operator=(EmrtdCardConfig const&) = default;
    EmrtdCardConfig& operator=(EmrtdCardConfig&&) noexcept = default;
};

/// Counters for tests and benchmarks.
struct EmrtdCardStats {
    std::size_t commands = 0;   ///< APDUs answered (or dropped) since creation
    std::size_t power_ups = 0;
    std::size_t file_bytes = 0; ///< file bytes served by READ BINARY since creation
    std::size_t lifts = 0;
};

/// The ICAO chip. Thread-safe (the reader emulator's thread calls respond(); tests may lift
/// and replace it from another).
class EmrtdCardEmul final : public drivers::CardEmul {
public:
    /// A card from @p config. @return Errc::invalid_argument if neither PACE nor BAC is
    /// possible with its keys.
    static Result<std::unique_ptr<EmrtdCardEmul>> create(EmrtdCardConfig config);

    ~EmrtdCardEmul() override;

    [[nodiscard]] bool present() const override;
    [[nodiscard]] Bytes uid() const override;
    [[nodiscard]] Bytes historical_bytes() const override;
    [[nodiscard]] bool extended_length() const override;
    void power_up() override;
    std::optional<Bytes> respond(ByteView command) override;

    /// Test hook: takes the card out of the field until replace().
    void lift();
    /// Test hook: puts a lifted card back (a new power-up follows when the reader selects it).
    void replace();

    [[nodiscard]] EmrtdCardStats stats() const;

private:
    struct State;
    explicit EmrtdCardEmul(std::unique_ptr<State> state);
    [[nodiscard]] bool in_field_locked() const;
    Bytes answer(ByteView command);
    Bytes plain_command(Apdu const& command);
    Bytes file_command(Apdu const& command);

    mutable std::mutex m_mutex;
    std::unique_ptr<State> m_state;
};

} // namespace kiosk::id
