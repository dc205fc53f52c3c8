// SPDX-License-Identifier: MIT
#include "update/release_repository.hpp"

#include "update/atomic_file.hpp"
#include "update/file_hash.hpp"
#include "update/metadata_client.hpp"

#include <nlohmann/json.hpp>

#include <system_error>

#include <unistd.h>

namespace kiosk::update {

using nlohmann::json;

namespace {

    constexpr char const* LIST_FILE = "targets.list.json";

    Result<void> copy_atomically(std::filesystem::path const& from, std::filesystem::path const& to)
    {
        std::error_code error;
        std::filesystem::create_directories(to.parent_path(), error);
        auto const temporary = to.string() + ".tmp";
        if (!error)
            std::filesystem::copy_file(from, temporary, std::filesystem::copy_options::overwrite_existing, error);
        if (!error)
            std::filesystem::rename(temporary, to, error);
        if (error)
            return fail(Errc::io, "copying a repository file", error.value());
        return {};
    }

} // namespace

ReleaseRepository::ReleaseRepository(std::filesystem::path folder)
    : m_folder(std::move(folder))
{
}

Result<std::uint64_t> ReleaseRepository::published_version(char const* file, RoleName role) const
{
    auto const text = KIOSK_TRY(read_file_if_any(m_folder / "metadata" / file));
    if (!text)
        return std::uint64_t { 0 };
    auto const envelope = KIOSK_TRY(parse_envelope(*text, role));
    switch (role) {
    case RoleName::root:
        return KIOSK_TRY(parse_root(envelope)).common.version;
    case RoleName::timestamp:
        return KIOSK_TRY(parse_timestamp(envelope)).common.version;
    case RoleName::snapshot:
        return KIOSK_TRY(parse_snapshot(envelope)).common.version;
    case RoleName::targets:
        return KIOSK_TRY(parse_targets(envelope)).common.version;
    }
    return std::uint64_t { 0 };
}

Result<std::uint64_t> ReleaseRepository::init_root(std::map<RoleName, std::vector<signing::VerifyKey>> const& keys,
    std::map<RoleName, int> const& thresholds, std::vector<signing::SigningKey const*> const& signers,
    std::chrono::sys_seconds expires)
{
    for (auto role : { RoleName::root, RoleName::timestamp, RoleName::snapshot, RoleName::targets }) {
        auto const found = keys.find(role);
        if (found == keys.end() || found->second.empty()) {
            m_message = "every role needs at least one key: " + std::string(role_name(role)) + " has none";
            return fail(Errc::invalid_argument, "making the root");
        }
    }
    auto const current = published_version("root.json", RoleName::root);
    if (!current) {
        m_message = (m_folder / "metadata" / "root.json").string() + ": " + current.error().message();
        return Unexpected(current.error());
    }
    RootSpec spec;
    spec.version = *current + 1;
    spec.expires = expires;
    spec.keys = keys;
    spec.thresholds = thresholds;
    auto const text = KIOSK_TRY(repository::root(spec, signers));
    std::error_code error;
    std::filesystem::create_directories(m_folder / "metadata", error);
    if (error)
        return fail(Errc::io, "creating the repository folder", error.value());
    KIOSK_TRY(write_file_atomically(m_folder / "metadata" / (std::to_string(spec.version) + ".root.json"), text));
    KIOSK_TRY(write_file_atomically(m_folder / "metadata" / "root.json", text));
    return spec.version;
}

Result<std::vector<TargetInfo>> ReleaseRepository::listed_targets() const
{
    std::vector<TargetInfo> targets;
    auto const text = KIOSK_TRY(read_file_if_any(m_folder / LIST_FILE));
    if (!text)
        return targets;
    auto const list = json::parse(*text, nullptr, false);
    if (list.is_discarded() || !list.is_array())
        return fail(Errc::malformed, "reading targets.list.json: not a JSON array");
    for (auto const& item : list) {
        if (!item.is_object() || !item.contains("name") || !item["name"].is_string() || !item.contains("length")
            || !item["length"].is_number_unsigned() || !item.contains("sha256") || !item["sha256"].is_string()
            || !item.contains("version") || !item["version"].is_string() || !item.contains("board")
            || !item["board"].is_string())
            return fail(Errc::malformed, "reading targets.list.json: an entry lacks a field");
        TargetInfo target;
        target.name = item["name"].get<std::string>();
        target.length = item["length"].get<std::uint64_t>();
        target.sha256 = item["sha256"].get<std::string>();
        target.version = item["version"].get<std::string>();
        target.board = item["board"].get<std::string>();
        if (item.contains("percent") && item["percent"].is_number_unsigned())
            target.rollout.percent = static_cast<int>(item["percent"].get<std::uint64_t>());
        if (item.contains("groups") && item["groups"].is_array()) {
            for (auto const& group : item["groups"]) {
                if (group.is_string())
                    target.rollout.groups.push_back(group.get<std::string>());
            }
        }
        targets.push_back(std::move(target));
    }
    return targets;
}

Result<TargetInfo> ReleaseRepository::add_target(
    std::filesystem::path const& image, std::string const& board, std::string const& version, Rollout const& rollout)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(image, error)) {
        m_message = image.string() + ": no such image file";
        return fail(Errc::not_found, "adding a target");
    }
    TargetInfo target;
    target.name = board + "/" + image.filename().string();
    target.board = board;
    target.version = version;
    target.rollout = rollout;
    if (!safe_target_name(target.name) || board.find('/') != std::string::npos) {
        m_message = "'" + target.name + "' is not a safe target name (letters, digits, . _ - only)";
        return fail(Errc::invalid_argument, "adding a target");
    }
    if (version.empty() || version.find_first_not_of("0123456789.") != std::string::npos) {
        m_message = "'" + version + "' is not a version (dotted numbers, e.g. 1.6.0)";
        return fail(Errc::invalid_argument, "adding a target");
    }
    if (rollout.percent < 0 || rollout.percent > 100) {
        m_message = "the rollout percent must be 0 to 100";
        return fail(Errc::invalid_argument, "adding a target");
    }
    KIOSK_TRY(copy_atomically(image, m_folder / "targets" / target.name));
    target.length = std::filesystem::file_size(m_folder / "targets" / target.name, error);
    target.sha256 = KIOSK_TRY(sha256_file(m_folder / "targets" / target.name));

    auto targets = KIOSK_TRY(listed_targets());
    std::erase_if(targets, [&](TargetInfo const& listed) { return listed.name == target.name; });
    targets.push_back(target);
    json list = json::array();
    for (auto const& listed : targets) {
        list.push_back({ { "name", listed.name }, { "length", listed.length }, { "sha256", listed.sha256 },
            { "version", listed.version }, { "board", listed.board }, { "percent", listed.rollout.percent },
            { "groups", listed.rollout.groups } });
    }
    KIOSK_TRY(write_file_atomically(m_folder / LIST_FILE, list.dump(2) + "\n"));
    return target;
}

Result<std::uint64_t> ReleaseRepository::sign(signing::SigningKey const& targets_key,
    signing::SigningKey const& snapshot_key, signing::SigningKey const& timestamp_key, std::chrono::sys_seconds expires,
    std::chrono::sys_seconds timestamp_expires)
{
    auto const targets = KIOSK_TRY(listed_targets());
    auto const previous = std::max({ KIOSK_TRY(published_version("targets.json", RoleName::targets)),
        KIOSK_TRY(published_version("snapshot.json", RoleName::snapshot)),
        KIOSK_TRY(published_version("timestamp.json", RoleName::timestamp)) });
    std::uint64_t const version = previous + 1;
    auto const targets_text = KIOSK_TRY(repository::targets(version, expires, targets, { &targets_key }));
    auto const snapshot_text = KIOSK_TRY(repository::snapshot(version, expires, version, targets_text, { &snapshot_key }));
    auto const timestamp_text
        = KIOSK_TRY(repository::timestamp(version, timestamp_expires, version, snapshot_text, { &timestamp_key }));
    KIOSK_TRY(write_file_atomically(m_folder / "metadata" / "targets.json", targets_text));
    KIOSK_TRY(write_file_atomically(m_folder / "metadata" / "snapshot.json", snapshot_text));
    KIOSK_TRY(write_file_atomically(m_folder / "metadata" / "timestamp.json", timestamp_text));
    return version;
}

Result<std::size_t> ReleaseRepository::publish(std::filesystem::path const& destination, std::chrono::sys_seconds now)
{
    // Verify exactly what the kiosks will read, with the kiosks' own code.
    std::error_code error;
    auto const scratch = std::filesystem::temp_directory_path(error) / ("kiosk-release-check-" + std::to_string(::getpid()));
    std::filesystem::remove_all(scratch, error);
    auto client = MetadataClient::open(scratch, m_folder / "metadata" / "1.root.json");
    if (!client) {
        m_message = (m_folder / "metadata" / "1.root.json").string() + ": " + client.error().message();
        return Unexpected(client.error());
    }
    auto const targets = client->refresh(
        [&](std::string const& name, std::uint64_t max_bytes) -> Result<std::string> {
            auto text = KIOSK_TRY(read_file_if_any(m_folder / "metadata" / name));
            if (!text)
                return fail(Errc::not_found, "no such metadata file");
            if (text->size() > max_bytes)
                return fail(Errc::refused, "metadata file too long");
            return *text;
        },
        now);
    std::filesystem::remove_all(scratch, error);
    if (!targets) {
        m_message = "the repository does not verify: " + targets.error().message();
        return fail(Errc::refused, "publishing");
    }
    for (auto const& target : targets->targets) {
        if (!verify_file(m_folder / "targets" / target.name, target.length, target.sha256)) {
            m_message = "targets/" + target.name + " does not match its signed length and hash";
            return fail(Errc::refused, "publishing");
        }
        KIOSK_TRY(copy_atomically(m_folder / "targets" / target.name, destination / "targets" / target.name));
    }
    for (auto const& entry : std::filesystem::directory_iterator(m_folder / "metadata", error)) {
        auto const name = entry.path().filename().string();
        if (name.size() > 10 && name.ends_with(".root.json"))
            KIOSK_TRY(copy_atomically(entry.path(), destination / "metadata" / name));
    }
    for (char const* name : { "root.json", "targets.json", "snapshot.json", "timestamp.json" })
        KIOSK_TRY(copy_atomically(m_folder / "metadata" / name, destination / "metadata" / name));
    return targets->targets.size();
}

} // namespace kiosk::update
