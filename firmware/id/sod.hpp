// SPDX-License-Identifier: MIT
#pragma once

// EF.SOD, the document security object (ICAO 9303 part 10, 4.6.2): tag 0x77 around a CMS
// SignedData whose content (type id-icao-mrtd-security-ldsSecurityObject, 2.23.136.1.1.1) is
//
//     LDSSecurityObject ::= SEQUENCE {
//         version INTEGER, hashAlgorithm AlgorithmIdentifier,
//         dataGroupHashValues SEQUENCE OF SEQUENCE { dataGroupNumber INTEGER, hash OCTET STRING },
//         ldsVersionInfo SEQUENCE { ldsVersion PrintableString, unicodeVersion PrintableString } OPTIONAL }
//
// and whose certificates carry the document signer (DS) certificate.

#include <kiosk/hal/bytes.hpp>
#include <kiosk/hal/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::id {

/// id-icao-mrtd-security-ldsSecurityObject.
inline constexpr std::string_view LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1";

/// One data group's hash as the SOD states it.
struct DgHash {
    int number = 0; ///< 1..16
    Bytes hash;
};

/// What EF.SOD says, parsed but not verified (see passive_auth.hpp for that).
struct Sod {
    Bytes cms;                       ///< the CMS ContentInfo (DER), the value of tag 0x77
    std::string hash_algorithm_oid;  ///< "2.16.840.1.101.3.4.2.1"
    std::string hash_algorithm;      ///< OpenSSL's short name: "SHA256"; empty if unknown
    std::vector<DgHash> dg_hashes;   ///< in SOD order
    Bytes signer_certificate;        ///< the DS certificate (DER); empty if the SOD has none
    std::string lds_version;         ///< "0107" when ldsVersionInfo is present

    /// The hash for data group @p number, or null.
    [[nodiscard]] DgHash const* hash_of(int number) const noexcept;
};

/// Parses EF.SOD (tag 0x77, or a bare CMS ContentInfo).
/// @return Errc::malformed if the TLV, the CMS structure or the LDSSecurityObject is wrong,
/// if the content type is not an LDSSecurityObject, or a DG number repeats or is not 1..16.
Result<Sod> parse_sod(ByteView file);

/// Parses just an LDSSecurityObject (the CMS content). @return Errc::malformed.
Result<Sod> parse_lds_security_object(ByteView der);

/// DER of an LDSSecurityObject (version 0, no ldsVersionInfo) over @p hashes.
/// @return Errc::invalid_argument if @p hash_algorithm_oid is not a dotted OID.
Result<Bytes> build_lds_security_object(std::string_view hash_algorithm_oid, std::vector<DgHash> const& hashes);

/// Hash of @p data with the algorithm named by the dotted @p oid (SHA-1, SHA-224/256/384/512).
/// @return Errc::unsupported for another algorithm.
Result<Bytes> hash_with_oid(std::string_view oid, ByteView data);

/// The dotted OID of SHA-256 ("2.16.840.1.101.3.4.2.1").
inline constexpr std::string_view SHA256_OID = "2.16.840.1.101.3.4.2.1";

} // namespace kiosk::id
