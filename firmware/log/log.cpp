// SPDX-License-Identifier: MIT
#include <log/log.hpp>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <string>
#include <utility>

namespace kiosk::log {

namespace {

    constexpr char const* TERMINAL_PATTERN = "%Y-%m-%d %H:%M:%S.%e %n[%P] %^%l%$: %v";
    constexpr char const* JOURNAL_PATTERN = "%*%l: %v";

    // The "<N>" prefix systemd reads from a service's stderr (SyslogLevelPrefix=, on by
    // default) to set the line's priority.
    class JournalPriorityFlag final : public spdlog::custom_flag_formatter {
    public:
        void format(
            spdlog::details::log_msg const& message, std::tm const& /*time*/, spdlog::memory_buf_t& dest) override
        {
            std::string_view const prefix = priority_prefix(message.level);
            dest.append(prefix.data(), prefix.data() + prefix.size());
        }

        [[nodiscard]] std::unique_ptr<custom_flag_formatter> clone() const override
        {
            return std::make_unique<JournalPriorityFlag>();
        }

    private:
        static std::string_view priority_prefix(spdlog::level::level_enum level)
        {
            switch (level) {
            case spdlog::level::trace:
            case spdlog::level::debug:
                return "<7>";
            case spdlog::level::info:
                return "<6>";
            case spdlog::level::warn:
                return "<4>";
            case spdlog::level::err:
                return "<3>";
            case spdlog::level::critical:
                return "<2>";
            default:
                return "<6>";
            }
        }
    };

    std::unique_ptr<spdlog::formatter> make_formatter(Destination destination)
    {
        auto formatter = std::make_unique<spdlog::pattern_formatter>();
        if (destination == Destination::journal)
            formatter->add_flag<JournalPriorityFlag>('*').set_pattern(JOURNAL_PATTERN);
        else
            formatter->set_pattern(TERMINAL_PATTERN);
        return formatter;
    }

    char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

    bool equals_ignoring_case(std::string_view a, std::string_view b)
    {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (lower(a[i]) != lower(b[i]))
                return false;
        }
        return true;
    }

    bool parse_number(std::string_view text, unsigned long long& value)
    {
        auto const [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        return error == std::errc() && end == text.data() + text.size() && !text.empty();
    }

} // namespace

std::optional<spdlog::level::level_enum> parse_level(std::string_view name)
{
    struct Name {
        std::string_view text;
        spdlog::level::level_enum level;
    };
    static constexpr std::array<Name, 9> NAMES { {
        { "trace", spdlog::level::trace },
        { "debug", spdlog::level::debug },
        { "info", spdlog::level::info },
        { "warn", spdlog::level::warn },
        { "warning", spdlog::level::warn },
        { "error", spdlog::level::err },
        { "err", spdlog::level::err },
        { "critical", spdlog::level::critical },
        { "off", spdlog::level::off },
    } };
    for (auto const& entry : NAMES) {
        if (equals_ignoring_case(name, entry.text))
            return entry.level;
    }
    return std::nullopt;
}

spdlog::level::level_enum effective_level(spdlog::level::level_enum configured)
{
    // Read at start-up, before threads exist.
    char const* const from_env = std::getenv(LEVEL_ENV); // NOLINT(concurrency-mt-unsafe)
    if (from_env == nullptr)
        return configured;
    return parse_level(from_env).value_or(configured);
}

Destination stderr_destination()
{
    char const* const stream = std::getenv("JOURNAL_STREAM"); // NOLINT(concurrency-mt-unsafe): start-up only
    if (stream == nullptr)
        return Destination::terminal;
    // systemd writes "<st_dev>:<st_ino>" of the stream it connected.
    std::string_view const text(stream);
    auto const colon = text.find(':');
    unsigned long long device = 0;
    unsigned long long inode = 0;
    if (colon == std::string_view::npos || !parse_number(text.substr(0, colon), device)
        || !parse_number(text.substr(colon + 1), inode))
        return Destination::terminal;
    struct stat status { };
    if (::fstat(STDERR_FILENO, &status) != 0)
        return Destination::terminal;
    bool const same = static_cast<unsigned long long>(status.st_dev) == device
        && static_cast<unsigned long long>(status.st_ino) == inode;
    return same ? Destination::journal : Destination::terminal;
}

std::shared_ptr<spdlog::logger> make_logger(Options const& options, spdlog::sink_ptr output, Destination destination)
{
    std::string name = options.program.empty() ? std::string("kiosk") : options.program;
    auto logger = std::make_shared<spdlog::logger>(std::move(name), std::make_shared<RedactingSink>(std::move(output)));
    logger->set_formatter(make_formatter(destination));
    logger->set_level(effective_level(options.level));

    char const* const from_env = std::getenv(LEVEL_ENV); // NOLINT(concurrency-mt-unsafe): start-up only
    if (from_env != nullptr && !parse_level(from_env))
        logger->warn("ignoring {}={:?}: expected trace, debug, info, warn, error, critical or off", LEVEL_ENV,
            std::string_view(from_env));
    return logger;
}

void init(Options const& options)
{
    Destination const destination = stderr_destination();
    spdlog::sink_ptr output;
    if (destination == Destination::journal)
        output = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    else
        output = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::automatic);
    spdlog::set_default_logger(make_logger(options, std::move(output), destination));
}

} // namespace kiosk::log
