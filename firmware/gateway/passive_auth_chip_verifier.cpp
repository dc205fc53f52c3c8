// SPDX-License-Identifier: MIT
#include "gateway/passive_auth_chip_verifier.hpp"

#include <id/dg13.hpp>

#include <algorithm>
#include <array>

namespace kiosk::gateway {

Result<std::unique_ptr<PassiveAuthChipVerifier>> PassiveAuthChipVerifier::load(std::filesystem::path const& csca)
{
    auto trust = KIOSK_TRY(id::TrustStore::load(csca));
    return std::unique_ptr<PassiveAuthChipVerifier>(new PassiveAuthChipVerifier(std::move(trust)));
}

Expected<VerifiedCitizen, ChipRefusal> PassiveAuthChipVerifier::verify(
    std::span<std::uint8_t const> sod, std::span<std::uint8_t const> dg13) const
{
    std::array<id::DataGroupFile, 1> groups { id::DataGroupFile { 13, dg13 } };
    auto report = id::passive_authenticate(sod, groups, m_trust);
    bool dg13_checked = std::find(report.checked_dgs.begin(), report.checked_dgs.end(), 13) != report.checked_dgs.end();
    if (!report.verified() || !dg13_checked) {
        return Unexpected(ChipRefusal { "chip_evidence_invalid",
            "passive authentication: hashes " + std::string(id::check_name(report.hashes)) + ", signature "
                + std::string(id::check_name(report.signature)) + ", chain " + std::string(id::check_name(report.chain))
                + (report.detail.empty() ? "" : ": " + report.detail) });
    }
    auto parsed = id::parse_dg13(dg13);
    if (!parsed)
        return Unexpected(ChipRefusal { "chip_evidence_invalid", "DG13 does not parse" });
    auto const& number = parsed->id_number;
    bool twelve_digits = number.size() == 12
        && std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!twelve_digits)
        return Unexpected(ChipRefusal { "chip_evidence_invalid", "DG13 holds no 12-digit ID number" });
    return VerifiedCitizen { number };
}

} // namespace kiosk::gateway
