// SPDX-License-Identifier: MIT
#include "update/repository_writer.hpp"

#include "update/file_hash.hpp"
#include "update/metadata_json.hpp"

#include <nlohmann/json.hpp>

namespace kiosk::update::repository {

using nlohmann::json;

namespace {

    Result<std::string> envelope(json const& body, std::vector<signing::SigningKey const*> const& keys)
    {
        std::string const canonical = canonical_json(body);
        ByteView const message(reinterpret_cast<std::uint8_t const*>(canonical.data()), canonical.size());
        json signatures = json::array();
        for (auto const* key : keys) {
            auto const signature = KIOSK_TRY(key->sign(message));
            auto const public_key = KIOSK_TRY(key->verify_key());
            signatures.push_back({ { "keyid", public_key.key_id() }, { "sig", signing::to_hex(signature) } });
        }
        return json { { "signed", body }, { "signatures", signatures } }.dump(2) + "\n";
    }

    json meta_entry(std::uint64_t version, std::string const& text)
    {
        return { { "version", version }, { "length", text.size() }, { "hashes", { { "sha256", sha256_hex(text) } } } };
    }

} // namespace

Result<std::string> root(RootSpec const& spec, std::vector<signing::SigningKey const*> const& keys)
{
    json key_table = json::object();
    json roles = json::object();
    for (auto const& [role, role_keys] : spec.keys) {
        json ids = json::array();
        for (auto const& key : role_keys) {
            key_table[key.key_id()] = { { "keytype", "ed25519" }, { "keyval", { { "public", key.hex() } } } };
            ids.push_back(key.key_id());
        }
        auto const threshold = spec.thresholds.find(role);
        roles[std::string(role_name(role))]
            = { { "keyids", ids }, { "threshold", threshold == spec.thresholds.end() ? 1 : threshold->second } };
    }
    json const body { { "_type", "root" }, { "version", spec.version }, { "expires", format_utc(spec.expires) },
        { "keys", key_table }, { "roles", roles } };
    return envelope(body, keys);
}

Result<std::string> timestamp(std::uint64_t version, std::chrono::sys_seconds expires, std::uint64_t snapshot_version,
    std::string const& snapshot_text, std::vector<signing::SigningKey const*> const& keys)
{
    json const body { { "_type", "timestamp" }, { "version", version }, { "expires", format_utc(expires) },
        { "meta", { { "snapshot.json", meta_entry(snapshot_version, snapshot_text) } } } };
    return envelope(body, keys);
}

Result<std::string> snapshot(std::uint64_t version, std::chrono::sys_seconds expires, std::uint64_t targets_version,
    std::string const& targets_text, std::vector<signing::SigningKey const*> const& keys)
{
    json const body { { "_type", "snapshot" }, { "version", version }, { "expires", format_utc(expires) },
        { "meta", { { "targets.json", meta_entry(targets_version, targets_text) } } } };
    return envelope(body, keys);
}

Result<std::string> targets(std::uint64_t version, std::chrono::sys_seconds expires,
    std::vector<TargetInfo> const& targets, std::vector<signing::SigningKey const*> const& keys)
{
    json list = json::object();
    for (auto const& target : targets) {
        if (!safe_target_name(target.name))
            return fail(Errc::invalid_argument, "publishing: a target name could leave the targets folder");
        json rollout { { "percent", target.rollout.percent } };
        if (!target.rollout.groups.empty())
            rollout["groups"] = target.rollout.groups;
        list[target.name] = { { "length", target.length }, { "hashes", { { "sha256", target.sha256 } } },
            { "custom", { { "version", target.version }, { "board", target.board }, { "rollout", rollout } } } };
    }
    json const body { { "_type", "targets" }, { "version", version }, { "expires", format_utc(expires) },
        { "targets", list } };
    return envelope(body, keys);
}

} // namespace kiosk::update::repository
