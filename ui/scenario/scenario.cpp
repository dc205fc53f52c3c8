// SPDX-License-Identifier: MIT
#include "ui/scenario/scenario.hpp"

#include <charconv>
#include <cmath>
#include <optional>

namespace kiosk::ui {

namespace {

struct Token {
    std::string text;
    bool quoted = false;
};

Expected<std::vector<Token>, std::string> tokenize(std::string_view line)
{
    std::vector<Token> tokens;
    std::size_t at = 0;
    while (at < line.size()) {
        char const c = line[at];
        if (c == ' ' || c == '\t' || c == '\r') {
            ++at;
            continue;
        }
        if (c == '#')
            break;
        Token token;
        if (c == '"') {
            token.quoted = true;
            ++at;
            bool closed = false;
            while (at < line.size()) {
                char const d = line[at++];
                if (d == '"') {
                    closed = true;
                    break;
                }
                if (d == '\\' && at < line.size() && (line[at] == '"' || line[at] == '\\')) {
                    token.text += line[at++];
                    continue;
                }
                token.text += d;
            }
            if (!closed)
                return Unexpected(std::string("unclosed quote"));
            if (at < line.size() && line[at] != ' ' && line[at] != '\t' && line[at] != '\r')
                return Unexpected(std::string("a quoted argument must be followed by a space"));
        } else {
            while (at < line.size() && line[at] != ' ' && line[at] != '\t' && line[at] != '\r')
                token.text += line[at++];
        }
        tokens.push_back(std::move(token));
    }
    return tokens;
}

std::optional<int> to_int(std::string const& text)
{
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0)
        return std::nullopt;
    return value;
}

std::optional<double> to_seconds(std::string const& text)
{
    // from_chars for double is missing in clang 14's libstdc++ use; parse digits[.digits].
    double value = 0.0;
    double scale = 0.0;
    if (text.empty())
        return std::nullopt;
    for (char c : text) {
        if (c == '.' && scale == 0.0) {
            scale = 1.0;
            continue;
        }
        if (c < '0' || c > '9')
            return std::nullopt;
        if (scale == 0.0) {
            value = value * 10 + (c - '0');
        } else {
            scale /= 10;
            value += (c - '0') * scale;
        }
    }
    if (!std::isfinite(value) || value > 24 * 3600)
        return std::nullopt;
    return value;
}

bool valid_name(std::string const& name)
{
    if (name.empty() || name.size() > 100 || name[0] == '.')
        return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.'))
            return false;
    return true;
}

Expected<ScenarioStep, std::string> parse_step(std::vector<Token> const& tokens)
{
    using Kind = ScenarioStep::Kind;
    std::string const& verb = tokens[0].text;
    std::size_t const args = tokens.size() - 1;
    ScenarioStep step;
    auto quoted_arg = [&](Kind kind) -> Expected<ScenarioStep, std::string> {
        if (args != 1 || !tokens[1].quoted)
            return Unexpected(verb + " takes one double-quoted argument");
        step.kind = kind;
        step.text = tokens[1].text;
        return step;
    };
    if (verb == "tap") {
        if (args == 1 && tokens[1].quoted)
            return quoted_arg(Kind::tap_label);
        if (args == 2) {
            auto x = to_int(tokens[1].text);
            auto y = to_int(tokens[2].text);
            if (!x || !y)
                return Unexpected(std::string("tap X Y takes two pixel numbers"));
            step.kind = Kind::tap_point;
            step.x = *x;
            step.y = *y;
            return step;
        }
        return Unexpected(std::string("tap takes \"Label\" or X Y"));
    }
    if (verb == "drag") {
        std::optional<int> points[4];
        for (std::size_t i = 0; i < 4 && args == 4; ++i)
            points[i] = tokens[i + 1].quoted ? std::nullopt : to_int(tokens[i + 1].text);
        if (args != 4 || !points[0] || !points[1] || !points[2] || !points[3])
            return Unexpected(std::string("drag takes four pixel numbers: X1 Y1 X2 Y2"));
        step.kind = Kind::drag;
        step.x = *points[0];
        step.y = *points[1];
        step.x2 = *points[2];
        step.y2 = *points[3];
        return step;
    }
    if (verb == "printer") {
        std::string const action = args >= 1 ? tokens[1].text : std::string();
        bool const can_wait = action == "paper-out" || action == "cover-open";
        if (args < 1 || args > 2 || tokens[1].quoted
            || (!can_wait && action != "paper-in" && action != "cover-close") || (args == 2 && !can_wait))
            return Unexpected(std::string(
                "printer takes paper-out [AFTER_BYTES], paper-in, cover-open [AFTER_BYTES] or cover-close"));
        step.kind = Kind::printer;
        step.text = action;
        if (args == 2) {
            auto bytes = tokens[2].quoted ? std::nullopt : to_int(tokens[2].text);
            if (!bytes)
                return Unexpected(std::string("printer " + action + " AFTER_BYTES must be a whole number"));
            step.after_bytes = *bytes;
        }
        return step;
    }
    if (verb == "type")
        return quoted_arg(Kind::type);
    if (verb == "scan")
        return quoted_arg(Kind::scan);
    if (verb == "card") {
        if (args != 1 || tokens[1].quoted || tokens[1].text.empty())
            return Unexpected(std::string("card takes a persona name (e.g. card hoa)"));
        step.kind = Kind::card;
        step.text = tokens[1].text;
        return step;
    }
    if (verb == "remove-card") {
        if (args != 0)
            return Unexpected(std::string("remove-card takes no argument"));
        step.kind = Kind::remove_card;
        return step;
    }
    if (verb == "wait-for") {
        if (args < 1 || args > 2 || !tokens[1].quoted)
            return Unexpected(std::string("wait-for takes \"text\" and optional SECONDS"));
        step.kind = Kind::wait_for;
        step.text = tokens[1].text;
        step.seconds = DEFAULT_WAIT_SECONDS;
        if (args == 2) {
            auto seconds = to_seconds(tokens[2].text);
            if (!seconds)
                return Unexpected(std::string("wait-for SECONDS must be a number"));
            step.seconds = *seconds;
        }
        return step;
    }
    if (verb == "idle") {
        auto seconds = args == 1 ? to_seconds(tokens[1].text) : std::nullopt;
        if (!seconds)
            return Unexpected(std::string("idle takes SECONDS"));
        step.kind = Kind::idle;
        step.seconds = *seconds;
        return step;
    }
    if (verb == "screenshot") {
        if (args != 1 || !valid_name(tokens[1].text))
            return Unexpected(std::string("screenshot takes a NAME of letters, digits, '-', '_', '.'"));
        step.kind = Kind::screenshot;
        step.text = tokens[1].text;
        return step;
    }
    if (verb == "language") {
        if (args != 1 || (tokens[1].text != "vi" && tokens[1].text != "en"))
            return Unexpected(std::string("language takes vi or en"));
        step.kind = Kind::language;
        step.text = tokens[1].text;
        return step;
    }
    return Unexpected("unknown step '" + verb
        + "' (expected tap, type, scan, card, remove-card, wait-for, idle, screenshot, language)");
}

} // namespace

Expected<std::vector<ScenarioStep>, ScenarioError> parse_scenario(std::string_view text)
{
    std::vector<ScenarioStep> steps;
    int line_number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        ++line_number;
        auto tokens = tokenize(text.substr(start, end - start));
        if (!tokens)
            return Unexpected(ScenarioError { line_number, tokens.error() });
        if (!tokens->empty()) {
            if ((*tokens)[0].quoted)
                return Unexpected(ScenarioError { line_number, "a step starts with its name, not a quote" });
            auto step = parse_step(*tokens);
            if (!step)
                return Unexpected(ScenarioError { line_number, step.error() });
            step->line = line_number;
            steps.push_back(std::move(*step));
        }
        if (end == text.size())
            break;
        start = end + 1;
    }
    return steps;
}

} // namespace kiosk::ui
