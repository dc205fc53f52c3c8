// SPDX-License-Identifier: MIT
#include "catalog/procedure.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace kiosk::catalog {
namespace {

    constexpr std::array<std::pair<Level, std::string_view>, 3> LEVELS { {
        { Level::central, "central" },
        { Level::province, "province" },
        { Level::commune, "commune" },
    } };
    constexpr std::array<std::pair<ChannelKind, std::string_view>, 3> CHANNELS { {
        { ChannelKind::in_person, "in_person" },
        { ChannelKind::online, "online" },
        { ChannelKind::postal, "postal" },
    } };
    constexpr std::array<std::pair<OnlineLevel, std::string_view>, 3> ONLINE_LEVELS { {
        { OnlineLevel::none, "none" },
        { OnlineLevel::partial, "partial" },
        { OnlineLevel::full, "full" },
    } };

    template <class E, std::size_t N>
    std::string_view name_of(std::array<std::pair<E, std::string_view>, N> const& table, E value) noexcept
    {
        for (auto const& [key, name] : table) {
            if (key == value)
                return name;
        }
        return "unknown";
    }

    template <class E, std::size_t N>
    std::optional<E> parse_of(std::array<std::pair<E, std::string_view>, N> const& table, std::string_view text) noexcept
    {
        for (auto const& [key, name] : table) {
            if (name == text)
                return key;
        }
        return std::nullopt;
    }

    bool digits(std::string_view text, std::size_t from, std::size_t count) noexcept
    {
        if (text.size() < from + count)
            return false;
        for (std::size_t i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return false;
        }
        return true;
    }

} // namespace

std::string_view level_name(Level level) noexcept { return name_of(LEVELS, level); }
std::string_view channel_kind_name(ChannelKind kind) noexcept { return name_of(CHANNELS, kind); }
std::string_view online_level_name(OnlineLevel level) noexcept { return name_of(ONLINE_LEVELS, level); }
std::optional<Level> parse_level(std::string_view name) noexcept { return parse_of(LEVELS, name); }
std::optional<ChannelKind> parse_channel_kind(std::string_view name) noexcept { return parse_of(CHANNELS, name); }
std::optional<OnlineLevel> parse_online_level(std::string_view name) noexcept
{
    return parse_of(ONLINE_LEVELS, name);
}

bool is_valid_procedure_code(std::string_view code) noexcept
{
    // D.NNNNNN
    if (code.size() < 8 || !digits(code, 0, 1) || code[1] != '.' || !digits(code, 2, 6))
        return false;
    if (code.size() == 8)
        return true;
    // .NNN.NN.NN.XNN (agency id of a local variant, e.g. .000.00.00.H26)
    if (code.size() != 22)
        return false;
    return code[8] == '.' && digits(code, 9, 3) && code[12] == '.' && digits(code, 13, 2) && code[15] == '.'
        && digits(code, 16, 2) && code[18] == '.' && code[19] >= 'A' && code[19] <= 'Z' && digits(code, 20, 2);
}

} // namespace kiosk::catalog
