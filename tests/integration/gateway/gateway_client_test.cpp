// SPDX-License-Identifier: MIT
// The kiosk's status client against the real kiosk-gateway on 127.0.0.1 (real SQLite file,
// real TLS with certificates made at test time), and against a tiny purpose-built peer for
// the failures a real gateway does not produce on demand (no answer, malformed JSON, 500).
#include "gateway_process.hpp"
#include "test_pki.hpp"
#include "tiny_peer.hpp"

#include "support/temp_dir.hpp"

#include <gateway/sqlite_dossier_store.hpp>
#include <id/emul/card_files.hpp>
#include <id/persona.hpp>
#include <status/dossier_lookup.hpp>
#include <status/gateway_client.hpp>
#include <status/lookup_cache.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::Errc;
using kiosk::status::ClientOptions;
using kiosk::status::DossierState;
using kiosk::status::GatewayClient;
using kiosk::status::GatewayFailure;
using kiosk::test::GatewayProcess;
using kiosk::test::TinyPeer;

namespace {

// The demo data set's "today", so states and overdue flags are fixed.
std::string const TODAY = "2026-12-01";

/// A clock the test sets ("as of" stamps).
class TestClock final : public kiosk::hal::Clock {
public:
    TestClock() = default;
    [[nodiscard]] std::chrono::steady_clock::time_point now() const override { return {}; }
    [[nodiscard]] std::chrono::system_clock::time_point wall_now() const override { return wall; }
    std::chrono::system_clock::time_point wall { std::chrono::seconds(1764547200) };
};

ClientOptions options_for(std::string const& url)
{
    ClientOptions options;
    options.base_url = url;
    options.connect_timeout = std::chrono::milliseconds(1000);
    options.total_timeout = std::chrono::milliseconds(2000);
    options.attempts = 2;
    options.backoff = std::chrono::milliseconds(10);
    return options;
}

std::unique_ptr<GatewayClient> client_for(ClientOptions const& options)
{
    auto client = GatewayClient::create(options);
    if (!client)
        FAIL(client.error().reason.c_str());
    return std::move(client).value();
}

GatewayFailure failure_of(kiosk::status::GatewayResult<kiosk::status::Dossier> result)
{
    if (result.has_value())
        FAIL("expected a failure");
    return std::move(result).error();
}

// Made before CppUTest counts allocations per test: libcurl's global state, the test PKI.
ClientOptions curl_ready_options()
{
    ClientOptions options;
    options.base_url = "http://127.0.0.1:1";
    return options;
}
[[maybe_unused]] auto const LOGGER = spdlog::default_logger();
[[maybe_unused]] bool const CURL_READY = GatewayClient::create(curl_ready_options()).has_value();
kiosk::test::TempDir const PKI_DIR;
kiosk::test::TestPki const PKI = kiosk::test::make_test_pki(PKI_DIR.path());

std::string demo_code(int number)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "H40.50-DEMO-%04d", number);
    return buffer;
}

} // namespace

TEST_GROUP(GatewayClientPlain)
{
    kiosk::test::TempDir dir;
    std::unique_ptr<GatewayProcess> gateway;

    void start(std::vector<std::string> extra = {})
    {
        std::vector<std::string> args { "--listen", "127.0.0.1:0", "--db", (dir.path() / "gateway.db").string(),
            "--demo", "--today", TODAY };
        args.insert(args.end(), extra.begin(), extra.end());
        gateway = std::make_unique<GatewayProcess>(args);
    }
};

TEST(GatewayClientPlain, every_state_with_its_timeline)
{
    start();
    auto client = client_for(options_for(gateway->url()));
    // The demo set cycles through the states in ALL_STATES order from DEMO-0001.
    for (int i = 1; i <= 7; ++i) {
        auto dossier = client->dossier(demo_code(i));
        if (!dossier)
            FAIL(dossier.error().reason.c_str());
        CHECK_TRUE(dossier->state == kiosk::status::ALL_STATES[i - 1]);
        STRCMP_EQUAL(demo_code(i).c_str(), dossier->code.c_str());
        CHECK_FALSE(dossier->timeline.empty());
        CHECK_TRUE(dossier->timeline.front().kind == kiosk::status::StepKind::received);
        CHECK_TRUE(dossier->owner_id.empty()); // a code lookup never carries the owner
    }
    auto paused = client->dossier(demo_code(3));
    CHECK_FALSE(paused->due.has_value());
    CHECK_FALSE(paused->documents_requested.empty());
    CHECK_TRUE(paused->timeline.back().kind == kiosk::status::StepKind::supplement_requested);
    auto returned = client->dossier(demo_code(5));
    auto last = returned->timeline.back().kind;
    CHECK_TRUE(last == kiosk::status::StepKind::returned || last == kiosk::status::StepKind::sent_by_post);
    // DEMO-0009 is in progress and overdue on TODAY.
    auto late = client->dossier(demo_code(9));
    CHECK_TRUE(late->state == DossierState::in_progress);
    CHECK_TRUE(kiosk::status::is_overdue(*late, *kiosk::status::parse_iso_date(TODAY)));
    // A cross-agency dossier names both agencies in its timeline.
    auto crossed = client->dossier(demo_code(4));
    CHECK_TRUE(kiosk::status::agencies(*crossed).size() >= 2);
}

TEST(GatewayClientPlain, unknown_code_is_not_found)
{
    start();
    auto client = client_for(options_for(gateway->url()));
    auto failure = failure_of(client->dossier("H40.50-NONE-0001"));
    CHECK_TRUE(failure.code == Errc::not_found);
    STRCMP_EQUAL("status.error.not_found", std::string(failure.message_key).c_str());
    LONGS_EQUAL(404, failure.http_status);
    CHECK_FALSE(failure.unreachable());
}

TEST(GatewayClientPlain, malformed_code_is_refused_before_sending)
{
    auto client = client_for(options_for("http://127.0.0.1:1"));
    auto failure = failure_of(client->dossier("../etc"));
    CHECK_TRUE(failure.code == Errc::invalid_argument);
}

TEST(GatewayClientPlain, ping_reports_the_dossier_count)
{
    start();
    auto client = client_for(options_for(gateway->url()));
    auto health = client->ping();
    if (!health)
        FAIL(health.error().reason.c_str());
    LONGS_EQUAL(330, static_cast<long>(health->dossiers));
}

TEST(GatewayClientPlain, rate_limit_answers_429)
{
    start({ "--rate-limit", "1", "--burst", "2" });
    auto options = options_for(gateway->url());
    options.attempts = 3;
    auto client = client_for(options);
    CHECK_TRUE(client->dossier(demo_code(1)).has_value());
    CHECK_TRUE(client->dossier(demo_code(2)).has_value());
    auto failure = failure_of(client->dossier(demo_code(3)));
    CHECK_TRUE(failure.code == Errc::busy);
    STRCMP_EQUAL("status.error.busy", std::string(failure.message_key).c_str());
    LONGS_EQUAL(429, failure.http_status);
    CHECK_TRUE(failure.unreachable());
}

TEST(GatewayClientPlain, citizen_lookup_is_refused_without_chip_verification)
{
    start();
    auto client = client_for(options_for(gateway->url()));
    std::vector<std::uint8_t> sod { 0x77, 0x01, 0x00 };
    std::vector<std::uint8_t> dg13 { 0x6D, 0x01, 0x00 };
    auto result = client->citizen_dossiers(sod, dg13);
    CHECK_FALSE(result.has_value());
    CHECK_TRUE(result.error().code == Errc::unsupported);
    STRCMP_EQUAL("status.error.chip_verification_unavailable", std::string(result.error().message_key).c_str());
    STRCMP_EQUAL("chip_verification_unavailable", result.error().server_code.c_str());
}

TEST(GatewayClientPlain, heartbeat_is_stored)
{
    start();
    auto options = options_for(gateway->url());
    options.kiosk_id = "kiosk-42";
    auto client = client_for(options);
    kiosk::status::HeartbeatReport report;
    report.version = "0.1.0";
    report.slot = "b";
    report.devices = { { "printer", "ok" }, { "card_reader", "fault" } };
    report.last_result = "installed 0.1.0";
    auto sent = client->heartbeat(report);
    if (!sent)
        FAIL(sent.error().reason.c_str());
    report.slot = "c";
    auto refused = client->heartbeat(report);
    CHECK_FALSE(refused.has_value());
    CHECK_TRUE(refused.error().code == Errc::invalid_argument);
    LONGS_EQUAL(0, gateway->stop()); // clean exit on SIGTERM
    auto store = KIOSK_MUST(kiosk::gateway::SqliteDossierStore::open(dir.path() / "gateway.db"));
    auto beat = KIOSK_MUST(store->last_heartbeat("kiosk-42", "kiosk"));
    CHECK_TRUE(beat.has_value());
    STRCMP_EQUAL("b", beat->slot.c_str());
    CHECK_TRUE(beat->devices_json.find("card_reader") != std::string::npos);
    STRCMP_EQUAL("installed 0.1.0", beat->last_result.c_str());
}

TEST(GatewayClientPlain, cache_answers_when_the_gateway_is_down)
{
    start();
    auto cache = KIOSK_MUST(kiosk::status::LookupCache::open(dir.path() / "cache.db"));
    auto client = client_for(options_for(gateway->url()));
    TestClock clock;
    auto first_seen = clock.wall;
    kiosk::status::DossierLookup lookup(*client, cache.get(), clock);
    auto live = lookup.lookup(demo_code(2));
    if (!live)
        FAIL(live.error().reason.c_str());
    CHECK_TRUE(live->source == kiosk::status::Source::live);

    LONGS_EQUAL(0, gateway->stop());
    clock.wall += std::chrono::hours(3);
    auto cached = lookup.lookup(demo_code(2));
    if (!cached)
        FAIL(cached.error().reason.c_str());
    CHECK_TRUE(cached->source == kiosk::status::Source::cache);
    CHECK_TRUE(cached->as_of == first_seen);
    CHECK_TRUE(cached->live_failure->code == Errc::disconnected);
    CHECK_TRUE(cached->dossier.state == DossierState::in_progress);
    CHECK_TRUE(cached->dossier.owner_name.empty());
    // A code never looked up has nothing cached: the gateway's failure comes through.
    auto missing = lookup.lookup(demo_code(1));
    CHECK_FALSE(missing.has_value());
    STRCMP_EQUAL("status.error.offline", std::string(missing.error().message_key).c_str());
}

TEST(GatewayClientPlain, not_found_forgets_the_cached_entry)
{
    start();
    auto cache = KIOSK_MUST(kiosk::status::LookupCache::open(dir.path() / "cache.db"));
    kiosk::status::Dossier gone;
    gone.code = "H40.50-GONE-0001";
    gone.procedure_code = "1.001193";
    KIOSK_MUST(cache->store(gone, std::chrono::system_clock::time_point {}));
    auto client = client_for(options_for(gateway->url()));
    TestClock clock;
    kiosk::status::DossierLookup lookup(*client, cache.get(), clock);
    auto result = lookup.lookup(gone.code);
    CHECK_FALSE(result.has_value());
    CHECK_TRUE(result.error().code == Errc::not_found);
    CHECK_FALSE(KIOSK_MUST(cache->find(gone.code)).has_value());
}

TEST_GROUP(GatewayClientFailures) {};

TEST(GatewayClientFailures, gateway_down_is_offline)
{
    auto client = client_for(options_for("http://127.0.0.1:" + std::to_string(kiosk::test::closed_port())));
    auto failure = failure_of(client->dossier("H40.50-DEMO-0001"));
    CHECK_TRUE(failure.code == Errc::disconnected);
    STRCMP_EQUAL("status.error.offline", std::string(failure.message_key).c_str());
    CHECK_TRUE(failure.unreachable());
    CHECK_TRUE(failure.reason.find("127.0.0.1") != std::string::npos);
}

TEST(GatewayClientFailures, silent_gateway_times_out_after_retries)
{
    TinyPeer peer(TinyPeer::Mode::silent);
    auto options = options_for(peer.url());
    options.total_timeout = std::chrono::milliseconds(300);
    options.attempts = 2;
    auto client = client_for(options);
    auto failure = failure_of(client->dossier("H40.50-DEMO-0001"));
    CHECK_TRUE(failure.code == Errc::timeout);
    STRCMP_EQUAL("status.error.timeout", std::string(failure.message_key).c_str());
    LONGS_EQUAL(2, peer.connections());
}

TEST(GatewayClientFailures, malformed_json_is_a_bad_reply)
{
    TinyPeer peer(TinyPeer::Mode::canned, TinyPeer::response(200, "{\"ok\": true, \"dossier\": {\"code\": "));
    auto client = client_for(options_for(peer.url()));
    auto failure = failure_of(client->dossier("H40.50-DEMO-0001"));
    CHECK_TRUE(failure.code == Errc::malformed);
    STRCMP_EQUAL("status.error.bad_reply", std::string(failure.message_key).c_str());
    LONGS_EQUAL(1, peer.connections()); // a broken answer is not retried
}

TEST(GatewayClientFailures, wrong_dossier_in_reply_is_a_bad_reply)
{
    TinyPeer peer(TinyPeer::Mode::canned,
        TinyPeer::response(200,
            R"({"ok": true, "dossier": {"code": "H40.50-DEMO-0002", "procedure": "1.001193", "state": "received",)"
            R"( "received": "2026-11-30"}})"));
    auto client = client_for(options_for(peer.url()));
    auto failure = failure_of(client->dossier("H40.50-DEMO-0001"));
    CHECK_TRUE(failure.code == Errc::malformed);
}

TEST(GatewayClientFailures, server_error_is_retried_then_reported)
{
    TinyPeer peer(TinyPeer::Mode::canned,
        TinyPeer::response(500, R"({"ok": false, "error": {"code": "io", "message": "disk full"}})"));
    auto options = options_for(peer.url());
    options.attempts = 3;
    auto client = client_for(options);
    auto failure = failure_of(client->dossier("H40.50-DEMO-0001"));
    CHECK_TRUE(failure.code == Errc::io);
    STRCMP_EQUAL("status.error.server", std::string(failure.message_key).c_str());
    LONGS_EQUAL(500, failure.http_status);
    CHECK_TRUE(failure.reason.find("disk full") != std::string::npos);
    LONGS_EQUAL(3, peer.connections());
}

TEST(GatewayClientFailures, heartbeat_is_not_retried)
{
    TinyPeer peer(TinyPeer::Mode::canned, TinyPeer::response(503, "{}"));
    auto options = options_for(peer.url());
    options.attempts = 3;
    auto client = client_for(options);
    kiosk::status::HeartbeatReport report;
    report.version = "1";
    report.slot = "a";
    CHECK_FALSE(client->heartbeat(report).has_value());
    LONGS_EQUAL(1, peer.connections());
}

TEST(GatewayClientFailures, bad_configuration_is_refused)
{
    auto no_scheme = GatewayClient::create(options_for("gateway.local:8443"));
    CHECK_FALSE(no_scheme.has_value());
    auto no_ca = GatewayClient::create(options_for("https://gateway.local:8443"));
    CHECK_FALSE(no_ca.has_value());
    STRCMP_EQUAL("status.error.not_configured", std::string(no_ca.error().message_key).c_str());
}

TEST_GROUP(GatewayClientTls)
{
    static kiosk::test::TestPki const& pki() { return PKI; }
    kiosk::test::TempDir dir;
    std::unique_ptr<GatewayProcess> gateway;

    void start(std::filesystem::path const& cert, std::filesystem::path const& key)
    {
        gateway = std::make_unique<GatewayProcess>(std::vector<std::string> { "--listen", "127.0.0.1:0", "--db",
            (dir.path() / "gateway.db").string(), "--demo", "--today", TODAY, "--tls-cert", cert.string(), "--tls-key",
            key.string(), "--client-ca", pki().ca.string() });
    }

    [[nodiscard]] ClientOptions tls_options(std::filesystem::path const& ca) const
    {
        auto options = options_for(gateway->url());
        options.ca_file = ca;
        options.client_certificate = pki().client_cert;
        options.client_key = pki().client_key;
        return options;
    }
};

TEST(GatewayClientTls, pinned_ca_and_client_certificate)
{
    start(pki().server_cert, pki().server_key);
    STRCMP_CONTAINS("https://127.0.0.1:", gateway->url().c_str());
    auto client = client_for(tls_options(pki().ca));
    auto dossier = client->dossier(demo_code(4));
    if (!dossier)
        FAIL(dossier.error().reason.c_str());
    CHECK_TRUE(dossier->state == DossierState::result_ready);
    kiosk::status::HeartbeatReport report;
    report.version = "0.1.0";
    report.slot = "a";
    CHECK_TRUE(client->heartbeat(report).has_value());
    LONGS_EQUAL(0, gateway->stop());
    // The gateway knows the kiosk by its certificate's CN, not by anything it claims.
    auto store = KIOSK_MUST(kiosk::gateway::SqliteDossierStore::open(dir.path() / "gateway.db"));
    CHECK_TRUE(KIOSK_MUST(store->last_heartbeat("kiosk-test-01", "kiosk")).has_value());
}

TEST(GatewayClientTls, server_certificate_from_another_ca_is_refused)
{
    start(pki().rogue_server_cert, pki().rogue_server_key);
    auto client = client_for(tls_options(pki().ca));
    auto failure = failure_of(client->dossier(demo_code(1)));
    CHECK_TRUE(failure.code == Errc::refused);
    STRCMP_EQUAL("status.error.security", std::string(failure.message_key).c_str());
}

TEST(GatewayClientTls, client_certificate_from_another_ca_is_refused)
{
    start(pki().server_cert, pki().server_key);
    auto options = tls_options(pki().ca);
    options.client_certificate = pki().rogue_client_cert;
    options.client_key = pki().rogue_client_key;
    auto client = client_for(options);
    auto failure = failure_of(client->dossier(demo_code(1)));
    CHECK_TRUE(failure.code == Errc::refused);
    STRCMP_EQUAL("status.error.security", std::string(failure.message_key).c_str());
    LONGS_EQUAL(401, failure.http_status);
    STRCMP_EQUAL("client_certificate_refused", failure.server_code.c_str());
}

TEST(GatewayClientTls, no_client_certificate_is_refused)
{
    start(pki().server_cert, pki().server_key);
    auto options = tls_options(pki().ca);
    options.client_certificate.clear();
    options.client_key.clear();
    auto client = client_for(options);
    auto failure = failure_of(client->dossier(demo_code(1)));
    CHECK_TRUE(failure.code == Errc::refused);
    LONGS_EQUAL(401, failure.http_status);
}

TEST(GatewayClientTls, plain_http_to_a_tls_gateway_fails_cleanly)
{
    start(pki().server_cert, pki().server_key);
    auto options = options_for("http://127.0.0.1:" + std::to_string(gateway->port()));
    auto client = client_for(options);
    auto failure = failure_of(client->dossier(demo_code(1)));
    CHECK_TRUE(failure.unreachable() || failure.code == Errc::malformed);
}

// Citizen lookups: the gateway verifies the chip evidence itself (passive authentication
// against its own CSCA store), with cards made by the chip emulator's card factory.
namespace {

kiosk::id::TestPki make_chip_pki() { return KIOSK_MUST(kiosk::id::TestPki::create()); }
kiosk::id::TestPki const CHIP_PKI = make_chip_pki();

kiosk::id::CardFiles card_of(char const* persona)
{
    auto const* found = kiosk::id::find_persona(persona);
    if (found == nullptr)
        FAIL("unknown persona");
    return KIOSK_MUST(kiosk::id::build_card_files(*found, CHIP_PKI));
}

} // namespace

TEST_GROUP(GatewayCitizen)
{
    kiosk::test::TempDir dir;
    std::unique_ptr<GatewayProcess> gateway;
    std::unique_ptr<GatewayClient> client;

    void setup() override
    {
        KIOSK_MUST(CHIP_PKI.write_trust_store(dir.path() / "csca"));
        gateway = std::make_unique<GatewayProcess>(std::vector<std::string> { "--listen", "127.0.0.1:0", "--db",
            (dir.path() / "gateway.db").string(), "--demo", "--today", TODAY, "--csca",
            (dir.path() / "csca").string() });
        client = client_for(options_for(gateway->url()));
    }

    kiosk::status::GatewayFailure refusal(kiosk::id::CardFiles const& card) const
    {
        auto result = client->citizen_dossiers(card.sod, card.dg13);
        if (result.has_value())
            FAIL("expected the evidence to be refused");
        return std::move(result).error();
    }
};

TEST(GatewayCitizen, genuine_chip_lists_the_citizens_dossiers)
{
    auto card = card_of("hoa");
    auto dossiers = client->citizen_dossiers(card.sod, card.dg13);
    if (!dossiers)
        FAIL(dossiers.error().reason.c_str());
    LONGS_EQUAL(3, static_cast<long>(dossiers->size()));
    for (auto const& dossier : *dossiers)
        STRCMP_CONTAINS("H40.50-CD01-", dossier.code.c_str());
}

TEST(GatewayCitizen, tampered_data_group_is_refused)
{
    auto failure = refusal(card_of("tampered"));
    CHECK_TRUE(failure.code == Errc::refused);
    STRCMP_EQUAL("status.error.chip_refused", std::string(failure.message_key).c_str());
    STRCMP_EQUAL("chip_evidence_invalid", failure.server_code.c_str());
    LONGS_EQUAL(403, failure.http_status);
}

TEST(GatewayCitizen, dg13_altered_by_the_kiosk_is_refused)
{
    // Evidence edited after the read (another citizen's ID number, same length) fails the hash.
    auto card = card_of("hoa");
    auto at = std::search(card.dg13.begin(), card.dg13.end(), card.id_number.begin(), card.id_number.end());
    CHECK_TRUE(at != card.dg13.end());
    std::string other = "001045001234";
    std::copy(other.begin(), other.end(), at);
    CHECK_TRUE(refusal(card).code == Errc::refused);
}

TEST(GatewayCitizen, bad_signature_and_untrusted_csca_are_refused)
{
    CHECK_TRUE(refusal(card_of("bad-signature")).code == Errc::refused);
    CHECK_TRUE(refusal(card_of("untrusted")).code == Errc::refused);
}

TEST(GatewayCitizen, garbage_evidence_is_refused)
{
    std::vector<std::uint8_t> junk { 0x01, 0x02, 0x03 };
    CHECK_TRUE(client->citizen_dossiers(junk, junk).error().code == Errc::refused);
    CHECK_TRUE(client->citizen_dossiers({}, {}).error().code == Errc::invalid_argument);
}
