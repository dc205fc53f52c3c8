// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>

namespace kiosk::test {

/// Certificates made at test time with the openssl command (EC P-256, valid 2 days):
/// a CA, a server certificate for 127.0.0.1 and a kiosk client certificate (CN kiosk-test-01)
/// signed by it; and a second, rogue CA with its own server and client certificates, for
/// "wrong certificate" cases.
struct TestPki {
    std::filesystem::path ca, server_cert, server_key, client_cert, client_key;
    std::filesystem::path rogue_ca, rogue_server_cert, rogue_server_key, rogue_client_cert, rogue_client_key;
};

/// Writes the files into @p dir. Aborts the test run if openssl fails.
TestPki make_test_pki(std::filesystem::path const& dir);

} // namespace kiosk::test
