// SPDX-License-Identifier: MIT
#pragma once

#include "gateway/chip_verifier.hpp"

#include <id/passive_auth.hpp>

#include <filesystem>
#include <memory>

namespace kiosk::gateway {

/// ChipVerifier on the chip-ID code's passive authentication (firmware/id/passive_auth.hpp):
/// DG13's hash must match the SOD, the SOD's signature must verify, and its document signer
/// must chain to a CSCA in the gateway's own trust store (certificate validity checked at the
/// current time). Then the ID number comes from DG13. Thread-safe once loaded.
class PassiveAuthChipVerifier final : public ChipVerifier {
public:
    /// Loads the CSCA trust store from @p csca (a folder or a file; see id::TrustStore::load).
    /// @return the store's error (not_found, malformed, invalid_argument).
    static Result<std::unique_ptr<PassiveAuthChipVerifier>> load(std::filesystem::path const& csca);

    /// @return ChipRefusal "chip_evidence_invalid" when any check fails or DG13 has no valid
    ///         ID number; the reason names the failed check (never personal data).
    Expected<VerifiedCitizen, ChipRefusal> verify(
        std::span<std::uint8_t const> sod, std::span<std::uint8_t const> dg13) const override;

private:
    explicit PassiveAuthChipVerifier(id::TrustStore trust) noexcept
        : m_trust(std::move(trust))
    {
    }
    id::TrustStore m_trust;
};

} // namespace kiosk::gateway
