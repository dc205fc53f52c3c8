// SPDX-License-Identifier: MIT
#include <log/redacting_sink.hpp>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <memory>
#include <sstream>
#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::log::RedactingSink;

TEST_GROUP(RedactingSink)
{
    std::ostringstream m_output;
    std::shared_ptr<spdlog::sinks::ostream_sink_st> m_inner
        = std::make_shared<spdlog::sinks::ostream_sink_st>(m_output);
    std::shared_ptr<RedactingSink> m_sink = std::make_shared<RedactingSink>(m_inner);
};

TEST(RedactingSink, redacts_the_message_and_keeps_the_decoration)
{
    // The logger's name stands for the decoration init() adds: ours, so never redacted.
    spdlog::logger logger("station-123456789", m_sink);
    logger.set_pattern("%n %l: %v");
    logger.info("id {} doc {} wrote {} bytes", "079012345678", 123456789, 65536);
    STRCMP_EQUAL("station-123456789 info: id [redacted] doc [redacted] wrote 65536 bytes\n", m_output.str().c_str());
}

TEST(RedactingSink, passes_clean_messages_through_unchanged)
{
    spdlog::logger logger("test", m_sink);
    logger.set_pattern("%v");
    logger.warn("dossier {} at {}", "000.00.15.H56-250701-0001", "09:30:00");
    STRCMP_EQUAL("dossier 000.00.15.H56-250701-0001 at 09:30:00\n", m_output.str().c_str());
}

TEST(RedactingSink, forwards_the_pattern_to_the_inner_sink)
{
    m_sink->set_pattern("<%v>");
    spdlog::logger logger("test", m_sink);
    logger.info("hello");
    STRCMP_EQUAL("<hello>\n", m_output.str().c_str());
    CHECK(m_sink->inner() == m_inner);
}

TEST(RedactingSink, honours_its_own_level)
{
    m_sink->set_level(spdlog::level::warn);
    spdlog::logger logger("test", m_sink);
    logger.set_pattern("%v");
    logger.info("dropped");
    logger.error("kept");
    m_sink->flush();
    STRCMP_EQUAL("kept\n", m_output.str().c_str());
}
