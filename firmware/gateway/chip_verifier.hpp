// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace kiosk::gateway {

/// Why chip evidence was not accepted.
struct ChipRefusal {
    std::string code;   ///< "chip_verification_unavailable", "chip_evidence_invalid", ...
    std::string reason; ///< for the log (never personal data)
};

/// The ID number a genuine chip vouched for. PERSONAL DATA.
struct VerifiedCitizen {
    std::string id_number;
};

/// Checks on the gateway's own that an ID number came from a genuine chip: the SOD's
/// signature chains to a trusted CSCA, and DG13's hash matches the one in the SOD. Then reads
/// the ID number from DG13. Implementations are thread-safe.
class ChipVerifier {
public:
    virtual ~ChipVerifier() = default;
    ChipVerifier(ChipVerifier const&) = delete;
    ChipVerifier& operator=(ChipVerifier const&) = delete;
    ChipVerifier(ChipVerifier&&) = delete;
    ChipVerifier& operator=(ChipVerifier&&) = delete;

    /// @return the citizen, or why the evidence is refused.
    virtual Expected<VerifiedCitizen, ChipRefusal> verify(
        std::span<std::uint8_t const> sod, std::span<std::uint8_t const> dg13) const = 0;

protected:
    ChipVerifier() = default;
};

/// Refuses every request with "chip_verification_unavailable": used while the gateway has no
/// passive-authentication code or no CSCA trust store, so unverified evidence is never trusted.
class UnavailableChipVerifier final : public ChipVerifier {
public:
    UnavailableChipVerifier() = default;
    Expected<VerifiedCitizen, ChipRefusal> verify(
        std::span<std::uint8_t const> /*sod*/, std::span<std::uint8_t const> /*dg13*/) const override
    {
        return Unexpected(ChipRefusal { "chip_verification_unavailable",
            "this gateway cannot verify chip evidence (no passive authentication or no CSCA trust store)" });
    }
};

} // namespace kiosk::gateway
