// SPDX-License-Identifier: MIT
// The code scanner contract run against the role-level simulator.
#include <scanner/sim_code_scanner.hpp>

#include <memory>
#include <string>
#include <utility>

#include "contract/code_scanner_contract.hpp"

TEST_GROUP(SimCodeScanner)
{
    std::unique_ptr<kiosk::drivers::SimCodeScanner> m_scanner = kiosk::drivers::SimCodeScanner::create();

    kiosk::hal::CodeScanner& scanner() const { return *m_scanner; }
    void present(std::string text, kiosk::hal::CodeFormat format) const { m_scanner->present(std::move(text), format); }
};

KIOSK_CODE_SCANNER_CONTRACT(SimCodeScanner)
