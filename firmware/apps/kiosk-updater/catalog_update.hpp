// SPDX-License-Identifier: MIT
#pragma once

#include <update/agent_config.hpp>

#include <string>

namespace kiosk::updater {

/// What became of one catalog check.
struct CatalogOutcome {
    bool changed = false; ///< a new catalog was verified and swapped in
    /// "current", "installed N procedures", "refused: ...", "gateway: ...", "no catalog_db".
    std::string detail;
};

/// Asks the gateway for the procedure catalog (GET /v1/catalog, conditional on the ETag of
/// the last package taken, kept in state_dir/catalog.etag). A new package is verified against
/// catalog_keys and imported into catalog_db with the catalog store's atomic swap: the running
/// kiosk keeps the version it opened, and a tampered, unsigned or invalid package leaves the
/// live catalog as it was. Never fails an update cycle; one attempt, bounded by the client's
/// timeouts. Nothing without gateway_url or catalog_db.
CatalogOutcome update_catalog(update::UpdaterConfig const& config);

} // namespace kiosk::updater
