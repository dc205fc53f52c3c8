// SPDX-License-Identifier: MIT
#include "catalog_update.hpp"

#include "gateway_link.hpp"

#include <catalog/catalog_package.hpp>
#include <log/log.hpp>
#include <signing/signed_file.hpp>
#include <update/atomic_file.hpp>

#include <span>
#include <string>

namespace kiosk::updater {

CatalogOutcome update_catalog(update::UpdaterConfig const& config)
{
    if (config.catalog_db.empty())
        return { false, "no catalog_db" };
    if (config.gateway.url.empty())
        return { false, "no gateway_url" };
    signing::TrustedKeys trusted;
    if (auto added = trusted.add_folder(config.catalog_keys); !added || trusted.empty()) {
        spdlog::warn("catalog update: no publisher key in {}", config.catalog_keys.string());
        return { false, "refused: no publisher key in " + config.catalog_keys.string() };
    }
    auto client = connect_gateway(config, 1);
    if (!client)
        return { false, "gateway: " + client.error().reason };
    auto const etag_file = config.agent.state_dir / "catalog.etag";
    std::string etag;
    if (auto stored = update::read_file_if_any(etag_file); stored && *stored)
        etag = **stored;
    auto download = (*client)->catalog(etag);
    if (!download) {
        spdlog::warn("catalog update: {}", download.error().reason);
        return { false, "gateway: " + download.error().reason };
    }
    if (download->not_modified)
        return { false, "current" };
    auto const& bytes = download->bytes;
    auto imported = catalog::import_catalog_package(
        std::span(reinterpret_cast<std::uint8_t const*>(bytes.data()), bytes.size()), trusted, config.catalog_db);
    if (!imported) {
        spdlog::warn("catalog update refused, the catalog is unchanged: {}", imported.error().message());
        return { false, "refused: " + imported.error().message() };
    }
    if (!download->etag.empty()) {
        if (auto saved = update::write_file_atomically(etag_file, download->etag); !saved)
            spdlog::warn("catalog update: cannot keep the ETag: {}", saved.error().message());
    }
    spdlog::info("catalog updated: {} procedures", imported->procedures);
    return { true, "installed " + std::to_string(imported->procedures) + " procedures" };
}

} // namespace kiosk::updater
