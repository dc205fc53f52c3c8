// SPDX-License-Identifier: MIT
#include "catalog/catalog_package.hpp"

#include <vector>

namespace kiosk::catalog {

namespace {

    CatalogError from_error(Error const& error) { return CatalogError { error.code(), "", "", error.message() }; }

} // namespace

CatalogResult<std::string> make_catalog_package(std::string_view catalog_json, signing::SigningKey const& key)
{
    KIOSK_TRY(parse_catalog_json(catalog_json));
    std::vector<signing::SigningKey const*> const keys { &key };
    auto package = signing::make_signed_file(CATALOG_PAYLOAD_TYPE, signing::as_bytes(catalog_json), keys);
    if (!package)
        return Unexpected(from_error(package.error()));
    return std::move(*package);
}

CatalogResult<Catalog> open_catalog_package(ByteView package, signing::TrustedKeys const& trusted)
{
    if (trusted.empty())
        return Unexpected(CatalogError { Errc::refused, "", "", "no trusted catalog signing key configured" });
    auto verified = signing::open_signed_file(package, CATALOG_PAYLOAD_TYPE, trusted);
    if (!verified)
        return Unexpected(from_error(verified.error()));
    return parse_catalog_json(verified->payload);
}

CatalogResult<ImportReport> import_catalog_package(
    ByteView package, signing::TrustedKeys const& trusted, std::filesystem::path const& live_file)
{
    auto catalog = KIOSK_TRY(open_catalog_package(package, trusted));
    return import_catalog(catalog, live_file);
}

} // namespace kiosk::catalog
