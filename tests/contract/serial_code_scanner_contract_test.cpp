// SPDX-License-Identifier: MIT
// The code scanner contract run against SerialCodeScanner on a socat pty pair: presenting a
// code writes what a scanner module configured with AIM prefixes sends ("]Q1text\r\n").
#include <scanner/serial_code_scanner.hpp>

#include "integration/scanner/socat_pty_pair.hpp"
#include "support/temp_dir.hpp"

#include <memory>
#include <string>

#include "contract/code_scanner_contract.hpp"

TEST_GROUP(SerialCodeScanner)
{
    kiosk::test::TempDir m_dir;
    std::unique_ptr<kiosk::test::SocatPtyPair> m_pair;
    std::unique_ptr<kiosk::drivers::SerialCodeScanner> m_scanner;

    void setup() override
    {
        m_pair = std::make_unique<kiosk::test::SocatPtyPair>(m_dir.path());
        auto scanner = kiosk::drivers::SerialCodeScanner::open(m_pair->device(), 115200);
        KIOSK_CHECK_OK(scanner);
        m_scanner = std::move(*scanner);
    }

    void teardown() override
    {
        m_scanner.reset();
        m_pair.reset();
    }

    kiosk::hal::CodeScanner& scanner() const { return *m_scanner; }

    void present(std::string const& text, kiosk::hal::CodeFormat format) const
    {
        char const* prefix = format == kiosk::hal::CodeFormat::qr_code ? "]Q1"
            : format == kiosk::hal::CodeFormat::code_128               ? "]C0"
            : format == kiosk::hal::CodeFormat::pdf417                 ? "]L0"
            : format == kiosk::hal::CodeFormat::data_matrix            ? "]d2"
                                                                       : "";
        CHECK_TRUE(m_pair->write(prefix + text + "\r\n"));
    }
};

KIOSK_CODE_SCANNER_CONTRACT(SerialCodeScanner)
