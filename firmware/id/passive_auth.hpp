// SPDX-License-Identifier: MIT
#pragma once

// Passive authentication (ICAO 9303 part 11, 5.1): proves the data groups read from a chip
// are the ones its issuer signed. Three results, reported separately:
// - hashes:    every data group read hashes to the value the SOD states;
// - signature: the SOD's CMS signature verifies with the document signer (DS) certificate;
// - chain:     the DS certificate chains to a CSCA in the trust store.
// The UI says "chip verified" only when all three are ok. Bytes in, verdict out: no card
// session needed (the gateway verifies the evidence a kiosk sends the same way).

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct x509_store_st; // OpenSSL's X509_STORE, kept out of this header

namespace kiosk::id {

/// Outcome of one of the three checks.
enum class Check {
    ok,          ///< passed
    failed,      ///< checked and wrong (hash mismatch, bad signature, broken or expired chain)
    untrusted,   ///< chain only: the DS certificate's issuer is not in the trust store
    not_checked, ///< could not be attempted (no data groups given, SOD unreadable)
};

/// "ok", "failed", "untrusted", "not_checked" (as in JSON).
std::string_view check_name(Check check) noexcept;

/// CSCA certificates trusted as anchors. Load from a folder of PEM/DER certificates and ICAO
/// master lists, a single such file, or add them in memory. Movable, not copyable. Once
/// filled, one store may serve passive_authenticate() on several threads at once (OpenSSL
/// locks it); adding certificates while others verify is not supported.
class TrustStore {
public:
    TrustStore();
    ~TrustStore();
    TrustStore(TrustStore&&) noexcept;
    TrustStore& operator=(TrustStore&&) noexcept;
    TrustStore(TrustStore const&) = delete;
    TrustStore& operator=(TrustStore const&) = delete;

    /// Loads @p path: a directory (every *.pem, *.crt, *.cer, *.der and *.ml file in it, not
    /// recursing) or one file. A .ml file is an ICAO CSCA master list (CMS SignedData of a
    /// CscaMasterList): its signature must verify (integrity) and all its certificates are
    /// added. Other files hold one or more PEM certificates, or one DER certificate.
    /// @return Errc::not_found if @p path does not exist, Errc::malformed naming a file that
    /// does not parse, Errc::invalid_argument if nothing was loaded.
    static Result<TrustStore> load(std::filesystem::path const& path);

    /// Adds every certificate in PEM text @p pem. @return Errc::malformed if there is none.
    Result<void> add_pem(std::string_view pem);
    /// Adds one DER certificate. @return Errc::malformed.
    Result<void> add_der(ByteView der);
    /// Adds the certificates of an ICAO master list (DER CMS). @return Errc::malformed if
    /// it does not parse or its signature does not verify.
    Result<void> add_master_list(ByteView der);

    /// How many certificates the store holds.
    [[nodiscard]] std::size_t size() const noexcept { return m_count; }
    /// OpenSSL's store (for passive_auth.cpp).
    [[nodiscard]] x509_store_st* native() const noexcept { return m_store.get(); }

private:
    struct StoreFree {
        void operator()(x509_store_st* store) const noexcept;
    };
    std::unique_ptr<x509_store_st, StoreFree> m_store;
    std::size_t m_count = 0;
};

/// One data group as read from the chip (the whole file, tag included).
struct DataGroupFile {
    int number = 0; ///< 1..16
    ByteView bytes;
};

/// Whether the certificates' validity periods are checked, and when.
enum class CertificateTime {
    now,    ///< at the current time (default)
    ignore, ///< not at all (to verify evidence of a card read in the past)
};

/// The verdict of passive_authenticate().
struct PassiveAuthReport {
    Check hashes = Check::not_checked;
    Check signature = Check::not_checked;
    Check chain = Check::not_checked;
    std::vector<int> checked_dgs;    ///< data groups whose hash matched
    std::vector<int> mismatched_dgs; ///< data groups whose hash differs, or that the SOD does not list
    std::string detail;              ///< why something failed (no personal data): "DG13 hash differs"

    /// All three checks passed.
    [[nodiscard]] bool verified() const noexcept
    {
        return hashes == Check::ok && signature == Check::ok && chain == Check::ok;
    }
};

/// Passive authentication of @p sod_file (EF.SOD as read) against @p data_groups and the
/// CSCAs in @p trust. Only the data groups given are covered: pass every one that was read
/// and will be shown or sent. Never fails as a call: an unreadable SOD gives a report with
/// all three checks not_checked and the reason in `detail`. Blocks for about a millisecond
/// (CPU only); no I/O.
PassiveAuthReport passive_authenticate(ByteView sod_file, std::span<DataGroupFile const> data_groups,
    TrustStore const& trust, CertificateTime time = CertificateTime::now);

} // namespace kiosk::id
