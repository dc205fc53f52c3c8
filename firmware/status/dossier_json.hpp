// SPDX-License-Identifier: MIT
#pragma once

#include "status/dossier.hpp"

#include <kiosk/hal/result.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace kiosk::status {

/// Which fields a JSON dossier carries.
enum class JsonView {
    public_view, ///< what the gateway answers and the kiosk caches: owner name masked, no owner ID
    store,       ///< everything, owner included: the gateway's own storage only
};

/// The API's JSON for @p dossier (see firmware/gateway/openapi.yaml, schema Dossier), with
/// the derived fields `overdue` (as of @p today), `paused`, `next_step` and `agencies`.
nlohmann::json dossier_to_json(Dossier const& dossier, Date today, JsonView view = JsonView::public_view);

/// A dossier from the API's JSON. Derived fields are ignored (recomputed by the reader);
/// unknown fields are ignored, so a newer gateway may add some.
/// @return the dossier, or what is wrong: "field `due`: expected a YYYY-MM-DD date".
Expected<Dossier, std::string> dossier_from_json(nlohmann::json const& value);

} // namespace kiosk::status
