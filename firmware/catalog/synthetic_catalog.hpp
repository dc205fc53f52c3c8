// SPDX-License-Identifier: MIT
#pragma once

#include "catalog/procedure.hpp"

#include <cstddef>
#include <cstdint>

namespace kiosk::catalog {

/// A synthetic catalog of @p procedures procedures for benchmarks and load tests: names
/// composed from real administrative vocabulary (actions, objects and qualifiers of real
/// procedure names), the fields and life events of the sample catalog, Zipf-like
/// popularity. The same seed gives the same catalog on every machine and compiler (its own
/// generator, no std distributions). Marked sample; codes are "8.NNNNNN", never real ones.
Catalog synthetic_catalog(std::size_t procedures, std::uint64_t seed = 20250701);

} // namespace kiosk::catalog
