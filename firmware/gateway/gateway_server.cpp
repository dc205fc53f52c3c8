// SPDX-License-Identifier: MIT
// The one file that includes cpp-httplib. httplib may throw from inside its own code; the
// server's exception handler turns that into a 500 answer and nothing escapes.
#include "gateway/gateway_server.hpp"

#include <status/base64.hpp>
#include <status/dossier_json.hpp>

#include <log/log.hpp>

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <sys/socket.h>

#include <array>
#include <memory>
#include <fstream>
#include <sstream>

namespace kiosk::gateway {

namespace {

using nlohmann::json;

constexpr std::size_t MAX_BODY_BYTES = std::size_t { 256 } * 1024;
constexpr std::uintmax_t MAX_CATALOG_BYTES = std::uintmax_t { 256 } * 1024 * 1024;
constexpr std::size_t MAX_FIELD = 200;
/// Pending connections the listening socket queues (a fleet of kiosks reconnecting at once).
constexpr int LISTEN_BACKLOG = 1024;

std::string dump(json const& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

void send_json(httplib::Response& res, int status, json const& body)
{
    res.status = status;
    res.set_content(dump(body), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, std::string_view code, std::string_view message)
{
    send_json(res, status, json { { "ok", false }, { "error", { { "code", code }, { "message", message } } } });
}

/// The subject CN of the client certificate, or empty.
std::string peer_common_name(SSL const* ssl)
{
    if (ssl == nullptr)
        return {};
    X509* certificate = SSL_get1_peer_certificate(ssl);
    if (certificate == nullptr)
        return {};
    std::array<char, 256> name {};
    int length = X509_NAME_get_text_by_NID(X509_get_subject_name(certificate), NID_commonName, name.data(),
        static_cast<int>(name.size()));
    X509_free(certificate);
    return length > 0 ? std::string(name.data(), static_cast<std::size_t>(length)) : std::string();
}

/// Whether the peer sent a certificate that verified against the client CA.
bool client_verified(SSL const* ssl)
{
    if (ssl == nullptr)
        return false;
    X509* certificate = SSL_get1_peer_certificate(ssl);
    if (certificate == nullptr)
        return false;
    X509_free(certificate);
    return SSL_get_verify_result(ssl) == X509_V_OK;
}

std::string sha256_hex(std::string const& bytes)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest {};
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr);
    std::string hex;
    constexpr std::string_view DIGITS = "0123456789abcdef";
    for (unsigned int i = 0; i < length; ++i) {
        hex += DIGITS[digest.at(i) >> 4];
        hex += DIGITS[digest.at(i) & 0xF];
    }
    return hex;
}

std::string short_text(json const& body, char const* key)
{
    auto it = body.find(key);
    if (it == body.end() || !it->is_string())
        return {};
    auto const& text = it->get_ref<std::string const&>();
    return text.size() > MAX_FIELD ? text.substr(0, MAX_FIELD) : text;
}

} // namespace

struct GatewayServer::Impl {
    ServerOptions options;
    DossierStore& store;
    ChipVerifier const& verifier;
    std::unique_ptr<httplib::Server> server;
    RateLimiter limiter;
    std::string catalog;
    std::string catalog_etag;
    int port = 0;

    Impl(ServerOptions opts, DossierStore& dossier_store, ChipVerifier const& chip_verifier)
        : options(std::move(opts))
        , store(dossier_store)
        , verifier(chip_verifier)
        , limiter(options.rate_limit)
    {
    }

    [[nodiscard]] status::Date today() const
    {
        return options.today ? options.today() : status::vietnam_day(std::chrono::system_clock::now());
    }

    /// Who is asking: the client certificate's CN with TLS; else the X-Kiosk-Id header or
    /// the peer address (plain HTTP runs on loopback only, for tests and a kiosk's own gateway).
    [[nodiscard]] std::string kiosk_of(httplib::Request const& req) const
    {
        if (options.tls) {
            auto name = peer_common_name(req.ssl);
            return name.empty() ? std::string("unknown") : name;
        }
        auto header = req.get_header_value("X-Kiosk-Id");
        if (!header.empty() && header.size() <= 64)
            return header;
        return req.remote_addr;
    }

    void routes()
    {
        auto& svr = *server;
        svr.new_task_queue = [threads = options.threads] {
            return new httplib::ThreadPool(static_cast<std::size_t>(threads)); // NOLINT: httplib owns it
        };
        svr.set_payload_max_length(MAX_BODY_BYTES);
        // httplib writes the head and the body separately: without TCP_NODELAY, Nagle and the
        // peer's delayed ACK add 40 ms to every answer.
        svr.set_tcp_nodelay(true);
        svr.set_read_timeout(10, 0);
        svr.set_write_timeout(10, 0);
        // Kiosks ask now and then; an idle connection is closed after a second, which also keeps
        // shutdown quick (httplib lets an idle keep-alive connection run out before stopping).
        svr.set_keep_alive_timeout(1);
        svr.set_exception_handler([](httplib::Request const&, httplib::Response& res, std::exception_ptr const&) {
            spdlog::error("request failed with an exception");
            send_error(res, 500, "internal", "the gateway failed while answering");
        });
        svr.set_pre_routing_handler([this](httplib::Request const& req, httplib::Response& res) {
            if (options.tls && !client_verified(req.ssl)) {
                send_error(res, 401, "client_certificate_refused",
                    "this kiosk's client certificate is missing or not signed by the center's kiosk CA");
                spdlog::warn("request without a valid client certificate refused");
                return httplib::Server::HandlerResponse::Handled;
            }
            auto wait = limiter.take(kiosk_of(req), std::chrono::steady_clock::now());
            if (wait.count() == 0)
                return httplib::Server::HandlerResponse::Unhandled;
            res.set_header("Retry-After", std::to_string(wait.count()));
            send_error(res, 429, "busy", "too many requests from this kiosk; retry later");
            spdlog::warn("rate limit: kiosk {} refused for {} s", kiosk_of(req), wait.count());
            return httplib::Server::HandlerResponse::Handled;
        });
        svr.set_error_handler([](httplib::Request const&, httplib::Response& res) {
            if (res.body.empty()) {
                if (res.status == 404)
                    send_error(res, 404, "not_found", "no such endpoint");
                else if (res.status == 413)
                    send_error(res, 413, "invalid_argument", "request body too large");
            }
        });

        svr.Get("/v1/health", [this](httplib::Request const&, httplib::Response& res) {
            auto count = store.count();
            if (!count) {
                send_error(res, 503, "io", "the dossier store is not answering");
                return;
            }
            send_json(res, 200, json { { "ok", true }, { "version", options.version }, { "dossiers", *count } });
        });

        svr.Get(R"(/v1/dossiers/([^/]+))", [this](httplib::Request const& req, httplib::Response& res) {
            auto const& code = req.matches[1].str();
            if (!status::is_valid_code(code)) {
                send_error(res, 400, "invalid_argument", "not a dossier code");
                return;
            }
            auto found = store.find(code);
            if (!found) {
                spdlog::error("dossier lookup: {}", found.error().message());
                send_error(res, 500, "io", "the dossier store failed");
                return;
            }
            if (!*found) {
                send_error(res, 404, "not_found", "no dossier with this code");
                return;
            }
            send_json(res, 200, json { { "ok", true }, { "dossier", status::dossier_to_json(**found, today()) } });
        });

        svr.Post("/v1/citizen/dossiers", [this](httplib::Request const& req, httplib::Response& res) {
            auto body = json::parse(req.body, nullptr, false);
            if (body.is_discarded() || !body.is_object()) {
                send_error(res, 400, "invalid_argument", "expected a JSON object with sod and dg13");
                return;
            }
            auto sod = status::base64_decode(short_or_all(body, "sod"));
            auto dg13 = status::base64_decode(short_or_all(body, "dg13"));
            if (!sod || !dg13 || sod->empty() || dg13->empty()) {
                send_error(res, 400, "invalid_argument", "sod and dg13 must be base64 of the bytes read from the chip");
                return;
            }
            auto citizen = verifier.verify(*sod, *dg13);
            if (!citizen) {
                auto const& refusal = citizen.error();
                spdlog::warn("citizen lookup refused: {}: {}", refusal.code, refusal.reason);
                bool unavailable = refusal.code == "chip_verification_unavailable";
                send_error(res, unavailable ? 503 : 403, refusal.code,
                    unavailable ? "chip verification unavailable on this gateway" : "chip evidence refused");
                return;
            }
            auto owned = store.owned_by(citizen->id_number);
            if (!owned) {
                send_error(res, 500, "io", "the dossier store failed");
                return;
            }
            json list = json::array();
            for (auto const& dossier : *owned)
                list.push_back(status::dossier_to_json(dossier, today()));
            send_json(res, 200, json { { "ok", true }, { "dossiers", list } });
        });

        svr.Get("/v1/catalog", [this](httplib::Request const& req, httplib::Response& res) {
            if (catalog_etag.empty()) {
                send_error(res, 404, "not_found", "this gateway serves no catalog package");
                return;
            }
            res.set_header("ETag", "\"" + catalog_etag + "\"");
            if (req.get_header_value("If-None-Match") == "\"" + catalog_etag + "\"") {
                res.status = 304;
                return;
            }
            res.status = 200;
            res.set_content(catalog, "application/octet-stream");
        });

        svr.Post("/v1/kiosks/heartbeat", [this](httplib::Request const& req, httplib::Response& res) {
            auto body = json::parse(req.body, nullptr, false);
            if (body.is_discarded() || !body.is_object()) {
                send_error(res, 400, "invalid_argument", "expected a JSON object");
                return;
            }
            Heartbeat heartbeat;
            heartbeat.kiosk_id = kiosk_of(req);
            heartbeat.source = short_text(body, "source");
            if (heartbeat.source.empty())
                heartbeat.source = "kiosk";
            heartbeat.version = short_text(body, "version");
            heartbeat.slot = short_text(body, "slot");
            heartbeat.last_result = short_text(body, "last_result");
            heartbeat.last_check = short_text(body, "last_check");
            auto devices = body.find("devices");
            if (heartbeat.source != "kiosk" && heartbeat.source != "updater") {
                send_error(res, 400, "invalid_argument", "source must be \"kiosk\" or \"updater\"");
                return;
            }
            if (heartbeat.version.empty() || (heartbeat.slot != "a" && heartbeat.slot != "b")) {
                send_error(res, 400, "invalid_argument", "expected version and slot (\"a\" or \"b\")");
                return;
            }
            if (devices != body.end() && !devices->is_array()) {
                send_error(res, 400, "invalid_argument", "devices must be an array");
                return;
            }
            heartbeat.devices_json = devices == body.end() ? "[]" : dump(*devices);
            heartbeat.received_at = std::chrono::system_clock::now();
            if (auto stored = store.record_heartbeat(heartbeat); !stored) {
                send_error(res, 500, "io", "the store failed");
                return;
            }
            send_json(res, 200,
                json { { "ok", true }, { "kiosk", heartbeat.kiosk_id },
                    { "server_time", std::chrono::duration_cast<std::chrono::seconds>(
                                         heartbeat.received_at.time_since_epoch())
                                         .count() } });
        });
    }

    static std::string short_or_all(json const& body, char const* key)
    {
        auto it = body.find(key);
        return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    }
};

bool is_loopback_host(std::string_view host) noexcept
{
    return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

GatewayServer::GatewayServer(std::unique_ptr<Impl> impl) noexcept
    : m_impl(std::move(impl))
{
}

GatewayServer::~GatewayServer() = default;

Result<std::unique_ptr<GatewayServer>> GatewayServer::create(
    ServerOptions options, DossierStore& store, ChipVerifier const& verifier)
{
    if (!options.tls && !is_loopback_host(options.host))
        return fail(Errc::invalid_argument, "plain HTTP is allowed on loopback only: give --tls-cert, --tls-key and --client-ca");
    auto impl = std::make_unique<Impl>(std::move(options), store, verifier);
    auto const& opts = impl->options;
    if (!opts.catalog_package.empty()) {
        std::error_code error;
        auto size = std::filesystem::file_size(opts.catalog_package, error);
        if (error || size > MAX_CATALOG_BYTES)
            return fail(Errc::invalid_argument, "cannot read the catalog package (missing, or larger than 256 MiB)");
        std::ifstream in(opts.catalog_package, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        impl->catalog = bytes.str();
        impl->catalog_etag = sha256_hex(impl->catalog);
    }
    if (opts.tls) {
        auto const& tls = *opts.tls;
        for (auto const* file : { &tls.certificate, &tls.key, &tls.client_ca }) {
            std::error_code error;
            if (!std::filesystem::is_regular_file(*file, error))
                return fail(Errc::invalid_argument, "a TLS file (certificate, key or client CA) is missing");
        }
        impl->server = std::make_unique<httplib::SSLServer>([&tls](SSL_CTX& context) {
            if (SSL_CTX_use_certificate_chain_file(&context, tls.certificate.c_str()) != 1
                || SSL_CTX_use_PrivateKey_file(&context, tls.key.c_str(), SSL_FILETYPE_PEM) != 1
                || SSL_CTX_check_private_key(&context) != 1
                || SSL_CTX_load_verify_locations(&context, tls.client_ca.c_str(), nullptr) != 1)
                return false;
            if (auto* names = SSL_load_client_CA_file(tls.client_ca.c_str()))
                SSL_CTX_set_client_CA_list(&context, names);
            SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION);
            // Ask for the kiosk's certificate but finish the handshake whatever it sends: the
            // pre-routing handler then refuses a missing or unverified certificate with a 401
            // the kiosk can report clearly, instead of a TLS alert that races the request.
            SSL_CTX_set_verify(&context, SSL_VERIFY_PEER, [](int, X509_STORE_CTX*) { return 1; });
            return true;
        });
    } else {
        impl->server = std::make_unique<httplib::Server>();
    }
    if (!impl->server->is_valid())
        return fail(Errc::invalid_argument, "the TLS certificate, key or client CA does not load");
    impl->routes();
    // cpp-httplib listens with a backlog of 5 (compiled into Debian's library): 64 kiosks
    // connecting at once overflowed it, and the refused SYNs came back 1 s later (a p99 of
    // 0.6-1.3 s at 64 connections). The listening socket is remembered here and its backlog
    // raised after the bind (listen() again on a listening socket sets the new backlog).
    auto listening = std::make_shared<socket_t>(INVALID_SOCKET);
    impl->server->set_socket_options([listening](socket_t sock) {
        httplib::default_socket_options(sock);
        *listening = sock;
    });
    std::string host = opts.host == "[::1]" ? "::1" : opts.host;
    if (opts.port == 0) {
        impl->port = impl->server->bind_to_any_port(host);
        if (impl->port <= 0)
            return fail(Errc::io, "cannot bind the listening address");
    } else {
        if (!impl->server->bind_to_port(host, opts.port))
            return fail(Errc::io, "cannot bind the listening address (in use, or not ours)");
        impl->port = opts.port;
    }
    if (*listening != INVALID_SOCKET && ::listen(*listening, LISTEN_BACKLOG) != 0)
        spdlog::warn("gateway: cannot raise the listen backlog to {}", LISTEN_BACKLOG);
    return std::unique_ptr<GatewayServer>(new GatewayServer(std::move(impl)));
}

int GatewayServer::port() const noexcept { return m_impl->port; }

std::string GatewayServer::url() const
{
    std::string host = m_impl->options.host;
    if (host == "::1")
        host = "[::1]";
    return std::string(m_impl->options.tls ? "https://" : "http://") + host + ":" + std::to_string(m_impl->port);
}

Result<void> GatewayServer::run()
{
    if (!m_impl->server->listen_after_bind())
        return fail(Errc::io, "the server stopped listening");
    return {};
}

void GatewayServer::stop() { m_impl->server->stop(); }

} // namespace kiosk::gateway
