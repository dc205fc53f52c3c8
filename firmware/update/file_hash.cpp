// SPDX-License-Identifier: MIT
#include "update/file_hash.hpp"

#include <kiosk/hal/unique_fd.hpp>

#include <openssl/evp.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <memory>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace kiosk::update {

namespace {

    struct DigestDeleter {
        void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
    };

} // namespace

Result<std::string> sha256_file(std::filesystem::path const& file)
{
    UniqueFd const fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return Unexpected(Error::from_errno(errno, "opening the file to hash"));
    std::unique_ptr<EVP_MD_CTX, DigestDeleter> context(EVP_MD_CTX_new());
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
        return fail(Errc::internal, "starting SHA-256");
    // 1 MiB reads: large enough that the hash, not the system calls, sets the pace.
    std::vector<unsigned char> buffer(std::size_t { 1 } << 20);
    for (;;) {
        ssize_t const got = ::read(fd.get(), buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(Errc::io, "reading the file to hash", errno);
        if (got == 0)
            break;
        if (EVP_DigestUpdate(context.get(), buffer.data(), static_cast<std::size_t>(got)) != 1)
            return fail(Errc::internal, "hashing with SHA-256");
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest {};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1)
        return fail(Errc::internal, "finishing SHA-256");
    static constexpr char HEX[] = "0123456789abcdef";
    std::string text;
    text.reserve(std::size_t { length } * 2);
    for (unsigned int i = 0; i < length; ++i) {
        text += HEX[digest[i] >> 4U];
        text += HEX[digest[i] & 0x0fU];
    }
    return text;
}

std::string sha256_hex(std::string_view data)
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest {};
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
    static constexpr char HEX[] = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        text += HEX[digest[i] >> 4U];
        text += HEX[digest[i] & 0x0fU];
    }
    return text;
}

Result<void> verify_file(std::filesystem::path const& file, std::uint64_t expected_bytes, std::string_view expected_sha256)
{
    std::error_code error;
    auto const size = std::filesystem::file_size(file, error);
    if (error)
        return fail(Errc::not_found, "verifying the download: the file is missing");
    if (size != expected_bytes)
        return fail(Errc::refused, "verifying the download: its length differs from the signed length");
    auto const actual = KIOSK_TRY(sha256_file(file));
    if (actual.size() != expected_sha256.size())
        return fail(Errc::refused, "verifying the download: its SHA-256 differs from the signed hash");
    for (std::size_t i = 0; i < actual.size(); ++i) {
        if (actual[i] != std::tolower(static_cast<unsigned char>(expected_sha256[i])))
            return fail(Errc::refused, "verifying the download: its SHA-256 differs from the signed hash");
    }
    return {};
}

} // namespace kiosk::update
