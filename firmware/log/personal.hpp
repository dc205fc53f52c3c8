// SPDX-License-Identifier: MIT
#pragma once

// Marking personal data in log calls:
//
//     spdlog::info("card read for {}", kiosk::log::personal(card.id_number));
//     // logs "card read for [personal]"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <type_traits>

namespace kiosk::log {

/// What a Personal value prints as, whatever the value and its length.
inline constexpr std::string_view PERSONAL_PLACEHOLDER = "[personal]";

/// A value of type T marked as personal data (name, ID or document number, birth date,
/// card contents, QR payload of an ID card) in a log call. Formats as PERSONAL_PLACEHOLDER.
///
/// It holds neither a copy of the value nor a reference to it, only its type: no format
/// specification, accessor, conversion or dangling reference can ever bring the value back,
/// and keeping a Personal beyond the log call is harmless. Format it with a plain "{}";
/// any format specification is rejected (at compile time for literal format strings).
template <class T> class Personal {
public:
    using value_type = T;

    /// Marks @p value; the value itself is not kept.
    constexpr explicit Personal(T const& /*value*/) noexcept { }
};

/// Marks @p value as personal data for a log call: `spdlog::info("name {}", personal(name))`.
template <class T> constexpr Personal<std::decay_t<T>> personal(T&& value) noexcept
{
    return Personal<std::decay_t<T>>(value);
}

} // namespace kiosk::log

/// Prints the placeholder; never the value (which is not there), nor its length.
template <class T> struct fmt::formatter<kiosk::log::Personal<T>, char> {
    constexpr auto parse(format_parse_context& context) -> format_parse_context::iterator
    {
        auto it = context.begin();
        // A width or alignment would reveal nothing, but a specification on a placeholder
        // is a mistake worth reporting. fmt reports it: at compile time for a literal
        // format string, otherwise as an error that spdlog catches and prints.
        if (it != context.end() && *it != '}')
            context.on_error("kiosk::log::Personal takes no format specification: use {}");
        return it;
    }

    template <class FormatContext>
    auto format(kiosk::log::Personal<T> const& /*value*/, FormatContext& context) const -> decltype(context.out())
    {
        auto const text = kiosk::log::PERSONAL_PLACEHOLDER;
        return std::copy(text.begin(), text.end(), context.out());
    }
};
