// SPDX-License-Identifier: MIT
#include "status_commands.hpp"

#include "nfc_commands.hpp"
#include "runtime/board_file.hpp"

#include <id/access_key.hpp>
#include <id/chip_reader.hpp>

#include <status/dossier_json.hpp>
#include <status/dossier_lookup.hpp>
#include <status/gateway_client.hpp>
#include <status/lookup_cache.hpp>

#include <array>
#include <ctime>
#include <iostream>
#include <memory>

namespace kiosk::bench {

namespace {

/// The wall clock, for "as of" stamps.
class WallClock final : public hal::Clock {
public:
    WallClock() = default;
    [[nodiscard]] std::chrono::steady_clock::time_point now() const override { return std::chrono::steady_clock::now(); }
    [[nodiscard]] std::chrono::system_clock::time_point wall_now() const override
    {
        return std::chrono::system_clock::now();
    }
};

std::string iso_time(std::chrono::system_clock::time_point time)
{
    auto seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc {};
    gmtime_r(&seconds, &utc);
    std::array<char, 32> text {};
    std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text.data();
}

cli::Exit gateway_error(cli::Output const& out, status::GatewayFailure const& failure)
{
    auto exit = failure.code == Errc::invalid_argument ? cli::Exit::usage : cli::Exit::failed;
    return out.error(failure.code, failure.reason + " [" + std::string(failure.message_key) + "]", exit);
}

/// The client options from the command line, falling back to the board's [services].
Expected<status::ClientOptions, std::string> client_options(GlobalOptions const& global, StatusOptions const& options)
{
    status::ClientOptions client;
    client.base_url = options.gateway;
    client.ca_file = options.ca;
    // The board is read only for what the command line leaves out (a URL given on the command
    // line needs no board, unless it is https without --ca).
    bool https = client.base_url.rfind("https://", 0) == 0;
    if (client.base_url.empty() || (https && client.ca_file.empty())) {
        auto board = runtime::parse_board_file(global.board_file);
        if (!board)
            return Unexpected(board.error().message());
        if (client.base_url.empty())
            client.base_url = board->services.gateway_url;
        if (client.ca_file.empty())
            client.ca_file = board->services.gateway_ca;
    }
    if (client.base_url.empty())
        return Unexpected(std::string("no gateway: give --gateway URL or set [services].gateway_url in the board file"));
    client.client_certificate = options.client_cert;
    client.client_key = options.client_key;
    client.total_timeout = std::chrono::milliseconds(options.timeout_ms);
    client.connect_timeout = std::chrono::milliseconds(std::min(options.timeout_ms, 3000));
    client.attempts = options.attempts;
    client.kiosk_id = "kiosk-bench";
    return client;
}

std::string human_dossier(status::Dossier const& dossier, nlohmann::json const& body)
{
    std::string text = "code: " + dossier.code + "\nprocedure: " + dossier.procedure_code
        + (dossier.procedure_name.empty() ? "" : " " + dossier.procedure_name) + "\nstate: "
        + std::string(status::state_name(dossier.state)) + (body["overdue"].get<bool>() ? " (overdue)" : "")
        + "\nreceived: " + status::iso_date(dossier.received)
        + "\ndue: " + (dossier.due ? status::iso_date(*dossier.due) : std::string("- (paused or unknown)"))
        + "\nhandling agency: " + dossier.handling_agency + "\nnext step: "
        + body["next_step"]["kind"].get<std::string>() + "\ntimeline:\n";
    for (auto const& step : dossier.timeline) {
        text += "  " + status::iso_date(step.date) + "  " + std::string(status::step_name(step.kind)) + "  "
            + step.agency + (step.note.empty() ? "" : " (" + step.note + ")") + "\n";
    }
    return text;
}

} // namespace

cli::Exit status_get(cli::Output const& out, GlobalOptions const& global, StatusOptions const& options, std::string const& code)
{
    if (!status::is_valid_code(code))
        return out.error(Errc::invalid_argument, "not a dossier code: 4-40 letters, digits, '-', '.', '_'", cli::Exit::usage);
    auto client_config = client_options(global, options);
    if (!client_config)
        return out.error(Errc::invalid_argument, client_config.error(), cli::Exit::usage);
    auto client = status::GatewayClient::create(*client_config);
    if (!client)
        return gateway_error(out, client.error());
    std::unique_ptr<status::LookupCache> cache;
    if (!options.cache.empty()) {
        auto opened = status::LookupCache::open(options.cache);
        if (!opened)
            return out.error(opened.error().code(), "--cache: " + opened.error().message(), cli::Exit::failed);
        cache = std::move(opened).value();
    }
    WallClock clock;
    status::DossierLookup lookup(**client, cache.get(), clock);
    auto found = lookup.lookup(code);
    if (!found)
        return gateway_error(out, found.error());
    auto body = status::dossier_to_json(found->dossier, status::vietnam_day(clock.wall_now()));
    std::string source = found->source == status::Source::live ? "live" : "cache";
    nlohmann::json result { { "source", source }, { "as_of", iso_time(found->as_of) }, { "dossier", body } };
    std::string human = human_dossier(found->dossier, body);
    if (found->source == status::Source::cache) {
        result["live_error"] = cli::Output::error_json(found->live_failure->code, found->live_failure->reason);
        human += "(gateway unreachable: shown as of " + iso_time(found->as_of) + ")\n";
    }
    return out.result(true, result, human);
}

cli::Exit status_ping(cli::Output const& out, GlobalOptions const& global, StatusOptions const& options)
{
    auto client_config = client_options(global, options);
    if (!client_config)
        return out.error(Errc::invalid_argument, client_config.error(), cli::Exit::usage);
    auto client = status::GatewayClient::create(*client_config);
    if (!client)
        return gateway_error(out, client.error());
    auto health = (*client)->ping();
    if (!health)
        return gateway_error(out, health.error());
    nlohmann::json body { { "gateway", client_config->base_url }, { "version", health->version },
        { "dossiers", health->dossiers }, { "round_trip_ms", health->round_trip_ms } };
    return out.result(true, body,
        "gateway " + client_config->base_url + " answers: version " + health->version + ", "
            + std::to_string(health->dossiers) + " dossiers, " + std::to_string(health->round_trip_ms) + " ms\n");
}

cli::Exit status_citizen(cli::Output const& out, GlobalOptions const& global, StatusOptions const& options,
    CitizenArguments const& arguments)
{
    if (arguments.can.empty() == arguments.id_number.empty())
        return out.error(Errc::invalid_argument, "give exactly one of --can and --id", cli::Exit::usage);
    auto key = arguments.can.empty() ? id::AccessKey::from_id_number(arguments.id_number)
                                     : id::AccessKey::from_can(arguments.can);
    if (!key)
        return out.error(Errc::invalid_argument, key.error().context(), cli::Exit::usage);
    auto client_config = client_options(global, options);
    if (!client_config)
        return out.error(Errc::invalid_argument, client_config.error(), cli::Exit::usage);
    auto client = status::GatewayClient::create(*client_config);
    if (!client)
        return gateway_error(out, client.error());

    std::string message;
    auto opened = open_card_reader(global, arguments.reader, message);
    if (!opened)
        return out.error(opened.error().code(), message, cli::Output::exit_for(opened.error().code()));
    hal::CardReader& reader = *opened->reader;
    if (out.format() == cli::Format::human)
        std::cerr << "kiosk-bench: waiting for a card...\n";
    auto card = reader.wait_for_card(std::chrono::milliseconds(static_cast<long long>(arguments.wait_seconds * 1000)));
    if (!card)
        return out.error(card.error().code(), "card reader: " + card.error().message(), cli::Exit::failed);
    if (!card->has_value())
        return out.error(Errc::timeout, "no card on the reader", cli::Exit::failed);
    id::ReadOptions read_options;
    read_options.data_groups = { 13 };
    read_options.read_security_groups = false;
    auto session = id::ChipReader(reader).read(**card, *key, read_options);
    reader.release();
    if (!session)
        return out.error(session.error().code(), std::string("reading the card: ") + session.error().message(),
            cli::Exit::failed);
    auto const* sod = session->file(id::LdsFile::sod);
    auto const* dg13 = session->file(id::LdsFile::dg13);
    if (sod == nullptr || dg13 == nullptr)
        return out.error(Errc::not_found, "the card has no SOD or DG13", cli::Exit::failed);
    // The evidence goes to the gateway as read; the gateway verifies it on its own.
    auto dossiers = (*client)->citizen_dossiers(*sod, *dg13);
    if (!dossiers)
        return gateway_error(out, dossiers.error());
    auto today = status::vietnam_day(std::chrono::system_clock::now());
    nlohmann::json list = nlohmann::json::array();
    std::string human;
    for (auto const& dossier : *dossiers) {
        auto body = status::dossier_to_json(dossier, today);
        human += dossier.code + "  " + std::string(status::state_name(dossier.state)) + "  "
            + (dossier.due ? status::iso_date(*dossier.due) : std::string("-")) + "  " + dossier.procedure_name + "\n";
        list.push_back(std::move(body));
    }
    if (dossiers->empty())
        human = "no dossiers for this citizen\n";
    return out.result(true, nlohmann::json { { "dossiers", list } }, human);
}

void add_status_commands(CLI::App& app, CommandSet& commands)
{
    auto* group = subcommand_group(app, "status", "Dossier status: ask the gateway");
    auto options = std::make_shared<StatusOptions>();
    auto code = std::make_shared<std::string>();
    auto add_common = [&options](CLI::App* command) {
        command->add_option("--gateway", options->gateway, "Gateway URL (default: the board's services.gateway_url)");
        command->add_option("--ca", options->ca, "CA file pinned for an https gateway (default: services.gateway_ca)");
        command->add_option("--client-cert", options->client_cert, "This kiosk's client certificate (PEM)");
        command->add_option("--client-key", options->client_key, "Its private key (PEM)");
        command->add_option("--timeout-ms", options->timeout_ms, "Per-attempt timeout (default 5000)")
            ->check(CLI::Range(1, 120000));
        command->add_option("--attempts", options->attempts, "Attempts for a lookup (default 2)")->check(CLI::Range(1, 10));
    };
    auto* get = group->add_subcommand("get", "Show a dossier's state, due date and timeline");
    get->add_option("CODE", *code, "Dossier code (mã hồ sơ)")->required();
    get->add_option("--cache", options->cache, "Offline cache file: answer from it when the gateway is unreachable");
    add_common(get);
    commands.add(get, [options, code](cli::Output const& out, GlobalOptions const& global) {
        return status_get(out, global, *options, *code);
    });
    auto citizen_arguments = std::make_shared<CitizenArguments>();
    auto* citizen = group->add_subcommand("citizen", "Read the ID card, then ask the gateway for the citizen's dossiers");
    citizen->add_option("--can", citizen_arguments->can, "Card access number (6 digits)");
    citizen->add_option("--id", citizen_arguments->id_number, "12-digit ID number (CAN = last 6, BAC from the last 9)");
    citizen->add_option("--reader", citizen_arguments->reader, "Card reader connection (default: the board's)");
    citizen->add_option("--wait", citizen_arguments->wait_seconds, "Seconds to wait for a card (default 10)");
    add_common(citizen);
    commands.add(citizen, [options, citizen_arguments](cli::Output const& out, GlobalOptions const& global) {
        return status_citizen(out, global, *options, *citizen_arguments);
    });
    auto* ping = group->add_subcommand("ping", "Check that the gateway answers");
    add_common(ping);
    commands.add(ping, [options](cli::Output const& out, GlobalOptions const& global) {
        return status_ping(out, global, *options);
    });
}

} // namespace kiosk::bench
