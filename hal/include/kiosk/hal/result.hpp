// SPDX-License-Identifier: MIT
#pragma once

// Our own small expected-like type: the subset of std::expected we use, with the same
// names, so that it can become std::expected once every compiler we use has it
// (clang 14 cannot compile libstdc++ 12's <expected>).

#include <kiosk/hal/error.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace kiosk {

/// Wraps an error value to construct a failed Expected (like std::unexpected).
template <class E>
class Unexpected {
public:
    constexpr explicit Unexpected(E error)
        : m_error(std::move(error))
    {
    }
    constexpr E const& error() const& noexcept { return m_error; }
    constexpr E&& error() && noexcept { return std::move(m_error); }

private:
    E m_error;
};

template <class E>
Unexpected(E) -> Unexpected<E>;

/// Shorthand for returning a failure: `return fail(Errc::timeout, "waiting for printer");`.
inline Unexpected<Error> fail(Errc code, char const* context, int sys_errno = 0)
{
    return Unexpected<Error>(Error(code, context, sys_errno));
}

namespace detail {
[[noreturn]] void bad_expected_access(char const* what) noexcept;
}

/// Either a value of type T or an error of type E (like std::expected<T, E>).
template <class T, class E>
class [[nodiscard]] Expected {
public:
    using value_type = T;
    using error_type = E;

    template <class U = T>
        requires std::is_constructible_v<T, U&&> && (!std::is_same_v<std::remove_cvref_t<U>, Expected>)
        && (!std::is_same_v<std::remove_cvref_t<U>, Unexpected<E>>)
    // The requires-clause keeps Expected itself out, which clang-tidy 14 does not see.
    // NOLINTNEXTLINE(bugprone-forwarding-reference-overload,google-explicit-constructor): mirrors std::expected
    constexpr Expected(U&& value)
        : m_storage(std::in_place_index<0>, std::forward<U>(value))
    {
    }

    template <class G>
        requires std::is_constructible_v<E, G>
    constexpr Expected(Unexpected<G> failure) // NOLINT(google-explicit-constructor): mirrors std::expected
        : m_storage(std::in_place_index<1>, std::move(failure).error())
    {
    }

    [[nodiscard]] constexpr bool has_value() const noexcept { return m_storage.index() == 0; }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    constexpr T& value() &
    {
        check_value();
        return *std::get_if<0>(&m_storage);
    }
    constexpr T const& value() const&
    {
        check_value();
        return *std::get_if<0>(&m_storage);
    }
    constexpr T&& value() &&
    {
        check_value();
        return std::move(*std::get_if<0>(&m_storage));
    }
    constexpr T& operator*() & { return value(); }
    constexpr T const& operator*() const& { return value(); }
    constexpr T&& operator*() && { return std::move(*this).value(); }
    constexpr T* operator->() { return &value(); }
    constexpr T const* operator->() const { return &value(); }

    constexpr E const& error() const&
    {
        check_error();
        return *std::get_if<1>(&m_storage);
    }
    constexpr E&& error() &&
    {
        check_error();
        return std::move(*std::get_if<1>(&m_storage));
    }

    template <class U>
    constexpr T value_or(U&& fallback) const&
    {
        return has_value() ? *std::get_if<0>(&m_storage) : static_cast<T>(std::forward<U>(fallback));
    }

private:
    constexpr void check_value() const
    {
        if (!has_value())
            detail::bad_expected_access("value() called on an Expected holding an error");
    }
    constexpr void check_error() const
    {
        if (has_value())
            detail::bad_expected_access("error() called on an Expected holding a value");
    }

    std::variant<T, E> m_storage;
};

/// Success or an error, with no value (like std::expected<void, E>).
template <class E>
class [[nodiscard]] Expected<void, E> {
public:
    using value_type = void;
    using error_type = E;

    constexpr Expected() noexcept = default;

    template <class G>
        requires std::is_constructible_v<E, G>
    constexpr Expected(Unexpected<G> failure) // NOLINT(google-explicit-constructor): mirrors std::expected
        : m_error(std::in_place, std::move(failure).error())
    {
    }

    [[nodiscard]] constexpr bool has_value() const noexcept { return !m_error.has_value(); }
    constexpr explicit operator bool() const noexcept { return has_value(); }
    constexpr void value() const
    {
        if (m_error.has_value())
            detail::bad_expected_access("value() called on an Expected holding an error");
    }
    constexpr E const& error() const&
    {
        if (!m_error.has_value())
            detail::bad_expected_access("error() called on an Expected holding a value");
        return *m_error;
    }
    constexpr E&& error() &&
    {
        if (!m_error.has_value())
            detail::bad_expected_access("error() called on an Expected holding a value");
        return std::move(*m_error);
    }

private:
    std::optional<E> m_error;
};

/// The project's result type for expected failures.
template <class T>
using Result = Expected<T, Error>;

} // namespace kiosk

/// Evaluates @p expr (an Expected); on failure returns its error from the enclosing
/// function, otherwise yields the value. GNU statement expression, so it passes
/// -Wpedantic -Werror on g++ and clang.
#define KIOSK_TRY(expr)                                                                                               \
    __extension__({                                                                                                   \
        auto&& kiosk_try_result_ = (expr);                                                                            \
        if (!kiosk_try_result_.has_value())                                                                           \
            return ::kiosk::Unexpected(std::move(kiosk_try_result_).error());                                         \
        std::move(kiosk_try_result_).value();                                                                         \
    })

/// Evaluates @p expr (an Expected); on failure prints the error and aborts. For tests and
/// early start-up only, where there is nothing sensible to do with an error.
#define KIOSK_MUST(expr)                                                                                              \
    __extension__({                                                                                                   \
        auto&& kiosk_must_result_ = (expr);                                                                           \
        if (!kiosk_must_result_.has_value())                                                                          \
            ::kiosk::detail::must_failed(#expr, __FILE__, __LINE__, kiosk_must_result_.error());                      \
        std::move(kiosk_must_result_).value();                                                                        \
    })

/// Checks an invariant; on violation logs the condition and aborts (systemd restarts us).
#define KIOSK_VERIFY(cond)                                                                                            \
    do {                                                                                                              \
        if (!(cond)) [[unlikely]]                                                                                     \
            ::kiosk::detail::verify_failed(#cond, __FILE__, __LINE__);                                                \
    } while (0)

namespace kiosk::detail {
[[noreturn]] void verify_failed(char const* condition, char const* file, int line) noexcept;
[[noreturn]] void must_failed(char const* expr, char const* file, int line, Error const& error) noexcept;
template <class E>
[[noreturn]] void must_failed(char const* expr, char const* file, int line, E const&) noexcept
{
    std::fprintf(stderr, "%s:%d: KIOSK_MUST(%s) failed\n", file, line, expr);
    std::abort();
}
} // namespace kiosk::detail
