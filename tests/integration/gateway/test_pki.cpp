// SPDX-License-Identifier: MIT
#include "test_pki.hpp"

#include "support/process.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace kiosk::test {

namespace {

void openssl(std::vector<std::string> args)
{
    args.insert(args.begin(), "/usr/bin/openssl");
    auto result = run_process(args);
    if (result.exit_code != 0) {
        std::fprintf(stderr, "openssl %s failed: %s\n", args.at(1).c_str(), result.err.c_str());
        std::abort();
    }
}

void make_ca(std::filesystem::path const& dir, std::string const& name)
{
    openssl({ "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
        "-subj", "/CN=" + name, "-keyout", (dir / (name + ".key")).string(), "-out", (dir / (name + ".pem")).string(),
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign" });
}

void make_leaf(std::filesystem::path const& dir, std::string const& ca, std::string const& name, std::string const& cn,
    std::string const& extensions)
{
    auto key = (dir / (name + ".key")).string();
    auto csr = (dir / (name + ".csr")).string();
    auto ext = dir / (name + ".ext");
    std::ofstream(ext) << extensions;
    openssl({ "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
        "/CN=" + cn, "-keyout", key, "-out", csr });
    openssl({ "x509", "-req", "-in", csr, "-CA", (dir / (ca + ".pem")).string(), "-CAkey",
        (dir / (ca + ".key")).string(), "-CAcreateserial", "-days", "2", "-out", (dir / (name + ".pem")).string(),
        "-extfile", ext.string() });
}

} // namespace

TestPki make_test_pki(std::filesystem::path const& dir)
{
    std::string const server_ext = "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n";
    std::string const client_ext = "extendedKeyUsage=clientAuth\n";
    make_ca(dir, "ca");
    make_leaf(dir, "ca", "server", "127.0.0.1", server_ext);
    make_leaf(dir, "ca", "client", "kiosk-test-01", client_ext);
    make_ca(dir, "rogue-ca");
    make_leaf(dir, "rogue-ca", "rogue-server", "127.0.0.1", server_ext);
    make_leaf(dir, "rogue-ca", "rogue-client", "kiosk-test-01", client_ext);
    TestPki pki;
    pki.ca = dir / "ca.pem";
    pki.server_cert = dir / "server.pem";
    pki.server_key = dir / "server.key";
    pki.client_cert = dir / "client.pem";
    pki.client_key = dir / "client.key";
    pki.rogue_ca = dir / "rogue-ca.pem";
    pki.rogue_server_cert = dir / "rogue-server.pem";
    pki.rogue_server_key = dir / "rogue-server.key";
    pki.rogue_client_cert = dir / "rogue-client.pem";
    pki.rogue_client_key = dir / "rogue-client.key";
    return pki;
}

} // namespace kiosk::test
