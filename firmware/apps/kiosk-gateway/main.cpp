// SPDX-License-Identifier: MIT
// kiosk-gateway: the reference gateway a small center (or a kiosk for itself) runs. Command
// line per shared/CLI.md. stdout carries one line, the readiness line; everything else
// (import report, logs) goes to stderr.
#include "gateway/chip_verifier.hpp"
#include "gateway/demo_data.hpp"
#include "gateway/dossier_import.hpp"
#include "gateway/gateway_server.hpp"
#include "gateway/passive_auth_chip_verifier.hpp"
#include "gateway/sqlite_dossier_store.hpp"

#include <log/log.hpp>
#include <status/holiday_calendar.hpp>

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <pthread.h>
#include <sstream>
#include <string>
#include <thread>

namespace {

using kiosk::gateway::GatewayServer;

constexpr int EXIT_FAILED = 1;
constexpr int EXIT_USAGE = 2;
constexpr std::size_t MAX_REPORTED_ROWS = 50;

struct Options {
    std::string listen;
    std::string db;
    std::vector<std::string> imports;
    std::string import_format = "auto";
    bool demo = false;
    std::string tls_cert;
    std::string tls_key;
    std::string client_ca;
    std::string catalog;
    std::string holidays;
    std::string csca;
    std::string today;
    int rate_per_minute = 600;
    int burst = 120;
    int threads = 64;
};

int usage(std::string const& message)
{
    std::cerr << "kiosk-gateway: " << message << " (see kiosk-gateway --help)\n";
    return EXIT_USAGE;
}

/// Imports one export file into the store; prints the report on stderr.
/// @return 0, or EXIT_USAGE when the file as a whole is unusable.
int import_file(std::string const& file, kiosk::gateway::ImportFormat format, kiosk::gateway::DossierStore& store,
    kiosk::status::HolidayCalendar const& calendar)
{
    std::error_code error;
    auto size = std::filesystem::file_size(file, error);
    if (error)
        return usage("--import " + file + ": cannot read: " + error.message());
    if (size > kiosk::gateway::MAX_IMPORT_BYTES)
        return usage("--import " + file + ": larger than 64 MiB");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = kiosk::gateway::parse_export(text.str(), format, calendar);
    if (!parsed)
        return usage("--import " + file + ": " + parsed.error().message());
    auto const& report = *parsed;
    if (auto stored = store.put(report.dossiers); !stored) {
        std::cerr << "kiosk-gateway: --import " << file << ": " << stored.error().message() << '\n';
        return EXIT_FAILED;
    }
    std::cerr << "kiosk-gateway: imported " << report.dossiers.size() << " dossiers from " << file << ", "
              << report.bad_rows.size() << " bad rows skipped, " << report.warnings.size() << " warnings\n";
    std::size_t shown = 0;
    for (auto const& problem : report.bad_rows) {
        if (shown++ == MAX_REPORTED_ROWS)
            break;
        std::cerr << file << ": bad " << problem.message() << '\n';
    }
    for (auto const& problem : report.warnings) {
        if (shown++ >= MAX_REPORTED_ROWS)
            break;
        std::cerr << file << ": warning: " << problem.message() << '\n';
    }
    return 0;
}

int run(int argc, char** argv)
{
    kiosk::log::init({ .program = "kiosk-gateway", .level = spdlog::level::warn });
    CLI::App app { "Reference gateway: dossier status API for kiosks (HTTP/JSON over TLS, SQLite store)",
        "kiosk-gateway" };
    Options options;
    app.add_option("--listen", options.listen, "HOST:PORT to serve on (port 0: any free port); "
                                               "without it, import and exit");
    app.add_option("--db", options.db, "SQLite database file (created if missing)")->required();
    app.add_option("--import", options.imports, "Import a one-stop system export (CSV or JSON); repeatable");
    app.add_option("--import-format", options.import_format, "auto, csv or json")
        ->check(CLI::IsMember({ "auto", "csv", "json" }));
    app.add_flag("--demo", options.demo, "Load the demo data set (dossiers in every state, the test personas' own)");
    app.add_option("--tls-cert", options.tls_cert, "Server certificate (PEM)");
    app.add_option("--tls-key", options.tls_key, "Server private key (PEM)");
    app.add_option("--client-ca", options.client_ca, "CA that signs kiosk client certificates (PEM)");
    app.add_option("--catalog", options.catalog, "Signed catalog package served at /v1/catalog");
    app.add_option("--csca", options.csca,
        "CSCA trust store (folder or file) for verifying chip evidence; without it citizen lookups "
        "are refused with chip_verification_unavailable");
    app.add_option("--holidays", options.holidays, "Holiday calendar (default: the built-in Viet Nam calendar)");
    app.add_option("--today", options.today, "Pretend today is YYYY-MM-DD (demo data and overdue; for tests)");
    app.add_option("--rate-limit", options.rate_per_minute, "Requests per minute per kiosk (default 600)")
        ->check(CLI::Range(1, 1000000));
    app.add_option("--burst", options.burst, "Requests a kiosk may make at once (default 120)")
        ->check(CLI::Range(1, 100000));
    app.add_option("--threads", options.threads, "Worker threads (default 64)")->check(CLI::Range(1, 1024));
    try {
        app.parse(argc, argv);
    } catch (CLI::CallForHelp const& help) {
        return app.exit(help);
    } catch (CLI::ParseError const& failure) {
        return usage(failure.what());
    }

    kiosk::status::HolidayCalendar calendar = kiosk::status::HolidayCalendar::vietnam();
    if (!options.holidays.empty()) {
        auto loaded = kiosk::status::HolidayCalendar::load(options.holidays);
        if (!loaded)
            return usage("--holidays: " + loaded.error().message());
        calendar = std::move(loaded).value();
    }
    std::optional<kiosk::status::Date> fixed_today;
    if (!options.today.empty()) {
        fixed_today = kiosk::status::parse_iso_date(options.today);
        if (!fixed_today)
            return usage("--today: expected YYYY-MM-DD");
    }
    auto today = [fixed_today] {
        return fixed_today ? *fixed_today : kiosk::status::vietnam_day(std::chrono::system_clock::now());
    };

    kiosk::gateway::ServerOptions server_options;
    bool any_tls = !options.tls_cert.empty() || !options.tls_key.empty() || !options.client_ca.empty();
    if (any_tls) {
        if (options.tls_cert.empty() || options.tls_key.empty() || options.client_ca.empty())
            return usage("TLS needs all three of --tls-cert, --tls-key and --client-ca");
        server_options.tls = kiosk::gateway::TlsFiles { options.tls_cert, options.tls_key, options.client_ca };
    }
    if (!options.listen.empty()) {
        auto colon = options.listen.rfind(':');
        if (colon == std::string::npos || colon == 0)
            return usage("--listen: expected HOST:PORT");
        server_options.host = options.listen.substr(0, colon);
        auto port_text = options.listen.substr(colon + 1);
        if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos
            || std::stoi(port_text) > 65535)
            return usage("--listen: port must be 0-65535");
        server_options.port = std::stoi(port_text);
        if (!server_options.tls && !kiosk::gateway::is_loopback_host(server_options.host))
            return usage("--listen: plain HTTP only on loopback (127.0.0.1, ::1); give --tls-cert, --tls-key "
                         "and --client-ca to serve on " + server_options.host);
    }

    auto store = kiosk::gateway::SqliteDossierStore::open(options.db);
    if (!store) {
        std::cerr << "kiosk-gateway: --db " << options.db << ": " << store.error().message() << '\n';
        return EXIT_FAILED;
    }
    if (options.demo) {
        auto dossiers = kiosk::gateway::demo_dossiers(today(), calendar);
        if (auto stored = (*store)->put(dossiers); !stored) {
            std::cerr << "kiosk-gateway: --demo: " << stored.error().message() << '\n';
            return EXIT_FAILED;
        }
    }
    auto format = options.import_format == "csv" ? kiosk::gateway::ImportFormat::csv
        : options.import_format == "json"        ? kiosk::gateway::ImportFormat::json
                                                 : kiosk::gateway::ImportFormat::detect;
    for (auto const& file : options.imports) {
        if (int rc = import_file(file, format, **store, calendar); rc != 0)
            return rc;
    }
    if (options.listen.empty())
        return 0;

    server_options.catalog_package = options.catalog;
    server_options.rate_limit = { options.rate_per_minute, options.burst };
    server_options.threads = options.threads;
    server_options.version = "0.1.0";
    server_options.today = today;

    // SIGTERM and SIGINT are taken by one thread with sigwait(), which then stops the server:
    // httplib's stop() is not async-signal-safe, so it is never called from a handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    // Citizen lookups need the gateway's own verification of the chip evidence; without a
    // trust store every one is refused rather than trusted.
    kiosk::gateway::UnavailableChipVerifier unavailable;
    std::unique_ptr<kiosk::gateway::PassiveAuthChipVerifier> passive_auth;
    if (!options.csca.empty()) {
        auto loaded = kiosk::gateway::PassiveAuthChipVerifier::load(options.csca);
        if (!loaded)
            return usage("--csca " + options.csca + ": " + loaded.error().message());
        passive_auth = std::move(loaded).value();
    }
    kiosk::gateway::ChipVerifier const& verifier
        = passive_auth ? static_cast<kiosk::gateway::ChipVerifier const&>(*passive_auth) : unavailable;
    auto server = GatewayServer::create(server_options, **store, verifier);
    if (!server) {
        std::cerr << "kiosk-gateway: " << server.error().message() << '\n';
        return server.error().code() == kiosk::Errc::invalid_argument ? EXIT_USAGE : EXIT_FAILED;
    }
    std::thread signal_thread([&signals, &server] {
        int received = 0;
        sigwait(&signals, &received);
        (*server)->stop();
    });
    std::cout << "listening on " << (*server)->url() << std::endl;
    auto ran = (*server)->run();
    // If run() ended on its own, wake the signal thread so it can be joined.
    // NOLINTNEXTLINE(bugprone-bad-signal-to-kill-thread): SIGTERM is blocked and only sigwait()ed there
    pthread_kill(signal_thread.native_handle(), SIGTERM);
    signal_thread.join();
    if (!ran) {
        std::cerr << "kiosk-gateway: " << ran.error().message() << '\n';
        return EXIT_FAILED;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    // CLI11 and std::stoi may throw; the project code does not. Catch here for a one-line reason.
    try {
        return run(argc, argv);
    } catch (std::exception const& failure) {
        std::cerr << "kiosk-gateway: internal error: " << failure.what() << '\n';
        return EXIT_FAILED;
    }
}
