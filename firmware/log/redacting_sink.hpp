// SPDX-License-Identifier: MIT
#pragma once

#include <spdlog/sinks/sink.h>

#include <memory>
#include <string>

namespace kiosk::log {

/// An spdlog sink that passes every message through redact_personal_patterns() before
/// handing it to another sink, which formats and writes it. Only the message text is
/// redacted; the decoration the inner sink's pattern adds (time, level, program name) is
/// ours and stays as it is. init() and make_logger() put one in front of their output.
///
/// Thread-safe if the inner sink is (use the `_mt` sinks); adds no locking of its own.
class RedactingSink final : public spdlog::sinks::sink {
public:
    /// Writes through @p inner, which must not be null.
    explicit RedactingSink(spdlog::sink_ptr inner);

    /// Redacts @p message's text and passes a copy of it to the inner sink.
    void log(spdlog::details::log_msg const& message) override;
    void flush() override;
    void set_pattern(std::string const& pattern) override;
    void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override;

    /// The sink that receives the redacted messages.
    [[nodiscard]] spdlog::sink_ptr const& inner() const noexcept { return m_inner; }

private:
    spdlog::sink_ptr m_inner;
};

} // namespace kiosk::log
