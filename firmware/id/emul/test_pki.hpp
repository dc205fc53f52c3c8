// SPDX-License-Identifier: MIT
#pragma once

// The test PKI of the card emulator: a country signing CA (CSCA) and its document signer
// (DS), plus a second, untrusted CSCA with its own DS (the `untrusted` persona). Test only.
//
// Keys are EC P-256, derived deterministically from fixed labels (private scalar =
// SHA-256(label)), so every process that calls create() has the same keys and names: a SOD
// signed by the emulator in one process verifies against the CSCA another process wrote
// with write_trust_store(). The certificates themselves are re-signed on each create()
// (ECDSA is randomised), which does not matter to chain verification.
// Nothing here is secret: these keys must never sign anything outside tests.

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace kiosk::id {

/// Which document signer signs a SOD.
enum class Signer {
    trusted,   ///< DS under the CSCA that write_trust_store() writes
    untrusted, ///< DS under a CSCA that is in no trust store
    expired,   ///< DS under the trusted CSCA whose certificate expired on 2021-01-01
};

/// A CSCA -> DS hierarchy (and an untrusted twin). Cheap to copy (shared, immutable).
class TestPki {
public:
    /// Builds the keys and certificates (a few milliseconds).
    /// @return Errc::internal if OpenSSL fails.
    static Result<TestPki> create();

    /// The trusted CSCA certificate, PEM.
    [[nodiscard]] std::string csca_pem() const;
    /// The trusted CSCA certificate, DER.
    [[nodiscard]] Bytes csca_der() const;
    /// The untrusted CSCA certificate, DER (for tests that add it on purpose).
    [[nodiscard]] Bytes untrusted_csca_der() const;
    /// The DS certificate of @p signer, DER.
    [[nodiscard]] Bytes ds_der(Signer signer) const;

    /// Writes `csca.pem` (the trusted CSCA only) into @p folder, creating it if needed:
    /// the folder is a trust store for `nfc read --csca FOLDER`.
    /// @return Errc::io if the folder or file cannot be written.
    Result<void> write_trust_store(std::filesystem::path const& folder) const;

    /// An ICAO CSCA master list (CMS SignedData, DER) holding the trusted CSCA, signed by a
    /// master-list signer under it.
    [[nodiscard]] Result<Bytes> master_list() const;

    /// EF.SOD (tag 0x77 around the CMS SignedData) over @p lds_security_object, signed by
    /// @p signer's DS, which the SOD carries. @return Errc::internal if OpenSSL fails.
    [[nodiscard]] Result<Bytes> sign_sod(ByteView lds_security_object, Signer signer) const;

    struct Impl;

private:
    explicit TestPki(std::shared_ptr<Impl const> impl)
        : m_impl(std::move(impl))
    {
    }
    std::shared_ptr<Impl const> m_impl;
};

/// Flips a bit in the signature of the SOD @p sod (as sign_sod() made it), so the signature
/// no longer verifies while everything else parses: the `bad-signature` persona.
/// @return Errc::malformed if @p sod is not such a SOD.
Result<Bytes> corrupt_sod_signature(ByteView sod);

} // namespace kiosk::id
