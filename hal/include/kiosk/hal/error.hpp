// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

/// The closed set of failure kinds. A member exists only because some caller acts
/// differently on it; the human-readable part of an error is its context string.
enum class Errc {
    invalid_argument, ///< the caller's input is wrong (usage error, malformed file): exit code 2
    malformed,        ///< a peer or file sent bytes that do not parse (corrupt chip response, bad payload)
    not_found,        ///< the thing asked for does not exist (unknown dossier, missing device)
    timeout,          ///< the peer did not answer within the stated bound
    io,               ///< an operating-system or device I/O call failed (see Error::sys_errno)
    disconnected,     ///< the device or card went away mid-operation (unplugged, card lifted)
    busy,             ///< the device is held by someone else; retry later
    permission_denied,///< the OS refused access (udev rules missing, wrong user)
    unsupported,      ///< the device or peer lacks the feature asked for
    refused,          ///< the peer answered and said no (card refused the key, server refused)
    not_ready,        ///< the device is there but cannot act now (paper out, cover open): wait and retry
    cancelled,        ///< the operation was cancelled on purpose (session ended)
    internal,         ///< a bug or an impossible state was detected
};

/// Snake-case name of @p code, as used in JSON (`"timeout"`) and logs.
std::string_view errc_name(Errc code) noexcept;

/// An expected failure: a kind, a static context string saying what was being done,
/// and the errno of the failing system call where there was one.
/// Errors are small and cheap to copy; the context must be a string literal (or
/// otherwise outlive every copy of the error).
class Error {
public:
    constexpr Error(Errc code, char const* context, int sys_errno = 0) noexcept
        : m_code(code)
        , m_context(context)
        , m_sys_errno(sys_errno)
    {
    }

    /// Builds an Errc::io (or a mapped kind) error from an errno value.
    static Error from_errno(int sys_errno, char const* context) noexcept;

    [[nodiscard]] constexpr Errc code() const noexcept { return m_code; }
    [[nodiscard]] constexpr char const* context() const noexcept { return m_context; }
    [[nodiscard]] constexpr int sys_errno() const noexcept { return m_sys_errno; }

    /// "context: strerror(errno)" or just the context.
    [[nodiscard]] std::string message() const;

    friend constexpr bool operator==(Error const& a, Errc b) noexcept { return a.m_code == b; }

private:
    Errc m_code;
    char const* m_context;
    int m_sys_errno;
};

} // namespace kiosk
