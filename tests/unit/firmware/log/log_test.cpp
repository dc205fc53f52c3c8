// SPDX-License-Identifier: MIT
#include <log/log.hpp>

#include <spdlog/sinks/ostream_sink.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <CppUTest/TestHarness.h>

namespace klog = kiosk::log;
using kiosk::log::Destination;

namespace {

// Sets or unsets an environment variable for one test and puts the old value back.
class ScopedEnv {
public:
    explicit ScopedEnv(char const* name)
        : m_name(name)
    {
        if (char const* old = std::getenv(name))
            m_old = old;
    }
    ~ScopedEnv()
    {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }
    ScopedEnv(ScopedEnv const&) = delete;
    ScopedEnv& operator=(ScopedEnv const&) = delete;

    void set(char const* value) const { ::setenv(m_name, value, 1); }
    void unset() const { ::unsetenv(m_name); }

private:
    char const* m_name;
    std::optional<std::string> m_old;
};

bool contains(std::string const& text, std::string_view part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_GROUP(Log)
{
    ScopedEnv m_level_env { klog::LEVEL_ENV };
    ScopedEnv m_journal_env { "JOURNAL_STREAM" };
    std::ostringstream m_output;

    void setup() override
    {
        m_level_env.unset();
        m_journal_env.unset();
    }

    // A logger like init()'s, writing to m_output with journal decoration: no timestamp,
    // so lines can be compared whole.
    std::shared_ptr<spdlog::logger> make_logger(spdlog::level::level_enum level = spdlog::level::info)
    {
        return klog::make_logger({ .program = "log-test", .level = level },
            std::make_shared<spdlog::sinks::ostream_sink_mt>(m_output), klog::Destination::journal);
    }
};

TEST(Log, personal_fields_are_absent_while_the_rest_is_present)
{
    std::string const name = "Nguyễn Văn An";
    std::string const id_number = "079012345678";
    std::string const birth_date = "01/01/1990";
    make_logger()->info("card read for {} (id {}, born {}), {} bytes", klog::personal(name), klog::personal(id_number),
        klog::personal(birth_date), 1024);

    std::string const out = m_output.str();
    STRCMP_EQUAL("<6>info: card read for [personal] (id [personal], born [personal]), 1024 bytes\n", out.c_str());
    CHECK_FALSE(contains(out, "Nguy"));
    CHECK_FALSE(contains(out, id_number));
    CHECK_FALSE(contains(out, "1990"));
}

TEST(Log, unmarked_id_and_document_numbers_are_redacted)
{
    make_logger()->warn("lookup id={} doc={} done", "079012345678", 123456789);
    STRCMP_EQUAL("<4>warning: lookup id=[redacted] doc=[redacted] done\n", m_output.str().c_str());
}

TEST(Log, unmarked_mrz_and_qr_payloads_are_redacted)
{
    auto logger = make_logger();
    logger->info("mrz {}", "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<");
    logger->info("qr {}", "079012345678|123456789|Nguyen Van An|01011990|Nam|Q1|01072021");
    STRCMP_EQUAL("<6>info: mrz [redacted]\n<6>info: qr [redacted]\n", m_output.str().c_str());
}

TEST(Log, dossier_codes_and_byte_counts_survive)
{
    make_logger()->info("dossier {} uploaded, {} bytes, at {} from {}", "000.00.15.H56-250701-0001", 48213,
        "09:30:00.125", "10.0.0.12");
    STRCMP_EQUAL("<6>info: dossier 000.00.15.H56-250701-0001 uploaded, 48213 bytes, at 09:30:00.125 from 10.0.0.12\n",
        m_output.str().c_str());
}

TEST(Log, configured_level_applies_without_the_env_var)
{
    auto logger = make_logger(spdlog::level::warn);
    CHECK(logger->level() == spdlog::level::warn);
    logger->info("dropped");
    logger->warn("kept");
    STRCMP_EQUAL("<4>warning: kept\n", m_output.str().c_str());
}

TEST(Log, env_var_lowers_the_level)
{
    m_level_env.set("debug");
    auto logger = make_logger(spdlog::level::info);
    CHECK(logger->level() == spdlog::level::debug);
    logger->trace("dropped");
    logger->debug("kept");
    STRCMP_EQUAL("<7>debug: kept\n", m_output.str().c_str());
}

TEST(Log, env_var_raises_the_level)
{
    m_level_env.set("error");
    auto logger = make_logger(spdlog::level::trace);
    logger->warn("dropped");
    logger->error("kept");
    STRCMP_EQUAL("<3>error: kept\n", m_output.str().c_str());
}

TEST(Log, env_var_off_silences_everything)
{
    m_level_env.set("off");
    auto logger = make_logger();
    logger->critical("dropped");
    STRCMP_EQUAL("", m_output.str().c_str());
}

TEST(Log, invalid_env_var_is_reported_and_ignored)
{
    m_level_env.set("loud");
    auto logger = make_logger(spdlog::level::info);
    CHECK(logger->level() == spdlog::level::info);
    STRCMP_EQUAL("<4>warning: ignoring KIOSK_LOG_LEVEL=\"loud\": expected trace, debug, info, warn, error, critical or "
                 "off\n",
        m_output.str().c_str());
}

TEST(Log, parse_level_knows_the_names_in_any_case)
{
    CHECK(klog::parse_level("trace") == spdlog::level::trace);
    CHECK(klog::parse_level("DEBUG") == spdlog::level::debug);
    CHECK(klog::parse_level("Info") == spdlog::level::info);
    CHECK(klog::parse_level("warn") == spdlog::level::warn);
    CHECK(klog::parse_level("warning") == spdlog::level::warn);
    CHECK(klog::parse_level("error") == spdlog::level::err);
    CHECK(klog::parse_level("critical") == spdlog::level::critical);
    CHECK(klog::parse_level("off") == spdlog::level::off);
    CHECK_FALSE(klog::parse_level("").has_value());
    CHECK_FALSE(klog::parse_level("inf").has_value());
    CHECK_FALSE(klog::parse_level("information").has_value());
}

TEST(Log, terminal_lines_carry_time_program_pid_and_level)
{
    klog::make_logger({ .program = "kiosk-app" }, std::make_shared<spdlog::sinks::ostream_sink_mt>(m_output),
        klog::Destination::terminal)
        ->info("ready");
    std::string const out = m_output.str();
    // "2025-07-01 09:30:00.123 kiosk-app[812] info: ready\n"
    CHECK(out.size() > 24);
    CHECK(out[4] == '-' && out[7] == '-' && out[10] == ' ' && out[13] == ':' && out[19] == '.');
    STRCMP_CONTAINS(" kiosk-app[", out.c_str());
    STRCMP_CONTAINS(("[" + std::to_string(::getpid()) + "] info: ready\n").c_str(), out.c_str());
}

TEST(Log, journal_lines_have_a_priority_prefix_and_no_timestamp)
{
    auto logger = make_logger(spdlog::level::trace);
    logger->trace("t");
    logger->info("i");
    logger->critical("c");
    STRCMP_EQUAL("<7>trace: t\n<6>info: i\n<2>critical: c\n", m_output.str().c_str());
}

TEST(Log, stderr_is_the_journal_only_when_journal_stream_names_it)
{
    CHECK(klog::stderr_destination() == klog::Destination::terminal);

    struct stat status { };
    LONGS_EQUAL(0, ::fstat(STDERR_FILENO, &status));
    std::string const own = std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino);
    m_journal_env.set(own.c_str());
    CHECK(klog::stderr_destination() == klog::Destination::journal);

    std::string const other = std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino + 1);
    m_journal_env.set(other.c_str());
    CHECK(klog::stderr_destination() == klog::Destination::terminal);
    m_journal_env.set("garbage");
    CHECK(klog::stderr_destination() == klog::Destination::terminal);
    m_journal_env.set(":");
    CHECK(klog::stderr_destination() == klog::Destination::terminal);
}

// init() changes spdlog's process-wide registry, whose allocations live until exit; each
// test runs it in a child process, with stderr going to a pipe, and checks what came out.
TEST_GROUP(LogInit)
{
    struct Child {
        int exit_code = -1;
        std::string err;
    };

    // Runs @p body in a forked child whose stderr is a pipe; the child exits with what
    // @p body returns. @p journal: set JOURNAL_STREAM to name that pipe, as systemd would.
    template <class Body> Child run_child(Body body, Destination journal)
    {
        int pipe_fds[2] = { -1, -1 };
        LONGS_EQUAL(0, ::pipe(pipe_fds));
        pid_t const pid = ::fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            ::dup2(pipe_fds[1], STDERR_FILENO);
            ::close(pipe_fds[0]);
            ::close(pipe_fds[1]);
            ::unsetenv("JOURNAL_STREAM");
            if (journal == Destination::journal) {
                struct stat status { };
                ::fstat(STDERR_FILENO, &status);
                std::string const stream = std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino);
                ::setenv("JOURNAL_STREAM", stream.c_str(), 1);
            }
            int const code = body();
            // Skip CppUTest's and the sanitizers' exit-time checks: they belong to the parent.
            ::_exit(code);
        }
        ::close(pipe_fds[1]);
        Child child;
        std::array<char, 4096> buffer {};
        for (;;) {
            ssize_t const count = ::read(pipe_fds[0], buffer.data(), buffer.size());
            if (count <= 0)
                break;
            child.err.append(buffer.data(), static_cast<std::size_t>(count));
        }
        ::close(pipe_fds[0]);
        int status = 0;
        LONGS_EQUAL(pid, ::waitpid(pid, &status, 0));
        child.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return child;
    }

    static int log_a_card_read()
    {
        klog::init({ .program = "log-init-test", .level = spdlog::level::warn });
        auto const logger = spdlog::default_logger();
        bool const redacting = logger->sinks().size() == 1
            && std::dynamic_pointer_cast<klog::RedactingSink>(logger->sinks().front()) != nullptr;
        spdlog::debug(
            "card read for {}, born {}, doc 123456789", klog::personal("079012345678"), klog::personal("01/01/1990"));
        spdlog::warn("dossier 000.00.15.H56-250701-0001, {} bytes", 48213);
        return (redacting && logger->name() == "log-init-test") ? 0 : 1;
    }

    ScopedEnv m_level_env { klog::LEVEL_ENV };
    void setup() override { m_level_env.unset(); }
};

TEST(LogInit, installs_a_redacting_default_logger_on_stderr)
{
    Child const child = run_child(log_a_card_read, Destination::terminal);
    LONGS_EQUAL(0, child.exit_code);
    STRCMP_CONTAINS(" log-init-test[", child.err.c_str());
    STRCMP_CONTAINS("] warning: dossier 000.00.15.H56-250701-0001, 48213 bytes\n", child.err.c_str());
    CHECK_FALSE(contains(child.err, "card read")); // debug is below the configured level
}

TEST(LogInit, omits_the_timestamp_when_stderr_is_the_journal)
{
    Child const child = run_child(log_a_card_read, Destination::journal);
    LONGS_EQUAL(0, child.exit_code);
    STRCMP_EQUAL("<4>warning: dossier 000.00.15.H56-250701-0001, 48213 bytes\n", child.err.c_str());
}

TEST(LogInit, env_var_level_overrides_the_program_level)
{
    m_level_env.set("debug");
    Child const child = run_child(log_a_card_read, Destination::journal);
    LONGS_EQUAL(0, child.exit_code);
    STRCMP_EQUAL("<7>debug: card read for [personal], born [personal], doc [redacted]\n"
                 "<4>warning: dossier 000.00.15.H56-250701-0001, 48213 bytes\n",
        child.err.c_str());
}
