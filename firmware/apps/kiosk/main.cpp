// SPDX-License-Identifier: MIT
// kiosk: the citizen-facing touchscreen program. `kiosk [--board FILE] [--scenario FILE --out DIR]`
// (shared/CLI.md): a window where a display exists; with a scenario, headless with fake time,
// exit 0 when every step passed, else 1 naming FILE:LINE of the failed step.
#include "health_report.hpp"
#include "sim_scenario_hooks.hpp"

#include "runtime/board_loader.hpp"
#include "runtime/version.hpp"

#include <catalog/catalog_store.hpp>
#include <clock/manual_clock.hpp>
#include <id/passive_auth.hpp>
#include <log/log.hpp>
#include <speech/espeak_synthesizer.hpp>
#include <status/dossier_lookup.hpp>
#include <status/gateway_client.hpp>
#include <status/lookup_cache.hpp>
#include <ui/app/card_worker.hpp>
#include <ui/app/kiosk_ui.hpp>
#include <ui/app/print_worker.hpp>
#include <ui/app/scanner_worker.hpp>
#include <ui/core/canvas.hpp>
#include <ui/core/sdl_library.hpp>
#include <ui/scenario/scenario.hpp>
#include <ui/scenario/scenario_runner.hpp>

#include <CLI/CLI.hpp>

#include <SDL.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int EXIT_FAILED = 1;
constexpr int EXIT_USAGE = 2;

struct Options {
    std::string board_file;
    std::string scenario_file;
    std::string out_dir;
    int idle_seconds = 90;
    int countdown_seconds = 20;
    std::string catalog_file; ///< --catalog; empty: the board's [services].catalog_db
    std::string print_journal; ///< --print-journal; empty: state_file_default()
    std::string health_report; ///< --health-report; empty: no report
    int health_interval_seconds = 10;
    std::string gateway_url; ///< --gateway; empty: the board's [services].gateway_url
    std::string lookup_cache; ///< --lookup-cache; empty: state_file_default()
    std::string csca_store; ///< --csca; empty: the board's [services].csca_store
};

/// Where the kiosk keeps a state file (print journal, dossier lookup cache) when its option is not
/// given: the run's output folder headless; else $KIOSK_STATE_DIR, $XDG_STATE_HOME/kiosk or
/// ~/.local/state/kiosk. Read before any thread starts.
std::filesystem::path state_file_default(bool headless, std::string const& out_dir, char const* file_name)
{
    if (headless)
        return std::filesystem::path(out_dir) / file_name;
    // NOLINTBEGIN(concurrency-mt-unsafe): the environment is read before any thread starts
    char const* state = std::getenv("KIOSK_STATE_DIR");
    char const* xdg = std::getenv("XDG_STATE_HOME");
    char const* home = std::getenv("HOME");
    // NOLINTEND(concurrency-mt-unsafe)
    if (state != nullptr && *state != '\0')
        return std::filesystem::path(state) / file_name;
    if (xdg != nullptr && *xdg != '\0')
        return std::filesystem::path(xdg) / "kiosk" / file_name;
    return std::filesystem::path(home != nullptr ? home : "/tmp") / ".local" / "state" / "kiosk" / file_name;
}

int report(int code, std::string const& message)
{
    std::fprintf(stderr, "kiosk: %s\n", message.c_str());
    return code;
}

int run_interactive(kiosk::ui::KioskUi& ui, kiosk::ui::Canvas& canvas)
{
    using kiosk::ui::Point;
    SDL_StartTextInput();
    bool running = true;
    while (running) {
        SDL_Event event;
        // Wake at least every 50 ms for the idle timer, workers' events and animations.
        if (SDL_WaitEventTimeout(&event, 50) != 0) {
            do {
                switch (event.type) {
                case SDL_QUIT:
                    running = false;
                    break;
                case SDL_MOUSEBUTTONDOWN:
                    if (event.button.which != SDL_TOUCH_MOUSEID)
                        ui.pointer_down(canvas.window_to_logical({ event.button.x, event.button.y }));
                    break;
                case SDL_MOUSEMOTION:
                    if (event.motion.which != SDL_TOUCH_MOUSEID && (event.motion.state & SDL_BUTTON_LMASK) != 0)
                        ui.pointer_move(canvas.window_to_logical({ event.motion.x, event.motion.y }));
                    break;
                case SDL_MOUSEBUTTONUP:
                    if (event.button.which != SDL_TOUCH_MOUSEID)
                        ui.pointer_up(canvas.window_to_logical({ event.button.x, event.button.y }));
                    break;
                case SDL_FINGERDOWN:
                case SDL_FINGERMOTION:
                case SDL_FINGERUP: {
                    int w = 0;
                    int h = 0;
                    SDL_GetWindowSize(SDL_GetWindowFromID(event.tfinger.windowID), &w, &h);
                    Point const p
                        = canvas.window_to_logical({ static_cast<int>(event.tfinger.x * static_cast<float>(w)),
                            static_cast<int>(event.tfinger.y * static_cast<float>(h)) });
                    if (event.type == SDL_FINGERDOWN)
                        ui.pointer_down(p);
                    else if (event.type == SDL_FINGERMOTION)
                        ui.pointer_move(p);
                    else
                        ui.pointer_up(p);
                    break;
                }
                case SDL_TEXTINPUT:
                    ui.type_text(event.text.text);
                    break;
                case SDL_KEYDOWN:
                    if (event.key.keysym.sym == SDLK_BACKSPACE) {
                        kiosk::ui::KeyPress press;
                        press.kind = kiosk::ui::KeyPress::Kind::backspace;
                        ui.key(press);
                    }
                    break;
                default:
                    break;
                }
            } while (SDL_PollEvent(&event) != 0);
        }
        ui.tick();
        if (ui.needs_render())
            ui.render();
    }
    return 0;
}

int run(int argc, char** argv)
{
    kiosk::log::init({ .program = "kiosk" });
    CLI::App app { "The kiosk's touchscreen program: a window on a display, or a headless scenario run.", "kiosk" };
    Options options;
    options.board_file = kiosk::runtime::default_board_file().string();
    app.add_option("--board", options.board_file, "Board file (default: boards/sim/board.toml)");
    auto* scenario = app.add_option("--scenario", options.scenario_file, "Scenario file: run headless with fake time");
    auto* out = app.add_option("--out", options.out_dir, "Output folder for screenshots and receipts");
    scenario->needs(out);
    out->needs(scenario);
    app.add_option("--idle-seconds", options.idle_seconds, "Seconds without a touch before \"Are you still there?\"")
        ->check(CLI::Range(5, 3600));
    app.add_option("--countdown-seconds", options.countdown_seconds, "Length of the idle countdown")
        ->check(CLI::Range(3, 600));
    app.add_option("--gateway", options.gateway_url, "Gateway URL (default: the board's [services].gateway_url)");
    app.add_option("--lookup-cache", options.lookup_cache,
        "Dossier lookup cache (SQLite; no personal data): answers shown with their time when the gateway "
        "cannot be reached (default: OUT/lookup-cache.sqlite headless, else $KIOSK_STATE_DIR/lookup-cache.sqlite)");
    app.add_option("--csca", options.csca_store,
        "CSCA trust store for chip ID cards, folder or file (default: the board's [services].csca_store)");
    app.add_option(
        "--catalog", options.catalog_file, "Procedure catalog database (default: the board's [services].catalog_db)");
    app.add_option("--print-journal", options.print_journal,
        "Print journal (SQLite): receipts without personal data wait here across restarts (default: "
        "OUT/print-journal.sqlite headless, else $KIOSK_STATE_DIR/print-journal.sqlite)");
    app.add_option("--health-report", options.health_report,
        "Write the health report for the update agent here (e.g. /run/kiosk/health.json)");
    app.add_option("--health-interval-seconds", options.health_interval_seconds, "Seconds between health reports")
        ->check(CLI::Range(1, 3600));
    try {
        app.parse(argc, argv);
    } catch (CLI::CallForHelp const& help) {
        return app.exit(help);
    } catch (CLI::ParseError const& failure) {
        return report(EXIT_USAGE, std::string(failure.what()) + " (see kiosk --help)");
    }

    bool const headless = !options.scenario_file.empty();
    std::vector<kiosk::ui::ScenarioStep> steps;
    if (headless) {
        std::ifstream in(options.scenario_file, std::ios::binary);
        if (!in)
            return report(EXIT_USAGE, options.scenario_file + ": cannot be read");
        std::ostringstream text;
        text << in.rdbuf();
        auto parsed = kiosk::ui::parse_scenario(text.str());
        if (!parsed)
            return report(EXIT_USAGE,
                options.scenario_file + ":" + std::to_string(parsed.error().line) + ": " + parsed.error().message);
        steps = std::move(*parsed);
    }

    kiosk::runtime::LoadOptions load;
    kiosk::drivers::ManualClock* fake_clock = nullptr;
    if (headless) {
        load.output_dir = options.out_dir;
        auto clock = std::make_unique<kiosk::drivers::ManualClock>();
        fake_clock = clock.get();
        load.clock = std::move(clock);
    }
    // A board's SDL speaker opens with the board: headless runs play into SDL's dummy driver.
    if (headless)
        SDL_setenv("SDL_AUDIODRIVER", "dummy", 1);
    auto loaded = kiosk::runtime::load_board(options.board_file, std::move(load));
    if (!loaded)
        return report(EXIT_USAGE, loaded.error().message());
    kiosk::hal::Board& board = *loaded->board;
    for (auto const& fault : loaded->faults)
        spdlog::warn("{} ({}) not available: {}", fault.entry.connection, fault.entry.driver, fault.error.message());

    auto sdl = kiosk::ui::SdlLibrary::open(headless ? kiosk::ui::VideoMode::headless : kiosk::ui::VideoMode::window);
    if (!sdl)
        return report(EXIT_FAILED, sdl.error().message());
    kiosk::ui::DisplayLayout const layout(board.display());
    auto canvas = headless ? kiosk::ui::Canvas::create_headless(layout.width(), layout.height())
                           : kiosk::ui::Canvas::create_window(layout, "Kiosk");
    if (!canvas)
        return report(EXIT_FAILED, canvas.error().message());

    kiosk::ui::KioskUiOptions ui_options;
    ui_options.idle_timeout = std::chrono::seconds(options.idle_seconds);
    ui_options.idle_countdown = std::chrono::seconds(options.countdown_seconds);
    ui_options.site = { board.services().center_name, board.services().help_counter };
    kiosk::ui::Services services;
    services.card_reader = board.card_reader();
    // Spoken guidance (issue 8): espeak-ng into memory, played by the board's speaker. Without
    // either there is no speaker button. The synthesiser outlives the UI (its tasks use it).
    std::unique_ptr<kiosk::speech::EspeakSynthesizer> synthesizer;
    if (board.speaker() != nullptr) {
        if (auto opened = kiosk::speech::EspeakSynthesizer::open(); opened) {
            synthesizer = std::move(*opened);
            services.speaker = board.speaker();
            services.speech = synthesizer.get();
        } else {
            spdlog::warn("spoken guidance not available: {}", opened.error().message());
        }
    }
    // The service center's gateway (a citizen's dossiers after a chip read; the dossier flow may
    // share it): --gateway, else the board's [services].gateway_url. Used from tasks only.
    std::unique_ptr<kiosk::status::GatewayClient> gateway;
    {
        kiosk::status::ClientOptions client;
        client.base_url = options.gateway_url.empty() ? board.services().gateway_url : options.gateway_url;
        if (services.gateway == nullptr && !client.base_url.empty()) {
            auto created = kiosk::status::GatewayClient::create(client);
            if (created) {
                gateway = std::move(*created);
                services.gateway = gateway.get();
            } else {
                spdlog::warn("gateway {} not usable: {}", client.base_url, created.error().reason);
            }
        }
    }
    // Dossier lookups by code (issue 7): through the gateway client, remembering each answer in
    // the lookup cache, so that when the network is down the last answer shows with its time.
    // A cache that cannot be opened leaves lookups live only (said in the log). Both outlive the
    // UI and are used from its task thread only.
    std::unique_ptr<kiosk::status::LookupCache> lookup_cache;
    std::unique_ptr<kiosk::status::DossierLookup> dossier_lookup;
    if (services.gateway != nullptr) {
        std::filesystem::path const cache_file = options.lookup_cache.empty()
            ? state_file_default(headless, options.out_dir, "lookup-cache.sqlite")
            : std::filesystem::path(options.lookup_cache);
        std::error_code made;
        if (cache_file.has_parent_path())
            std::filesystem::create_directories(cache_file.parent_path(), made);
        auto opened = kiosk::status::LookupCache::open(cache_file);
        if (opened) {
            lookup_cache = std::move(*opened);
            constexpr auto MAX_AGE = std::chrono::hours(24 * 30);
            constexpr std::size_t MAX_ENTRIES = 5000;
            if (auto pruned = lookup_cache->prune(board.clock().wall_now(), MAX_AGE, MAX_ENTRIES); !pruned)
                spdlog::warn("lookup cache {}: {}", cache_file.string(), pruned.error().message());
        } else {
            spdlog::warn("lookup cache {} not available: {}; lookups are live only", cache_file.string(),
                opened.error().message());
        }
        dossier_lookup
            = std::make_unique<kiosk::status::DossierLookup>(*services.gateway, lookup_cache.get(), board.clock());
        services.dossiers = dossier_lookup.get();
    }
    // Chip ID cards: the card worker reads on its own thread; passive authentication against the
    // CSCA store (--csca, else the board's [services].csca_store; without one, "not checked").
    std::unique_ptr<kiosk::id::TrustStore> csca;
    {
        std::filesystem::path const store
            = options.csca_store.empty() ? board.services().csca_store : std::filesystem::path(options.csca_store);
        if (!store.empty()) {
            auto loaded_store = kiosk::id::TrustStore::load(store);
            if (loaded_store)
                csca = std::make_unique<kiosk::id::TrustStore>(std::move(*loaded_store));
            else
                spdlog::warn("CSCA store {} not available: {}", store.string(), loaded_store.error().message());
        }
    }
    std::unique_ptr<kiosk::ui::CardWorker> card_worker;
    if (board.card_reader() != nullptr) {
        card_worker = std::make_unique<kiosk::ui::CardWorker>(*board.card_reader(), csca.get());
        services.card_worker = card_worker.get();
    }
    // The procedure catalog (issue 5): --catalog, else the board's [services].catalog_db. A
    // missing or broken file leaves services.catalog null (the screens say the catalog is
    // unavailable) and the kiosk runs on. The store outlives the UI (declared before it).
    std::unique_ptr<kiosk::catalog::CatalogStore> catalog_store;
    {
        std::filesystem::path const catalog_file
            = options.catalog_file.empty() ? board.services().catalog_db : std::filesystem::path(options.catalog_file);
        if (!catalog_file.empty()) {
            auto opened = kiosk::catalog::CatalogStore::open(catalog_file);
            if (opened) {
                catalog_store = std::move(*opened);
                services.catalog = catalog_store.get();
            } else {
                spdlog::warn("procedure catalog {} not available: {}", catalog_file.string(), opened.error().message());
            }
        }
    }
    // Printing (issues 3, 8): a worker thread owns the print queue over the board's printer;
    // jobs without personal data wait in the journal across restarts. A journal that cannot be
    // opened is left untouched and the kiosk prints from memory (said in the log).
    std::unique_ptr<kiosk::ui::PrintWorker> print_worker;
    if (board.printer() != nullptr) {
        kiosk::ui::PrintWorker::Options print_options;
        print_options.journal_file = options.print_journal.empty()
            ? state_file_default(headless, options.out_dir, "print-journal.sqlite")
            : std::filesystem::path(options.print_journal);
        std::error_code made;
        if (print_options.journal_file.has_parent_path())
            std::filesystem::create_directories(print_options.journal_file.parent_path(), made);
        auto started = kiosk::ui::PrintWorker::start(*board.printer(), board.clock(), print_options);
        if (!started) {
            spdlog::error("print journal {}: {}; receipts are kept in memory only", print_options.journal_file.string(),
                started.error().message());
            print_options.journal_file.clear();
            started = kiosk::ui::PrintWorker::start(*board.printer(), board.clock(), print_options);
        }
        if (started) {
            print_worker = std::move(*started);
            services.printer = print_worker.get();
        } else {
            spdlog::error("printing not available: {}", started.error().message());
        }
    }
    // Health report (issue 9's gate): devices with a worker of their own are asked once now,
    // before their workers start (each device is one-thread-only); the printer through its worker
    // at every report; the others at every report from the reporter's thread.
    std::vector<kiosk::apps::HealthReporter::Probe> health_probes;
    if (!options.health_report.empty()) {
        for (auto const& entry : board.devices()) {
            kiosk::hal::Device* device = board.device(entry.role);
            if (entry.role == kiosk::hal::Role::printer && print_worker) {
                health_probes.push_back(
                    { entry, [worker = print_worker.get()] { return worker->self_test(std::chrono::seconds(12)); } });
            } else if (entry.role == kiosk::hal::Role::card_reader || entry.role == kiosk::hal::Role::code_scanner
                || entry.role == kiosk::hal::Role::speaker) {
                health_probes.push_back({ entry, [at_start = device->self_test()] { return at_start; }, "at_start" });
            } else {
                health_probes.push_back({ entry, [device] { return device->self_test(); } });
            }
        }
        for (auto const& fault : loaded->faults) {
            health_probes.push_back({ fault.entry,
                [error = fault.error] { return kiosk::Result<std::string>(kiosk::Unexpected(error)); }, "at_start" });
        }
    }
    auto ui = kiosk::ui::KioskUi::create(**canvas, board.clock(), layout, services, ui_options);
    if (!ui)
        return report(EXIT_FAILED, ui.error().message());
    if (print_worker)
        print_worker->post_to((*ui)->events());
    std::unique_ptr<kiosk::apps::HealthReporter> health;
    if (!options.health_report.empty()) {
        kiosk::apps::HealthReporter::Options health_options;
        health_options.file = options.health_report;
        health_options.interval = std::chrono::seconds(options.health_interval_seconds);
        health_options.version = std::string(kiosk::runtime::firmware_version());
        health_options.board = board.name();
        kiosk::ui::KioskUi const& shown = **ui;
        health = std::make_unique<kiosk::apps::HealthReporter>(
            std::move(health_options), std::move(health_probes), [&shown] { return shown.frames_rendered(); },
            [&shown] { return shown.ticks(); });
    }
    if (card_worker)
        card_worker->attach((*ui)->events());
    std::unique_ptr<kiosk::ui::ScannerWorker> scanner;
    if (board.code_scanner() != nullptr)
        scanner = std::make_unique<kiosk::ui::ScannerWorker>(*board.code_scanner(), (*ui)->events());

    int exit_code = 0;
    if (headless) {
        kiosk::apps::SimScenarioHooks hooks(board, *fake_clock, (*ui)->events());
        kiosk::ui::ScenarioRunner runner(**ui, **canvas, hooks, options.out_dir);
        auto result = runner.run(steps);
        if (!result) {
            exit_code = report(EXIT_FAILED,
                options.scenario_file + ":" + std::to_string(result.error().line) + ": " + result.error().message);
        } else {
            std::fprintf(stderr, "kiosk: %s: %zu steps passed\n", options.scenario_file.c_str(), steps.size());
        }
    } else {
        exit_code = run_interactive(**ui, **canvas);
    }
    // Workers stop before the UI and board they point into go away.
    health.reset();
    print_worker.reset();
    scanner.reset();
    if (card_worker)
        card_worker->cancel();
    ui->reset();
    return exit_code;
}

} // namespace

int main(int argc, char** argv)
{
    // CLI11 may throw; nothing else in the project does.
    try {
        return run(argc, argv);
    } catch (std::exception const& failure) {
        return report(EXIT_FAILED, std::string("unexpected error: ") + failure.what());
    }
}
