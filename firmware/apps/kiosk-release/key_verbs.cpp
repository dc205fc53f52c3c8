// SPDX-License-Identifier: MIT
#include "release_command_set.hpp"

#include <signing/signed_file.hpp>
#include <signing/signing_key.hpp>

#include <memory>
#include <string>

namespace kiosk::release {

namespace {

    cli::Exit keygen(cli::Output const& out, std::string const& prefix)
    {
        auto key = signing::SigningKey::generate();
        if (!key)
            return out.error(key.error().code(), key.error().message(), cli::Exit::failed);
        auto public_key = key->verify_key();
        auto private_pem = key->to_pem();
        if (!public_key || !private_pem)
            return out.error(Errc::internal, "cannot encode the new key", cli::Exit::failed);
        auto public_pem = public_key->to_pem();
        if (!public_pem)
            return out.error(Errc::internal, "cannot encode the new public key", cli::Exit::failed);
        std::string const private_file = prefix + ".key";
        std::string const public_file = prefix + ".pub";
        // The private key first, and never over an existing file: losing a release key is
        // worse than a failed keygen.
        if (auto written = signing::write_key_file(private_file, *private_pem, 0600); !written)
            return out.error(written.error().code(), private_file + ": " + written.error().message(), cli::Exit::failed);
        if (auto written = signing::write_key_file(public_file, *public_pem, 0644); !written)
            return out.error(written.error().code(), public_file + ": " + written.error().message(), cli::Exit::failed);
        return out.result(true,
            { { "key_id", public_key->key_id() }, { "private_key", private_file }, { "public_key", public_file } },
            "key " + public_key->key_id() + "\nprivate: " + private_file + " (keep it secret, mode 0600)\npublic:  "
                + public_file + "\n");
    }

} // namespace

void add_key_verbs(CLI::App& app, VerbSet& verbs)
{
    auto prefix = std::make_shared<std::string>();
    auto* verb = app.add_subcommand("keygen", "Make a new Ed25519 signing key: PREFIX.key (0600) and PREFIX.pub");
    verb->add_option("--out", *prefix, "Path prefix of the two key files (never overwritten)")->required();
    verbs.add(verb, [prefix](cli::Output const& out, GlobalOptions const&) { return keygen(out, *prefix); });
}

} // namespace kiosk::release
