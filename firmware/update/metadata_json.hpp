// SPDX-License-Identifier: MIT
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace kiosk::update {

/// The canonical form signatures cover: keys sorted (nlohmann's objects are ordered maps),
/// no whitespace, UTF-8 as is. Parsing and re-dumping any formatting of the same object gives
/// the same bytes.
inline std::string canonical_json(nlohmann::json const& value) { return value.dump(); }

} // namespace kiosk::update
