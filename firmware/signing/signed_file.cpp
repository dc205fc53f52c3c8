// SPDX-License-Identifier: MIT
// Calls nlohmann::json (which can throw) for the header; every entry point catches.
#include "signing/signed_file.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <exception>
#include <fcntl.h>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

namespace kiosk::signing {

std::array<std::uint8_t, 32> sha256(ByteView data) noexcept
{
    std::array<std::uint8_t, 32> digest {};
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr);
    return digest;
}

namespace {

    Result<std::string> read_text(std::filesystem::path const& file)
    {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return Unexpected(Error::from_errno(errno == 0 ? ENOENT : errno, "signing: cannot open key file"));
        std::ostringstream text;
        text << in.rdbuf();
        if (in.bad())
            return fail(Errc::io, "signing: cannot read key file");
        return text.str();
    }

} // namespace

Result<VerifyKey> load_verify_key(std::filesystem::path const& file)
{
    auto text = KIOSK_TRY(read_text(file));
    return VerifyKey::from_pem(text);
}

Result<SigningKey> load_signing_key(std::filesystem::path const& file)
{
    auto text = KIOSK_TRY(read_text(file));
    auto key = SigningKey::from_pem(text);
    std::fill(text.begin(), text.end(), '\0');
    return key;
}

Result<void> write_key_file(std::filesystem::path const& file, std::string const& pem, unsigned mode)
{
    int const fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
    if (fd < 0)
        return Unexpected(Error::from_errno(errno, "signing: cannot create key file"));
    auto const written = ::write(fd, pem.data(), pem.size());
    bool const synced = ::fsync(fd) == 0;
    bool const closed = ::close(fd) == 0;
    if (written != static_cast<ssize_t>(pem.size()) || !synced || !closed)
        return fail(Errc::io, "signing: cannot write key file");
    return {};
}

void TrustedKeys::add(VerifyKey const& key)
{
    if (find(key.key_id()) == nullptr)
        m_keys.push_back(key);
}

Result<void> TrustedKeys::add_folder(std::filesystem::path const& folder)
{
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error))
        return fail(Errc::not_found, "signing: trusted key folder does not exist");
    std::vector<std::filesystem::path> files;
    for (auto const& entry : std::filesystem::directory_iterator(folder, error)) {
        if (entry.path().extension() == ".pub")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (auto const& file : files)
        add(KIOSK_TRY(load_verify_key(file)));
    return {};
}

VerifyKey const* TrustedKeys::find(std::string_view key_id) const noexcept
{
    for (auto const& key : m_keys) {
        if (key.key_id() == key_id)
            return &key;
    }
    return nullptr;
}

std::string signed_statement(std::string_view payload_type, std::string_view payload_sha256_hex)
{
    return std::string(SIGNED_FILE_MAGIC) + "\n" + std::string(payload_type) + "\n" + std::string(payload_sha256_hex)
        + "\n";
}

Result<std::string> make_signed_file(
    std::string_view payload_type, ByteView payload, std::vector<SigningKey const*> const& keys)
{
    if (payload_type.empty() || payload_type.find('\n') != std::string_view::npos)
        return fail(Errc::invalid_argument, "signing: the payload type must be one non-empty line");
    if (keys.empty())
        return fail(Errc::invalid_argument, "signing: at least one key must sign");
    auto const digest = sha256(payload);
    auto const digest_hex = to_hex(digest);
    auto const statement = signed_statement(payload_type, digest_hex);
    try {
        auto signatures = nlohmann::json::array();
        for (auto const* key : keys) {
            auto signature = KIOSK_TRY(key->sign(as_bytes(statement)));
            auto public_key = KIOSK_TRY(key->verify_key());
            signatures.push_back({ { "key_id", public_key.key_id() }, { "signature", to_hex(signature) } });
        }
        nlohmann::json header { { "payload_type", std::string(payload_type) }, { "payload_bytes", payload.size() },
            { "payload_sha256", digest_hex }, { "signatures", signatures } };
        std::string out = std::string(SIGNED_FILE_MAGIC) + "\n" + header.dump() + "\n";
        out.append(reinterpret_cast<char const*>(payload.data()), payload.size());
        return out;
    } catch (std::exception const&) {
        return fail(Errc::internal, "signing: cannot encode the signed file header");
    }
}

bool looks_signed(ByteView bytes) noexcept
{
    std::string_view const text(reinterpret_cast<char const*>(bytes.data()), bytes.size());
    return text.size() > SIGNED_FILE_MAGIC.size() && text.substr(0, SIGNED_FILE_MAGIC.size()) == SIGNED_FILE_MAGIC
        && text[SIGNED_FILE_MAGIC.size()] == '\n';
}

Result<VerifiedPayload> open_signed_file(
    ByteView bytes, std::string_view expected_type, TrustedKeys const& trusted, std::size_t threshold)
{
    if (!looks_signed(bytes))
        return fail(Errc::malformed, "signed file: not a kiosk-signed/1 file (unsigned?)");
    std::string_view const text(reinterpret_cast<char const*>(bytes.data()), bytes.size());
    auto const header_start = SIGNED_FILE_MAGIC.size() + 1;
    auto const header_end = text.find('\n', header_start);
    if (header_end == std::string_view::npos)
        return fail(Errc::malformed, "signed file: header line not terminated");
    try {
        auto const header = nlohmann::json::parse(text.substr(header_start, header_end - header_start), nullptr, false);
        if (header.is_discarded() || !header.is_object())
            return fail(Errc::malformed, "signed file: header is not a JSON object");
        auto const type = header.find("payload_type");
        auto const size = header.find("payload_bytes");
        auto const digest = header.find("payload_sha256");
        auto const signatures = header.find("signatures");
        if (type == header.end() || !type->is_string() || size == header.end() || !size->is_number_unsigned()
            || digest == header.end() || !digest->is_string() || signatures == header.end()
            || !signatures->is_array())
            return fail(Errc::malformed, "signed file: header lacks payload_type, payload_bytes, payload_sha256 or "
                                         "signatures");
        auto const payload = text.substr(header_end + 1);
        if (payload.size() != size->get<std::uint64_t>())
            return fail(Errc::malformed, "signed file: payload size differs from the header (truncated or extended)");
        auto const actual_digest = to_hex(sha256(as_bytes(payload)));
        if (actual_digest != digest->get<std::string>())
            return fail(Errc::malformed, "signed file: payload does not match its digest (tampered)");
        if (type->get<std::string>() != expected_type)
            return fail(Errc::refused, "signed file: payload type is not the one expected");
        if (threshold == 0)
            threshold = 1;

        auto const statement = signed_statement(type->get<std::string>(), actual_digest);
        std::set<std::string> verified;
        for (auto const& entry : *signatures) {
            if (!entry.is_object())
                continue;
            auto const id = entry.find("key_id");
            auto const value = entry.find("signature");
            if (id == entry.end() || !id->is_string() || value == entry.end() || !value->is_string())
                continue;
            auto const* key = trusted.find(id->get<std::string>());
            if (key == nullptr)
                continue;
            auto signature = from_hex(value->get<std::string>());
            if (signature && key->verify(as_bytes(statement), *signature).has_value())
                verified.insert(key->key_id());
        }
        if (verified.size() < threshold)
            return fail(Errc::refused, "signed file: not signed by enough trusted keys");
        VerifiedPayload result;
        result.payload_type = type->get<std::string>();
        result.payload = std::string(payload);
        result.key_ids.assign(verified.begin(), verified.end());
        return result;
    } catch (std::exception const&) {
        return fail(Errc::malformed, "signed file: header cannot be read");
    }
}

} // namespace kiosk::signing
