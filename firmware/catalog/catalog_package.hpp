// SPDX-License-Identifier: MIT
#pragma once

// Signed catalog packages: a catalog JSON file wrapped in a kiosk-signed/1 file with
// payload type "kiosk-catalog/1" (format in firmware/catalog/README.md). The gateway serves
// them; the kiosk verifies them before anything reaches the live catalog.

#include "catalog/catalog_json.hpp"
#include "catalog/catalog_store.hpp"

#include <signing/signed_file.hpp>

#include <kiosk/hal/bytes.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::catalog {

/// The payload type of a signed catalog package.
inline constexpr std::string_view CATALOG_PAYLOAD_TYPE = "kiosk-catalog/1";

/// Validates @p catalog_json fully (a publisher never signs a broken catalog), then signs it
/// with @p key. invalid_argument with record and field for a broken catalog.
CatalogResult<std::string> make_catalog_package(std::string_view catalog_json, signing::SigningKey const& key);

/// Verifies @p package against @p trusted and parses the catalog inside.
/// malformed: not a package (an unsigned plain JSON file), tampered payload; refused: no
/// valid signature by a trusted key, or another payload type; invalid_argument: signed but
/// the catalog inside is invalid.
CatalogResult<Catalog> open_catalog_package(ByteView package, signing::TrustedKeys const& trusted);

/// open_catalog_package() then import_catalog(): the live catalog changes only if the
/// package verifies and the whole catalog imports.
CatalogResult<ImportReport> import_catalog_package(
    ByteView package, signing::TrustedKeys const& trusted, std::filesystem::path const& live_file);

} // namespace kiosk::catalog
