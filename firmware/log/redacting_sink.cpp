// SPDX-License-Identifier: MIT
#include <log/redact.hpp>
#include <log/redacting_sink.hpp>

#include <string_view>
#include <utility>

namespace kiosk::log {

RedactingSink::RedactingSink(spdlog::sink_ptr inner)
    : m_inner(std::move(inner))
{
}

void RedactingSink::log(spdlog::details::log_msg const& message)
{
    std::string const clean
        = redact_personal_patterns(std::string_view(message.payload.data(), message.payload.size()));
    // The copy points at `clean`, which lives until the inner sink has formatted it.
    spdlog::details::log_msg redacted = message;
    redacted.payload = spdlog::string_view_t(clean.data(), clean.size());
    m_inner->log(redacted);
}

void RedactingSink::flush() { m_inner->flush(); }

void RedactingSink::set_pattern(std::string const& pattern) { m_inner->set_pattern(pattern); }

void RedactingSink::set_formatter(std::unique_ptr<spdlog::formatter> formatter)
{
    m_inner->set_formatter(std::move(formatter));
}

} // namespace kiosk::log
