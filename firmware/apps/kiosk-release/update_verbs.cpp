// SPDX-License-Identifier: MIT
// The update repository verbs: init-root, add-target, sign, publish (issue 9). The repository
// logic lives in firmware/update/release_repository; these verbs read keys and options.
#include "release_command_set.hpp"

#include <signing/signed_file.hpp>
#include <update/release_repository.hpp>

#include <charconv>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kiosk::release {

namespace {

    using update::RoleName;

    std::chrono::sys_seconds now()
    {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    }

    struct RootOptions {
        std::string repo;
        std::map<RoleName, std::vector<std::string>> key_files;
        std::vector<std::string> thresholds;
        std::vector<std::string> signers;
        int expires_days = 365;
    };

    struct TargetOptions {
        std::string repo;
        std::string image;
        std::string board;
        std::string version;
        int percent = 100;
        std::vector<std::string> groups;
    };

    struct SignOptions {
        std::string repo;
        std::string targets_key;
        std::string snapshot_key;
        std::string timestamp_key;
        int expires_days = 30;
        int timestamp_hours = 24;
    };

    struct PublishOptions {
        std::string repo;
        std::string to;
    };

    cli::Exit key_error(cli::Output const& out, std::string const& file, Error const& error)
    {
        return out.error(error.code(), file + ": " + error.message(), cli::Output::exit_for(error.code()));
    }

    cli::Exit init_root(cli::Output const& out, RootOptions const& options)
    {
        std::map<RoleName, std::vector<signing::VerifyKey>> keys;
        for (auto const& [role, files] : options.key_files) {
            for (auto const& file : files) {
                auto key = signing::load_verify_key(file);
                if (!key)
                    return key_error(out, file, key.error());
                keys[role].push_back(*key);
            }
        }
        std::map<RoleName, int> thresholds;
        for (auto const& spec : options.thresholds) {
            auto const equals = spec.find('=');
            bool known = false;
            for (auto role : { RoleName::root, RoleName::timestamp, RoleName::snapshot, RoleName::targets }) {
                if (equals != std::string::npos && spec.substr(0, equals) == update::role_name(role)) {
                    int count = 0;
                    auto const digits = std::string_view(spec).substr(equals + 1);
                    auto const [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
                    thresholds[role] = error == std::errc() && end == digits.data() + digits.size() ? count : 0;
                    known = thresholds[role] > 0;
                }
            }
            if (!known)
                return out.error(Errc::invalid_argument, "--threshold " + spec + ": expected ROLE=N (N >= 1)", cli::Exit::usage);
        }
        std::vector<signing::SigningKey> signer_keys;
        for (auto const& file : options.signers) {
            auto key = signing::load_signing_key(file);
            if (!key)
                return key_error(out, file, key.error());
            signer_keys.push_back(std::move(*key));
        }
        std::vector<signing::SigningKey const*> signers;
        signers.reserve(signer_keys.size());
        for (auto const& key : signer_keys)
            signers.push_back(&key);
        update::ReleaseRepository repository(options.repo);
        auto version = repository.init_root(keys, thresholds, signers, now() + std::chrono::days(options.expires_days));
        if (!version)
            return out.error(version.error().code(), repository.message().empty() ? version.error().message() : repository.message(),
                cli::Output::exit_for(version.error().code()));
        std::string const file = options.repo + "/metadata/" + std::to_string(*version) + ".root.json";
        return out.result(true, { { "root_version", *version }, { "file", file } },
            "root version " + std::to_string(*version) + ": " + file
                + "\ninstall metadata/root.json on the kiosks as their initial root\n");
    }

    cli::Exit add_target(cli::Output const& out, TargetOptions const& options)
    {
        update::ReleaseRepository repository(options.repo);
        update::Rollout rollout { options.percent, options.groups };
        auto target = repository.add_target(options.image, options.board, options.version, rollout);
        if (!target)
            return out.error(target.error().code(), repository.message().empty() ? target.error().message() : repository.message(),
                cli::Output::exit_for(target.error().code()));
        return out.result(true,
            { { "target", { { "name", target->name }, { "version", target->version }, { "board", target->board },
                              { "length", target->length }, { "sha256", target->sha256 },
                              { "percent", target->rollout.percent } } } },
            "added " + target->name + " (" + target->version + ", " + std::to_string(target->length)
                + " bytes); run `sign` to publish it\n");
    }

    cli::Exit sign(cli::Output const& out, SignOptions const& options)
    {
        auto targets_key = signing::load_signing_key(options.targets_key);
        if (!targets_key)
            return key_error(out, options.targets_key, targets_key.error());
        auto snapshot_key = signing::load_signing_key(options.snapshot_key);
        if (!snapshot_key)
            return key_error(out, options.snapshot_key, snapshot_key.error());
        auto timestamp_key = signing::load_signing_key(options.timestamp_key);
        if (!timestamp_key)
            return key_error(out, options.timestamp_key, timestamp_key.error());
        update::ReleaseRepository repository(options.repo);
        auto version = repository.sign(*targets_key, *snapshot_key, *timestamp_key,
            now() + std::chrono::days(options.expires_days), now() + std::chrono::hours(options.timestamp_hours));
        if (!version)
            return out.error(version.error().code(), version.error().message(), cli::Output::exit_for(version.error().code()));
        return out.result(true, { { "metadata_version", *version } },
            "signed targets, snapshot and timestamp version " + std::to_string(*version) + "\n");
    }

    cli::Exit publish(cli::Output const& out, PublishOptions const& options)
    {
        update::ReleaseRepository repository(options.repo);
        std::string const destination = options.to.empty() ? options.repo + "/.publish-check" : options.to;
        auto count = repository.publish(destination, now());
        if (options.to.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(destination, ignored);
        }
        if (!count)
            return out.error(count.error().code(), repository.message().empty() ? count.error().message() : repository.message(),
                cli::Output::exit_for(count.error().code()));
        std::string const where = options.to.empty() ? options.repo : options.to;
        return out.result(true, { { "targets", *count }, { "published", where } },
            "verified " + std::to_string(*count) + " target(s); serve " + where + " over HTTPS\n");
    }

} // namespace

void add_update_verbs(CLI::App& app, VerbSet& verbs)
{
    auto root = std::make_shared<RootOptions>();
    auto* init = app.add_subcommand("init-root", "Write the next root metadata version (new repository or key rotation)");
    init->add_option("--repo", root->repo, "Repository folder")->required();
    init->add_option("--root-key", root->key_files[RoleName::root], "Public key (PEM) of the root role")->required();
    init->add_option("--timestamp-key", root->key_files[RoleName::timestamp], "Public key of the timestamp role")->required();
    init->add_option("--snapshot-key", root->key_files[RoleName::snapshot], "Public key of the snapshot role")->required();
    init->add_option("--targets-key", root->key_files[RoleName::targets], "Public key of the targets role")->required();
    init->add_option("--threshold", root->thresholds, "ROLE=N signatures needed (default 1)");
    init->add_option("--sign", root->signers, "Private key that signs this root (old and new root keys on rotation)")
        ->required();
    init->add_option("--expires-days", root->expires_days, "Days until the root expires (default 365)");
    verbs.add(init, [root](cli::Output const& out, GlobalOptions const&) { return init_root(out, *root); });

    auto target = std::make_shared<TargetOptions>();
    auto* add = app.add_subcommand("add-target", "Copy an image into the repository and list it for a board");
    add->add_option("--repo", target->repo, "Repository folder")->required();
    add->add_option("--board", target->board, "Board name the image is for (board.toml [board] name)")->required();
    add->add_option("--version", target->version, "Version of the image, dotted numbers")->required();
    add->add_option("--percent", target->percent, "Staged rollout: share of kiosks, 0-100 (default 100)");
    add->add_option("--group", target->groups, "Staged rollout: kiosk groups that take it regardless of --percent");
    add->add_option("IMAGE", target->image, "The image file")->required();
    verbs.add(add, [target](cli::Output const& out, GlobalOptions const&) { return add_target(out, *target); });

    auto signing = std::make_shared<SignOptions>();
    auto* sign_verb = app.add_subcommand("sign", "Sign the listed targets, a new snapshot and a new timestamp");
    sign_verb->add_option("--repo", signing->repo, "Repository folder")->required();
    sign_verb->add_option("--targets-key", signing->targets_key, "Private key of the targets role")->required();
    sign_verb->add_option("--snapshot-key", signing->snapshot_key, "Private key of the snapshot role")->required();
    sign_verb->add_option("--timestamp-key", signing->timestamp_key, "Private key of the timestamp role")->required();
    sign_verb->add_option("--expires-days", signing->expires_days, "Days until targets and snapshot expire (default 30)");
    sign_verb->add_option("--timestamp-hours", signing->timestamp_hours, "Hours until the timestamp expires (default 24)");
    verbs.add(sign_verb, [signing](cli::Output const& out, GlobalOptions const&) { return sign(out, *signing); });

    auto publishing = std::make_shared<PublishOptions>();
    auto* publish_verb = app.add_subcommand(
        "publish", "Verify the repository as a kiosk would; with --to, copy it to a web folder (timestamp last)");
    publish_verb->add_option("DIR", publishing->repo, "Repository folder")->required();
    publish_verb->add_option("--to", publishing->to, "Web server folder to publish into");
    verbs.add(publish_verb, [publishing](cli::Output const& out, GlobalOptions const&) { return publish(out, *publishing); });
}

} // namespace kiosk::release
