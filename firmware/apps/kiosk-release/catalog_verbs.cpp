// SPDX-License-Identifier: MIT
#include "release_command_set.hpp"

#include <catalog/catalog_json.hpp>
#include <catalog/catalog_package.hpp>
#include <signing/signed_file.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <unistd.h>

namespace kiosk::release {

namespace {

    struct SignCatalogOptions {
        std::string catalog;
        std::string key;
        std::string out;
    };

    // Writes beside the target and renames, so a reader never sees half a package.
    bool write_atomically(std::string const& file, std::string const& content)
    {
        std::string const temp = file + ".tmp-" + std::to_string(::getpid());
        std::FILE* handle = std::fopen(temp.c_str(), "wb");
        if (handle == nullptr)
            return false;
        bool ok = std::fwrite(content.data(), 1, content.size(), handle) == content.size();
        ok = std::fflush(handle) == 0 && ok;
        ok = ::fsync(::fileno(handle)) == 0 && ok;
        ok = std::fclose(handle) == 0 && ok;
        if (ok)
            ok = std::rename(temp.c_str(), file.c_str()) == 0;
        if (!ok)
            std::remove(temp.c_str());
        return ok;
    }

    cli::Exit sign_catalog(cli::Output const& out, SignCatalogOptions const& options)
    {
        std::ifstream in(options.catalog, std::ios::binary);
        if (!in)
            return out.error(Errc::not_found, "cannot open " + options.catalog, cli::Exit::usage);
        std::ostringstream text;
        text << in.rdbuf();
        std::string const json = text.str();
        auto key = signing::load_signing_key(options.key);
        if (!key)
            return out.error(Errc::invalid_argument, options.key + ": " + key.error().message(), cli::Exit::usage);
        auto catalog = catalog::parse_catalog_json(json);
        if (!catalog)
            return out.error(catalog.error().code, options.catalog + ": " + catalog.error().message() + "; not signed",
                cli::Output::exit_for(catalog.error().code));
        auto package = catalog::make_catalog_package(json, *key);
        if (!package)
            return out.error(package.error().code, package.error().message(), cli::Exit::failed);
        if (!write_atomically(options.out, *package))
            return out.error(Errc::io, "cannot write " + options.out, cli::Exit::failed);
        auto const key_id = KIOSK_MUST(key->verify_key()).key_id();
        auto const digest = signing::to_hex(signing::sha256(signing::as_bytes(json)));
        return out.result(true,
            { { "package", options.out }, { "key_id", key_id }, { "version", catalog->version },
                { "procedures", catalog->procedures.size() }, { "bytes", package->size() },
                { "payload_sha256", digest } },
            "signed " + std::to_string(catalog->procedures.size()) + " procedures (version " + catalog->version
                + ") with key " + key_id + " -> " + options.out + "\n");
    }

} // namespace

void add_catalog_verbs(CLI::App& app, VerbSet& verbs)
{
    auto options = std::make_shared<SignCatalogOptions>();
    auto* verb = app.add_subcommand("sign-catalog",
        "Validate a catalog JSON (kiosk-catalog/1) and write it as a signed package (kiosk-signed/1)");
    verb->add_option("CATALOG", options->catalog, "Catalog JSON to sign")->required();
    verb->add_option("--key", options->key, "Private key file from `kiosk-release keygen` (PEM PKCS#8)")->required();
    verb->add_option("--out", options->out, "Package file to write (replaced atomically)")->required();
    verbs.add(verb, [options](cli::Output const& out, GlobalOptions const&) { return sign_catalog(out, *options); });
}

} // namespace kiosk::release
