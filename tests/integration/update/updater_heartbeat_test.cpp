// SPDX-License-Identifier: MIT
// kiosk-updater reports to the gateway: the real program installs an update served by nginx
// on 127.0.0.1 into directory slots and sends its heartbeat (version, slot, last result) to a
// real kiosk-gateway (plain on loopback, and over TLS with the kiosk's client certificate); the
// heartbeat is read back from the gateway's SQLite file. A gateway that cannot be reached
// never stops an update.
#include "gateway_process.hpp"
#include "test_pki.hpp"

#include <catalog/catalog_package.hpp>
#include <gateway/sqlite_dossier_store.hpp>
#include <update/file_hash.hpp>
#include <update/repository_writer.hpp>

#include <signing/signing_key.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/nginx_server.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <CppUTest/TestHarness.h>

using kiosk::signing::SigningKey;
using kiosk::test::GatewayProcess;
using kiosk::test::ProcessResult;
using kiosk::update::RoleName;
using kiosk::update::TargetInfo;
using nlohmann::json;
namespace repository = kiosk::update::repository;
using namespace std::chrono_literals;

namespace {

// Made before CppUTest counts allocations per test.
kiosk::test::TempDir const PKI_DIR;
kiosk::test::TestPki const PKI = kiosk::test::make_test_pki(PKI_DIR.path());

json parse_json(ProcessResult const& result)
{
    auto value = json::parse(result.out, nullptr, false);
    if (value.is_discarded() || !value.is_object())
        FAIL(("stdout is not one JSON object: " + result.out + " / stderr: " + result.err).c_str());
    return value;
}

/// A loopback port nothing listens on: bound, learnt, closed.
int closed_port()
{
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        FAIL("cannot bind a loopback socket");
    ::close(fd);
    return ntohs(address.sin_port);
}

} // namespace

TEST_GROUP(UpdaterHeartbeat)
{
    kiosk::test::TempDir m_dir;
    SigningKey m_key = *SigningKey::generate();
    std::unique_ptr<kiosk::test::NginxServer> m_server;
    std::unique_ptr<GatewayProcess> m_gateway;
    std::string m_image = std::string(std::size_t { 64 } * 1024, 'h') + "kiosk 1.6.0";
    std::chrono::sys_seconds m_now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());

    void setup() override
    {
        kiosk::update::RootSpec spec;
        spec.expires = m_now + 365 * 24h;
        for (auto role : { RoleName::root, RoleName::timestamp, RoleName::snapshot, RoleName::targets })
            spec.keys[role] = { *m_key.verify_key() };
        m_dir.write("kiosk/root.json", *repository::root(spec, { &m_key }));
        m_dir.write("www/targets/sim/kiosk-1.6.0.img", m_image);
        publish(m_key);
        m_server = std::make_unique<kiosk::test::NginxServer>(m_dir.path() / "www");
        m_dir.write("kiosk/board.toml",
            "[board]\nname = \"bench-sim\"\n[display]\nwidth = 800\nheight = 480\ndpi = 96\n"
            "[boot_control]\nconnection = \"dir:slots\"\n");
        m_dir.write("kiosk/health.json", R"({"ok": true, "ui": "up", "devices": []})");
    }

    /// Signed metadata naming the 1.6.0 image; the targets role signed by @p targets_key.
    void publish(SigningKey const& targets_key) const
    {
        TargetInfo target;
        target.name = "sim/kiosk-1.6.0.img";
        target.length = m_image.size();
        target.sha256 = kiosk::update::sha256_hex(m_image);
        target.version = "1.6.0";
        target.board = "bench-sim";
        auto targets = *repository::targets(1, m_now + 30 * 24h, { target }, { &targets_key });
        auto snapshot = *repository::snapshot(1, m_now + 30 * 24h, 1, targets, { &m_key });
        m_dir.write("www/metadata/targets.json", targets);
        m_dir.write("www/metadata/snapshot.json", snapshot);
        m_dir.write("www/metadata/timestamp.json", *repository::timestamp(1, m_now + 24h, 1, snapshot, { &m_key }));
    }

    void configure(std::string const& gateway_lines, int health_deadline_s = 600) const
    {
        m_dir.write("kiosk/updater.toml",
            "[updater]\nrepository_url = \"" + m_server->url()
                + "\"\ninitial_root = \"root.json\"\nstate_dir = \"state\"\nboard_file = \"board.toml\"\n"
                  "kiosk_id = \"kiosk-bench-01\"\nhealth_report = \"health.json\"\nstall_timeout_s = 5\n"
                  "health_deadline_s = "
                + std::to_string(health_deadline_s) + "\n" + gateway_lines);
    }

    void start_gateway(std::vector<std::string> extra = {})
    {
        std::vector<std::string> args { "--listen", "127.0.0.1:0", "--db", (m_dir.path() / "gateway.db").string() };
        args.insert(args.end(), extra.begin(), extra.end());
        m_gateway = std::make_unique<GatewayProcess>(args);
    }

    ProcessResult updater(std::vector<std::string> args) const
    {
        args.insert(args.begin(), { kiosk::test::program_path("kiosk-updater"), "--config",
                                      (m_dir.path() / "kiosk" / "updater.toml").string(), "--json" });
        return kiosk::test::run_process(args);
    }

    /// The gateway's stored heartbeat of @p kiosk from the updater, read from its SQLite file.
    [[nodiscard]] std::optional<kiosk::gateway::Heartbeat> stored(std::string const& kiosk) const
    {
        auto store = KIOSK_MUST(kiosk::gateway::SqliteDossierStore::open(m_dir.path() / "gateway.db"));
        return KIOSK_MUST(store->last_heartbeat(kiosk, "updater"));
    }
};

TEST(UpdaterHeartbeat, every_run_cycle_reports_version_slot_and_last_result)
{
    start_gateway();
    configure("gateway_url = \"" + m_gateway->url() + "\"\n");

    auto installed = updater({ "run", "--once" });
    LONGS_EQUAL_TEXT(0, installed.exit_code, installed.err.c_str());
    CHECK_TRUE(parse_json(installed)["heartbeat"]["sent"].get<bool>());
    auto beat = stored("kiosk-bench-01");
    CHECK_TRUE(beat.has_value());
    STRCMP_EQUAL("1.6.0", beat->version.c_str());
    STRCMP_EQUAL("b", beat->slot.c_str());
    STRCMP_EQUAL("on_trial 1.6.0", beat->last_result.c_str());
    STRCMP_EQUAL("update 1.6.0", beat->last_check.c_str());

    // The next cycle finds the kiosk healthy, marks the new version good and says so.
    auto gated = updater({ "run", "--once" });
    LONGS_EQUAL_TEXT(0, gated.exit_code, gated.err.c_str());
    beat = stored("kiosk-bench-01");
    STRCMP_EQUAL("1.6.0", beat->version.c_str());
    STRCMP_EQUAL("b", beat->slot.c_str());
    STRCMP_EQUAL("installed 1.6.0", beat->last_result.c_str());
    STRCMP_EQUAL("up_to_date", beat->last_check.c_str());
    CHECK_FALSE(stored("kiosk-other").has_value());
}

TEST(UpdaterHeartbeat, a_failed_health_check_reports_the_rollback)
{
    start_gateway();
    // No trial time: the first unhealthy verdict rolls back.
    configure("gateway_url = \"" + m_gateway->url() + "\"\n", 0);
    LONGS_EQUAL(0, updater({ "install" }).exit_code);
    m_dir.write("kiosk/health.json", R"({"ok": false, "ui": "up", "devices": [{"role": "printer", "result": "failed"}]})");
    auto gated = updater({ "run", "--once" });
    LONGS_EQUAL_TEXT(0, gated.exit_code, gated.err.c_str());
    auto beat = stored("kiosk-bench-01");
    CHECK_TRUE(beat.has_value());
    STRCMP_EQUAL("0.1.0", beat->version.c_str());
    STRCMP_EQUAL("a", beat->slot.c_str());
    STRCMP_CONTAINS("rolled_back: 1.6.0 failed its health check", beat->last_result.c_str());
    // The kiosk's device health, from its report, travels with the agent's heartbeat.
    auto const devices = nlohmann::json::parse(beat->devices_json);
    STRCMP_EQUAL("printer", devices.at(0).value("role", "").c_str());
    STRCMP_EQUAL("fault", devices.at(0).value("health", "").c_str());
    // The same cycle polled again and did not take the version that just failed.
    STRCMP_CONTAINS("skipped 1.6.0", beat->last_check.c_str());
}

TEST(UpdaterHeartbeat, an_untrusted_repository_is_reported_as_refused)
{
    start_gateway();
    configure("gateway_url = \"" + m_gateway->url() + "\"\n");
    auto const rogue = *SigningKey::generate();
    publish(rogue); // targets signed by a key the root does not list
    auto refused = updater({ "run", "--once" });
    LONGS_EQUAL_TEXT(0, refused.exit_code, refused.err.c_str()); // the service loop goes on
    auto beat = stored("kiosk-bench-01");
    CHECK_TRUE(beat.has_value());
    STRCMP_EQUAL("0.1.0", beat->version.c_str());
    STRCMP_EQUAL("a", beat->slot.c_str());
    STRCMP_CONTAINS("refused: ", beat->last_result.c_str());
    STRCMP_CONTAINS("failed: ", beat->last_check.c_str());
}

TEST(UpdaterHeartbeat, over_tls_the_gateway_knows_the_kiosk_by_its_certificate)
{
    start_gateway({ "--tls-cert", PKI.server_cert.string(), "--tls-key", PKI.server_key.string(), "--client-ca",
        PKI.ca.string() });
    configure("gateway_url = \"" + m_gateway->url() + "\"\ngateway_ca_file = \"" + PKI.ca.string()
        + "\"\ngateway_client_cert = \"" + PKI.client_cert.string() + "\"\ngateway_client_key = \""
        + PKI.client_key.string() + "\"\n");
    auto status = updater({ "status", "--report" });
    LONGS_EQUAL_TEXT(0, status.exit_code, status.err.c_str());
    auto body = parse_json(status);
    CHECK_TEXT(body["heartbeat"]["sent"].get<bool>(), body.dump().c_str());
    auto beat = stored("kiosk-test-01"); // the certificate's CN, not the config's kiosk_id
    CHECK_TRUE(beat.has_value());
    STRCMP_EQUAL("0.1.0", beat->version.c_str());
    STRCMP_EQUAL("a", beat->slot.c_str());
}

TEST(UpdaterHeartbeat, a_gateway_that_cannot_be_reached_does_not_stop_the_update)
{
    configure("gateway_url = \"http://127.0.0.1:" + std::to_string(closed_port()) + "\"\n");
    auto installed = updater({ "run", "--once" });
    LONGS_EQUAL_TEXT(0, installed.exit_code, installed.err.c_str());
    auto body = parse_json(installed);
    CHECK_FALSE(body["heartbeat"]["sent"].get<bool>());
    STRCMP_CONTAINS("gateway: ", body["heartbeat"]["detail"].get<std::string>().c_str());
    STRCMP_EQUAL("b", body["status"]["booted_slot"].get<std::string>().c_str());
    STRCMP_EQUAL("on_trial 1.6.0", body["status"]["last_result"].get<std::string>().c_str());
}

TEST(UpdaterHeartbeat, gateway_settings_that_cannot_work_are_named)
{
    configure("gateway_url = \"https://gateway.example.vn\"\n");
    auto no_ca = updater({ "status" });
    LONGS_EQUAL(2, no_ca.exit_code);
    STRCMP_CONTAINS("updater.gateway_ca_file: missing", parse_json(no_ca)["error"]["message"].get<std::string>().c_str());

    configure("gateway_url = \"http://gateway.example.vn\"\n");
    auto plain = updater({ "status" });
    LONGS_EQUAL(2, plain.exit_code);
    STRCMP_CONTAINS("updater.toml:10: updater.gateway_url: expected an https:// URL",
        parse_json(plain)["error"]["message"].get<std::string>().c_str());

    configure("gateway_url = \"http://127.0.0.1:9\"\ngateway_client_cert = \"kiosk.pem\"\n");
    auto half = updater({ "status" });
    LONGS_EQUAL(2, half.exit_code);
    STRCMP_CONTAINS("go together", parse_json(half)["error"]["message"].get<std::string>().c_str());
}

namespace {
std::string sample_catalog_json()
{
    std::ifstream in(std::filesystem::path(KIOSK_SOURCE_DIR) / "firmware/catalog/data/sample_catalog.json");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}
} // namespace

TEST(UpdaterHeartbeat, the_catalog_follows_the_gateway_only_with_a_trusted_signature)
{
    // The publisher signs the sample catalog; the gateway serves the package; the kiosk trusts
    // the publisher's key (catalog-keys/ beside its catalog file).
    auto const publisher = KIOSK_MUST(SigningKey::generate());
    m_dir.write("www/catalog.pkg", *kiosk::catalog::make_catalog_package(sample_catalog_json(), publisher));
    m_dir.write("kiosk/catalog-keys/publisher.pub", *publisher.verify_key()->to_pem());
    start_gateway({ "--catalog", (m_dir.path() / "www" / "catalog.pkg").string() });
    configure("gateway_url = \"" + m_gateway->url() + "\"\ncatalog_db = \"catalog.sqlite\"\n");

    auto first = updater({ "run", "--once" });
    LONGS_EQUAL_TEXT(0, first.exit_code, first.err.c_str());
    auto const outcome = parse_json(first)["catalog"];
    CHECK_TRUE(outcome["changed"].get<bool>());
    STRCMP_CONTAINS("installed", outcome["detail"].get<std::string>().c_str());
    auto store = KIOSK_MUST(kiosk::catalog::CatalogStore::open(m_dir.path() / "kiosk" / "catalog.sqlite"));
    auto found = store->find("1.001193");
    CHECK_TRUE(found && found->has_value());
    // The next cycle asks with the package's ETag: nothing to do.
    auto second = updater({ "run", "--once" });
    STRCMP_EQUAL("current", parse_json(second)["catalog"]["detail"].get<std::string>().c_str());
}

TEST(UpdaterHeartbeat, a_catalog_signed_by_a_stranger_leaves_the_kiosks_catalog_alone)
{
    auto const publisher = KIOSK_MUST(SigningKey::generate());
    auto const stranger = KIOSK_MUST(SigningKey::generate());
    m_dir.write("www/catalog.pkg", *kiosk::catalog::make_catalog_package(sample_catalog_json(), stranger));
    m_dir.write("kiosk/catalog-keys/publisher.pub", *publisher.verify_key()->to_pem());
    start_gateway({ "--catalog", (m_dir.path() / "www" / "catalog.pkg").string() });
    configure("gateway_url = \"" + m_gateway->url() + "\"\ncatalog_db = \"catalog.sqlite\"\n");
    auto run = updater({ "run", "--once" });
    LONGS_EQUAL_TEXT(0, run.exit_code, run.err.c_str());
    auto const outcome = parse_json(run)["catalog"];
    CHECK_FALSE(outcome["changed"].get<bool>());
    STRCMP_CONTAINS("refused", outcome["detail"].get<std::string>().c_str());
    CHECK_FALSE(std::filesystem::exists(m_dir.path() / "kiosk" / "catalog.sqlite"));
    // The firmware update went on regardless.
    CHECK_TRUE(parse_json(run)["heartbeat"]["sent"].get<bool>());
}

TEST(UpdaterHeartbeat, no_publisher_key_or_no_package_leaves_the_catalog_alone)
{
    // A gateway that serves no catalog package: the check says why, nothing is written.
    start_gateway();
    configure("gateway_url = \"" + m_gateway->url() + "\"\ncatalog_db = \"catalog.sqlite\"\n");
    m_dir.write("kiosk/catalog-keys/publisher.pub", *KIOSK_MUST(SigningKey::generate()).verify_key()->to_pem());
    auto run = updater({ "run", "--once" });
    LONGS_EQUAL_TEXT(0, run.exit_code, run.err.c_str());
    auto outcome = parse_json(run)["catalog"];
    CHECK_FALSE(outcome["changed"].get<bool>());
    STRCMP_CONTAINS("gateway:", outcome["detail"].get<std::string>().c_str());
    CHECK_FALSE(std::filesystem::exists(m_dir.path() / "kiosk" / "catalog.sqlite"));

    // No publisher key at all: every package would be refused, so none is fetched.
    std::filesystem::remove_all(m_dir.path() / "kiosk" / "catalog-keys");
    run = updater({ "run", "--once" });
    LONGS_EQUAL_TEXT(0, run.exit_code, run.err.c_str());
    outcome = parse_json(run)["catalog"];
    CHECK_FALSE(outcome["changed"].get<bool>());
    STRCMP_CONTAINS("refused: no publisher key", outcome["detail"].get<std::string>().c_str());
    CHECK_FALSE(std::filesystem::exists(m_dir.path() / "kiosk" / "catalog.sqlite"));
}

TEST(UpdaterHeartbeat, a_broken_health_report_still_lets_the_heartbeat_go_without_devices)
{
    start_gateway();
    configure("gateway_url = \"" + m_gateway->url() + "\"\n");
    m_dir.write("kiosk/health.json", "{ not json");
    auto status = updater({ "status", "--report" });
    LONGS_EQUAL_TEXT(0, status.exit_code, status.err.c_str());
    CHECK_TRUE(parse_json(status)["heartbeat"]["sent"].get<bool>());
    auto const beat = stored("kiosk-bench-01");
    CHECK_TRUE(beat.has_value());
    STRCMP_EQUAL("[]", beat->devices_json.c_str());
}
