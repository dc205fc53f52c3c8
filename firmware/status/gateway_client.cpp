// SPDX-License-Identifier: MIT
// The one file that includes libcurl.
#include "status/gateway_client.hpp"

#include "status/base64.hpp"
#include "status/dossier_json.hpp"

#include <log/log.hpp>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <mutex>
#include <random>
#include <thread>

namespace kiosk::status {

namespace {

using nlohmann::json;

constexpr std::size_t MAX_REPLY_BYTES = std::size_t { 4 } * 1024 * 1024;
constexpr std::size_t MAX_CATALOG_BYTES = std::size_t { 256 } * 1024 * 1024;
constexpr std::chrono::milliseconds MAX_BACKOFF { 2000 };
constexpr long MAX_RETRY_AFTER_S = 2;

namespace key {
constexpr std::string_view OFFLINE = "status.error.offline";
constexpr std::string_view TIMEOUT = "status.error.timeout";
constexpr std::string_view NOT_FOUND = "status.error.not_found";
constexpr std::string_view BUSY = "status.error.busy";
constexpr std::string_view SERVER = "status.error.server";
constexpr std::string_view SECURITY = "status.error.security";
constexpr std::string_view BAD_REPLY = "status.error.bad_reply";
constexpr std::string_view INVALID = "status.error.invalid_request";
constexpr std::string_view CHIP_UNAVAILABLE = "status.error.chip_verification_unavailable";
constexpr std::string_view CHIP_REFUSED = "status.error.chip_refused";
constexpr std::string_view CONFIG = "status.error.not_configured";
} // namespace key

GatewayFailure failure(Errc code, std::string_view message_key, std::string reason, int http_status = 0)
{
    return GatewayFailure { code, message_key, std::move(reason), http_status, {} };
}

struct Reply {
    long status = 0;
    std::string body;
    std::string etag;
    long retry_after_s = -1;
    double total_ms = 0;
};

struct Sink {
    std::string* body = nullptr;
    std::size_t limit = 0;
    bool overflow = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) noexcept
{
    auto* sink = static_cast<Sink*>(user);
    std::size_t bytes = size * count;
    if (sink->body->size() + bytes > sink->limit) {
        sink->overflow = true;
        return 0; // makes curl stop with CURLE_WRITE_ERROR
    }
    sink->body->append(data, bytes);
    return bytes;
}

std::size_t read_header(char* data, std::size_t size, std::size_t count, void* user) noexcept
{
    auto* reply = static_cast<Reply*>(user);
    std::string_view line(data, size * count);
    auto lower_starts = [&line](std::string_view prefix) {
        if (line.size() < prefix.size())
            return false;
        for (std::size_t i = 0; i < prefix.size(); ++i) {
            char c = line[i];
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
            if (c != prefix[i])
                return false;
        }
        return true;
    };
    auto value = [&line](std::size_t from) {
        auto text = line.substr(from);
        while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
            text.remove_prefix(1);
        while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' '))
            text.remove_suffix(1);
        return text;
    };
    if (lower_starts("etag:")) {
        reply->etag = std::string(value(5));
    } else if (lower_starts("retry-after:")) {
        auto text = value(12);
        long seconds = 0;
        bool digits = !text.empty() && text.size() < 7;
        for (char c : text) {
            digits = digits && c >= '0' && c <= '9';
            seconds = seconds * 10 + (c - '0');
        }
        reply->retry_after_s = digits ? seconds : -1;
    }
    return size * count;
}

/// Classifies a transfer that got no HTTP answer.
GatewayFailure transport_failure(CURLcode rc, char const* detail, std::string const& url)
{
    std::string reason = std::string(curl_easy_strerror(rc)) + " (" + url + ")";
    if (detail != nullptr && detail[0] != '\0')
        reason = std::string(detail) + " (" + url + ")";
    std::string_view text = detail ? detail : "";
    switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
        return failure(Errc::timeout, key::TIMEOUT, "no answer in time: " + reason);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_ENGINE_NOTFOUND:
        return failure(Errc::refused, key::SECURITY, "TLS: " + reason);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
        // A gateway that refuses our client certificate ends the handshake with an alert.
        if (text.find("alert") != std::string_view::npos || text.find("certificate") != std::string_view::npos)
            return failure(Errc::refused, key::SECURITY, "TLS: " + reason);
        return failure(Errc::disconnected, key::OFFLINE, "connection dropped: " + reason);
    case CURLE_WRITE_ERROR:
    case CURLE_TOO_MANY_REDIRECTS:
        return failure(Errc::malformed, key::BAD_REPLY, "reply refused: " + reason);
    default:
        return failure(Errc::disconnected, key::OFFLINE, "cannot reach the gateway: " + reason);
    }
}

/// Classifies an HTTP answer that is not a success; reads the error JSON if there is one.
GatewayFailure http_failure(Reply const& reply)
{
    std::string server_code;
    std::string message;
    auto body = json::parse(reply.body, nullptr, false);
    if (body.is_object()) {
        auto error = body.find("error");
        if (error != body.end() && error->is_object()) {
            if (auto code = error->find("code"); code != error->end() && code->is_string())
                server_code = code->get<std::string>();
            if (auto text = error->find("message"); text != error->end() && text->is_string())
                message = text->get<std::string>();
        }
    }
    std::string reason = "HTTP " + std::to_string(reply.status) + (message.empty() ? "" : ": " + message);
    GatewayFailure result;
    if (reply.status == 404)
        result = failure(Errc::not_found, key::NOT_FOUND, reason, 404);
    else if (reply.status == 429)
        result = failure(Errc::busy, key::BUSY, reason, 429);
    else if (server_code == "chip_verification_unavailable")
        result = failure(Errc::unsupported, key::CHIP_UNAVAILABLE, reason, static_cast<int>(reply.status));
    else if (reply.status == 403)
        result = failure(Errc::refused, key::CHIP_REFUSED, reason, 403);
    else if (reply.status >= 500)
        result = failure(Errc::io, key::SERVER, reason, static_cast<int>(reply.status));
    else if (reply.status == 401)
        result = failure(Errc::refused, key::SECURITY, reason, 401);
    else if (reply.status >= 400)
        result = failure(Errc::invalid_argument, key::INVALID, reason, static_cast<int>(reply.status));
    else
        result = failure(Errc::malformed, key::BAD_REPLY, "unexpected " + reason, static_cast<int>(reply.status));
    result.server_code = server_code;
    return result;
}

bool retryable(GatewayFailure const& failure) noexcept
{
    if (failure.http_status == 429 || failure.http_status == 500 || failure.http_status == 502
        || failure.http_status == 503 || failure.http_status == 504)
        return failure.code != Errc::unsupported;
    return failure.http_status == 0 && (failure.code == Errc::timeout || failure.code == Errc::disconnected);
}

/// The JSON object of a success reply, with "ok": true.
GatewayResult<json> parse_ok(Reply const& reply)
{
    auto body = json::parse(reply.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return Unexpected(failure(Errc::malformed, key::BAD_REPLY, "reply is not a JSON object", static_cast<int>(reply.status)));
    auto ok = body.find("ok");
    if (ok == body.end() || !ok->is_boolean() || !ok->get<bool>())
        return Unexpected(failure(Errc::malformed, key::BAD_REPLY, "reply lacks \"ok\": true", static_cast<int>(reply.status)));
    return body;
}

void global_init()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

bool GatewayFailure::unreachable() const noexcept
{
    switch (code) {
    case Errc::timeout:
    case Errc::disconnected:
    case Errc::busy:
    case Errc::io:
    case Errc::malformed:
        return true;
    case Errc::refused:
        return message_key == key::SECURITY;
    default:
        return false;
    }
}

struct GatewayClient::Impl {
    ClientOptions options;
    CURL* curl = nullptr;
    std::minstd_rand random { std::random_device {}() };
    std::array<char, CURL_ERROR_SIZE> error_text {};

    ~Impl()
    {
        if (curl != nullptr)
            curl_easy_cleanup(curl);
    }
    Impl() = default;
    Impl(Impl const&) = delete;
    Impl& operator=(Impl const&) = delete;
    Impl(Impl&&) = delete;
    Impl& operator=(Impl&&) = delete;

    enum class Method { get, post };
    enum class Retry { idempotent, once };

    GatewayResult<Reply> request(Method method, std::string const& path, std::string const& body, Retry retry,
        std::string const& if_none_match = {}, std::size_t limit = MAX_REPLY_BYTES)
    {
        int attempts = retry == Retry::idempotent ? std::max(options.attempts, 1) : 1;
        GatewayFailure last;
        for (int attempt = 0; attempt < attempts; ++attempt) {
            if (attempt > 0) {
                auto delay = backoff(attempt, last);
                spdlog::info("gateway: retry {} of {} in {} ms after: {}", attempt, attempts - 1, delay.count(),
                    last.reason);
                std::this_thread::sleep_for(delay);
            }
            auto reply = once(method, path, body, if_none_match, limit);
            if (reply) {
                if ((reply->status >= 200 && reply->status < 300) || reply->status == 304)
                    return reply;
                last = http_failure(*reply);
                if (reply->status == 429 && reply->retry_after_s > MAX_RETRY_AFTER_S)
                    break; // the gateway asks for a longer pause than a citizen should wait
            } else {
                last = std::move(reply).error();
            }
            if (!retryable(last))
                break;
        }
        spdlog::warn("gateway: {} {} failed: {}", method == Method::get ? "GET" : "POST", path_for_log(path), last.reason);
        return Unexpected(std::move(last));
    }

    /// Full jitter: a random delay up to base x 2^attempt (capped), or the server's Retry-After.
    std::chrono::milliseconds backoff(int attempt, GatewayFailure const& last)
    {
        (void)last;
        auto ceiling = std::min<std::int64_t>(options.backoff.count() << std::min(attempt, 10), MAX_BACKOFF.count());
        std::uniform_int_distribution<std::int64_t> pick(ceiling / 2, std::max<std::int64_t>(ceiling, 1));
        return std::chrono::milliseconds(pick(random));
    }

    static std::string path_for_log(std::string const& path)
    {
        // A dossier code is not a name or an ID number, but it leads to one citizen's affairs:
        // kiosk logs leave it out (the UI treats it as personal-ish). Citizen lookups carry
        // nothing in the path.
        constexpr std::string_view DOSSIERS = "/v1/dossiers/";
        if (path.starts_with(DOSSIERS))
            return std::string(DOSSIERS) + "[code]";
        return path;
    }

    GatewayResult<Reply> once(
        Method method, std::string const& path, std::string const& body, std::string const& if_none_match, std::size_t limit)
    {
        curl_easy_reset(curl);
        Reply reply;
        Sink sink { &reply.body, limit };
        std::string url = options.base_url + path;
        error_text[0] = '\0';
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text.data());
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply);
        curl_easy_setopt(curl, CURLOPT_USERAGENT, "kiosk-status/0.1");
        if (url.rfind("https://", 0) == 0) {
            // Pinned CA: this file is the only trust anchor; the system store is not read.
            curl_easy_setopt(curl, CURLOPT_CAINFO, options.ca_file.c_str());
            curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
            curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
            curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
            curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
            if (!options.client_certificate.empty()) {
                curl_easy_setopt(curl, CURLOPT_SSLCERT, options.client_certificate.c_str());
                curl_easy_setopt(curl, CURLOPT_SSLKEY, options.client_key.c_str());
            }
        }
        curl_slist* headers = nullptr;
        headers = curl_slist_append(headers, "Accept: application/json");
        std::string kiosk_header = "X-Kiosk-Id: " + options.kiosk_id;
        if (!options.kiosk_id.empty())
            headers = curl_slist_append(headers, kiosk_header.c_str());
        std::string conditional = "If-None-Match: " + if_none_match;
        if (!if_none_match.empty())
            headers = curl_slist_append(headers, conditional.c_str());
        if (method == Method::post) {
            headers = curl_slist_append(headers, "Content-Type: application/json");
            curl_easy_setopt(curl, CURLOPT_POST, 1L);
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        }
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        CURLcode rc = curl_easy_perform(curl);
        curl_slist_free_all(headers);
        if (rc != CURLE_OK) {
            if (sink.overflow)
                return Unexpected(failure(Errc::malformed, key::BAD_REPLY, "reply larger than allowed"));
            return Unexpected(transport_failure(rc, error_text.data(), options.base_url));
        }
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
        curl_off_t total_us = 0;
        curl_easy_getinfo(curl, CURLINFO_TOTAL_TIME_T, &total_us);
        reply.total_ms = static_cast<double>(total_us) / 1000.0;
        return reply;
    }
};

GatewayClient::GatewayClient(std::unique_ptr<Impl> impl) noexcept
    : m_impl(std::move(impl))
{
}

GatewayClient::~GatewayClient() = default;

GatewayResult<std::unique_ptr<GatewayClient>> GatewayClient::create(ClientOptions options)
{
    auto const& url = options.base_url;
    bool https = url.rfind("https://", 0) == 0;
    if (!https && url.rfind("http://", 0) != 0)
        return Unexpected(failure(Errc::invalid_argument, key::CONFIG, "gateway URL must start with http:// or https://"));
    if (https && options.ca_file.empty())
        return Unexpected(failure(Errc::invalid_argument, key::CONFIG, "an https gateway needs its CA file (gateway_ca)"));
    if (options.client_certificate.empty() != options.client_key.empty())
        return Unexpected(failure(Errc::invalid_argument, key::CONFIG, "client certificate and key go together"));
    while (!options.base_url.empty() && options.base_url.back() == '/')
        options.base_url.pop_back();
    global_init();
    auto impl = std::make_unique<Impl>();
    impl->options = std::move(options);
    impl->curl = curl_easy_init();
    if (impl->curl == nullptr)
        return Unexpected(failure(Errc::internal, key::CONFIG, "curl_easy_init failed"));
    return std::unique_ptr<GatewayClient>(new GatewayClient(std::move(impl)));
}

GatewayResult<Dossier> GatewayClient::dossier(std::string_view code)
{
    if (!is_valid_code(code))
        return Unexpected(failure(Errc::invalid_argument, key::INVALID, "not a dossier code"));
    auto reply = KIOSK_TRY(m_impl->request(Impl::Method::get, "/v1/dossiers/" + std::string(code), {}, Impl::Retry::idempotent));
    auto body = KIOSK_TRY(parse_ok(reply));
    auto it = body.find("dossier");
    if (it == body.end())
        return Unexpected(failure(Errc::malformed, key::BAD_REPLY, "reply lacks \"dossier\"", 200));
    auto parsed = dossier_from_json(*it);
    if (!parsed)
        return Unexpected(failure(Errc::malformed, key::BAD_REPLY, "dossier does not parse: " + parsed.error(), 200));
    if (parsed->code != code)
        return Unexpected(failure(Errc::malformed, key::BAD_REPLY, "reply is about another dossier", 200));
    return std::move(parsed).value();
}

GatewayResult<std::vector<Dossier>> GatewayClient::citizen_dossiers(
    std::span<std::uint8_t const> sod, std::span<std::uint8_t const> dg13)
{
    json request { { "sod", base64_encode(sod) }, { "dg13", base64_encode(dg13) } };
    // A lookup, not a change: safe to retry although it is a POST (the evidence is too big for a URL).
    auto reply = KIOSK_TRY(m_impl->request(Impl::Method::post, "/v1/citizen/dossiers", request.dump(), Impl::Retry::idempotent));
    auto body = KIOSK_TRY(parse_ok(reply));
    auto list = body.find("dossiers");
    if (list == body.end() || !list->is_array())
        return Unexpected(failure(Errc::malformed, key::BAD_REPLY, "reply lacks \"dossiers\"", 200));
    std::vector<Dossier> dossiers;
    for (auto const& item : *list) {
        auto parsed = dossier_from_json(item);
        if (!parsed)
            return Unexpected(failure(Errc::malformed, key::BAD_REPLY, "dossier does not parse: " + parsed.error(), 200));
        dossiers.push_back(std::move(parsed).value());
    }
    return dossiers;
}

GatewayResult<GatewayHealth> GatewayClient::ping()
{
    auto reply = KIOSK_TRY(m_impl->request(Impl::Method::get, "/v1/health", {}, Impl::Retry::idempotent));
    auto body = KIOSK_TRY(parse_ok(reply));
    GatewayHealth health;
    health.round_trip_ms = reply.total_ms;
    if (auto version = body.find("version"); version != body.end() && version->is_string())
        health.version = version->get<std::string>();
    if (auto count = body.find("dossiers"); count != body.end() && count->is_number_integer())
        health.dossiers = count->get<std::int64_t>();
    return health;
}

GatewayResult<void> GatewayClient::heartbeat(HeartbeatReport const& report)
{
    json devices = json::array();
    for (auto const& device : report.devices)
        devices.push_back({ { "role", device.role }, { "health", device.health } });
    json request { { "source", report.source }, { "version", report.version }, { "slot", report.slot },
        { "devices", devices } };
    if (!report.last_result.empty())
        request["last_result"] = report.last_result;
    if (!report.last_check.empty())
        request["last_check"] = report.last_check;
    auto reply = KIOSK_TRY(m_impl->request(Impl::Method::post, "/v1/kiosks/heartbeat",
        request.dump(-1, ' ', false, json::error_handler_t::replace), Impl::Retry::once));
    KIOSK_TRY(parse_ok(reply));
    return {};
}

GatewayResult<CatalogDownload> GatewayClient::catalog(std::string const& etag)
{
    auto reply = KIOSK_TRY(
        m_impl->request(Impl::Method::get, "/v1/catalog", {}, Impl::Retry::idempotent, etag, MAX_CATALOG_BYTES));
    CatalogDownload download;
    download.etag = reply.etag;
    download.not_modified = reply.status == 304;
    download.bytes = std::move(reply.body);
    return download;
}

} // namespace kiosk::status
