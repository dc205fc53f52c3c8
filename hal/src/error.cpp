// SPDX-License-Identifier: MIT
#include <kiosk/hal/error.hpp>
#include <kiosk/hal/result.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace kiosk {

std::string_view errc_name(Errc code) noexcept
{
    switch (code) {
    case Errc::invalid_argument:
        return "invalid_argument";
    case Errc::malformed:
        return "malformed";
    case Errc::not_found:
        return "not_found";
    case Errc::timeout:
        return "timeout";
    case Errc::io:
        return "io";
    case Errc::disconnected:
        return "disconnected";
    case Errc::busy:
        return "busy";
    case Errc::permission_denied:
        return "permission_denied";
    case Errc::unsupported:
        return "unsupported";
    case Errc::refused:
        return "refused";
    case Errc::not_ready:
        return "not_ready";
    case Errc::cancelled:
        return "cancelled";
    case Errc::internal:
        return "internal";
    }
    return "internal";
}

Error Error::from_errno(int sys_errno, char const* context) noexcept
{
    // Map the errno values a caller reacts to differently; everything else is plain I/O.
    switch (sys_errno) {
    case EACCES:
    case EPERM:
        return { Errc::permission_denied, context, sys_errno };
    case ENOENT:
    case ENXIO:
        return { Errc::not_found, context, sys_errno };
    case ENODEV:
    case EPIPE:
    case ECONNRESET:
        return { Errc::disconnected, context, sys_errno };
    case EBUSY:
        return { Errc::busy, context, sys_errno };
    case ETIMEDOUT:
        return { Errc::timeout, context, sys_errno };
    case EINVAL:
        return { Errc::invalid_argument, context, sys_errno };
    default:
        return { Errc::io, context, sys_errno };
    }
}

std::string Error::message() const
{
    std::string text = m_context ? m_context : "";
    if (m_sys_errno != 0) {
        text += ": ";
        text += std::strerror(m_sys_errno); // NOLINT(concurrency-mt-unsafe): message text only
    }
    return text;
}

namespace detail {

void bad_expected_access(char const* what) noexcept
{
    std::fprintf(stderr, "kiosk: %s\n", what);
    std::abort();
}

void verify_failed(char const* condition, char const* file, int line) noexcept
{
    std::fprintf(stderr, "%s:%d: KIOSK_VERIFY(%s) failed\n", file, line, condition);
    std::abort();
}

void must_failed(char const* expr, char const* file, int line, Error const& error) noexcept
{
    std::fprintf(stderr, "%s:%d: KIOSK_MUST(%s) failed: %s (%s)\n", file, line, expr, error.message().c_str(),
        std::string(errc_name(error.code())).c_str());
    std::abort();
}

} // namespace detail
} // namespace kiosk
