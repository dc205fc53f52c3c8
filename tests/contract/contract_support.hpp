// SPDX-License-Identifier: MIT
// Helpers shared by the contract suites (and the drivers' unit tests): readable checks on
// Result values and a blocking call run on a second thread. Include after all standard
// library and project headers (it includes CppUTest).
#pragma once

#include <kiosk/hal/error.hpp>
#include <kiosk/hal/result.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <future>
#include <string>
#include <utility>

#include <CppUTest/TestHarness.h>

namespace kiosk::contract {

/// What a Result holds, for failure messages: "value" or the Errc name.
template <class T> std::string outcome_name(Result<T> const& result)
{
    return result.has_value() ? std::string("value") : std::string(errc_name(result.error().code()));
}

template <class T>
void check_errc(Errc expected, Result<T> const& result, char const* expression, char const* file, std::size_t line)
{
    STRCMP_EQUAL_LOCATION(
        std::string(errc_name(expected)).c_str(), outcome_name(result).c_str(), expression, file, line);
}

template <class T> void check_ok(Result<T> const& result, char const* expression, char const* file, std::size_t line)
{
    if (result.has_value())
        return;
    std::string const text = std::string(expression) + " failed: " + std::string(errc_name(result.error().code()))
        + " (" + result.error().message() + ")";
    FAIL_LOCATION(text.c_str(), file, line);
}

/// Runs a blocking call on its own thread. The destructor waits for the call to return, so a
/// test must make sure it does (every call given here has a finite timeout).
template <class T> class BlockingCall {
public:
    explicit BlockingCall(std::function<T()> call)
        : m_result(std::async(std::launch::async, std::move(call)))
    {
    }

    /// Waits up to @p bound for the call to return, calling @p poke (e.g. cancel()) before
    /// each 10 ms wait: the poke may come before the call has started to block, so it is
    /// repeated until it takes effect. @return true if the call returned within @p bound.
    bool finish(std::function<void()> const& poke, std::chrono::milliseconds bound)
    {
        auto const deadline = std::chrono::steady_clock::now() + bound;
        do {
            poke();
            if (m_result.wait_for(std::chrono::milliseconds(10)) == std::future_status::ready)
                return true;
        } while (std::chrono::steady_clock::now() < deadline);
        return false;
    }

    /// Waits up to @p bound for the call to return by itself.
    bool finish(std::chrono::milliseconds bound) { return m_result.wait_for(bound) == std::future_status::ready; }

    /// The call's result (waits for it if needed).
    T get() { return m_result.get(); }

private:
    std::future<T> m_result;
};

} // namespace kiosk::contract

/// Checks that the Result @p expr failed with Errc @p expected (reports what it held instead).
#define KIOSK_CHECK_ERRC(expected, expr) ::kiosk::contract::check_errc((expected), (expr), #expr, __FILE__, __LINE__)

/// Checks that the Result @p expr holds a value (reports the error otherwise).
#define KIOSK_CHECK_OK(expr) ::kiosk::contract::check_ok((expr), #expr, __FILE__, __LINE__)
