// SPDX-License-Identifier: MIT
// What the role-level scanner adds beyond the code scanner contract (its bounded queue).
#include <scanner/sim_code_scanner.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "contract/contract_support.hpp"

using namespace std::chrono_literals;
using kiosk::drivers::SimCodeScanner;

TEST_GROUP(SimCodeScanner)
{
    std::unique_ptr<SimCodeScanner> m_scanner = SimCodeScanner::create();

    std::string next_text() const
    {
        auto code = m_scanner->next_code(0ms);
        KIOSK_CHECK_OK(code);
        return code->has_value() ? (*code)->text : std::string("<none>");
    }
};

TEST(SimCodeScanner, self_test_does_not_consume_codes)
{
    m_scanner->present("kept");
    STRCMP_EQUAL("simulated scanner ready", m_scanner->self_test()->c_str());
    STRCMP_EQUAL("kept", next_text().c_str());
}

TEST(SimCodeScanner, default_format_is_qr)
{
    m_scanner->present("x");
    auto code = m_scanner->next_code(0ms);
    KIOSK_CHECK_OK(code);
    CHECK_TRUE(kiosk::hal::CodeFormat::qr_code == (*code)->format);
}

TEST(SimCodeScanner, full_queue_drops_the_oldest_code)
{
    for (std::size_t i = 0; i < SimCodeScanner::QUEUE_LIMIT + 2; ++i)
        m_scanner->present("code " + std::to_string(i));
    // Codes 0 and 1 were dropped; 2 .. LIMIT + 1 remain, in order.
    for (std::size_t i = 2; i < SimCodeScanner::QUEUE_LIMIT + 2; ++i)
        STRCMP_EQUAL(("code " + std::to_string(i)).c_str(), next_text().c_str());
    STRCMP_EQUAL("<none>", next_text().c_str());
}

TEST(SimCodeScanner, codes_are_stamped_when_presented)
{
    auto const before = std::chrono::steady_clock::now();
    m_scanner->present("stamped");
    auto const after = std::chrono::steady_clock::now();
    auto code = m_scanner->next_code(0ms);
    KIOSK_CHECK_OK(code);
    CHECK_TRUE(before <= (*code)->at && (*code)->at <= after);
}
