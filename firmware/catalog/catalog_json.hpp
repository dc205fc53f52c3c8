// SPDX-License-Identifier: MIT
#pragma once

// The catalog's JSON exchange format ("kiosk-catalog/1", see firmware/catalog/README.md):
// strict parsing with full validation, and writing. The only catalog file that calls
// nlohmann::json's throwing API; it catches and converts.

#include "catalog/procedure.hpp"

#include <kiosk/hal/error.hpp>
#include <kiosk/hal/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk::catalog {

/// The value of the "format" key of a catalog file.
inline constexpr std::string_view CATALOG_FORMAT = "kiosk-catalog/1";

/// Why a catalog file was refused: which record, which field, what was expected.
/// Rendered as "procedures[12] (1.001193): channels[0].fee_vnd: expected ..." .
struct CatalogError {
    /// invalid_argument for a malformed or invalid catalog; io / not_found when the file
    /// cannot be read; internal or io when the store fails.
    Errc code = Errc::invalid_argument;
    std::string record; ///< "procedures[12] (1.001193)", "fields[3]", or empty for the whole file
    std::string field;  ///< dotted path inside the record, or empty
    std::string what;

    [[nodiscard]] std::string message() const;
};

template <class T>
using CatalogResult = Expected<T, CatalogError>;

/// Limits that keep a hostile file from exhausting memory.
inline constexpr std::size_t MAX_PROCEDURES = 500'000;
inline constexpr std::size_t MAX_TEXT_BYTES = 4096;
inline constexpr std::size_t MAX_LIST_ITEMS = 200;

/// Parses and validates a whole catalog file: every key known, every type and range
/// right, codes well formed and unique, every field and life event a procedure names
/// declared. Stops at the first problem. Never throws.
CatalogResult<Catalog> parse_catalog_json(std::string_view text);

/// Reads @p path and parses it as above.
CatalogResult<Catalog> read_catalog_file(std::string const& path);

/// Writes @p catalog in the format parse_catalog_json reads (UTF-8, one procedure per line
/// when @p indent is negative; pretty-printed otherwise).
std::string write_catalog_json(Catalog const& catalog, int indent = -1);

/// One procedure as a JSON object text, the same shape as an entry of "procedures".
std::string write_procedure_json(Procedure const& procedure);

/// Parses one procedure object as written by write_procedure_json (fields and life events
/// not checked against a catalog).
CatalogResult<Procedure> parse_procedure_json(std::string_view text);

} // namespace kiosk::catalog
