// SPDX-License-Identifier: MIT
// nlohmann::json may throw on a type mismatch; every accessor below checks types first, and
// the public parse functions also catch, so a hostile file can only ever be "malformed".
#include "update/metadata.hpp"

#include "update/metadata_json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>
#include <set>

namespace kiosk::update {

using nlohmann::json;

namespace {

    Unexpected<Error> malformed(char const* what) { return fail(Errc::malformed, what); }

    std::optional<RoleName> parse_role(std::string_view name)
    {
        for (auto role : { RoleName::root, RoleName::timestamp, RoleName::snapshot, RoleName::targets }) {
            if (role_name(role) == name)
                return role;
        }
        return std::nullopt;
    }

    json const* member(json const& object, char const* key)
    {
        auto found = object.find(key);
        return found == object.end() ? nullptr : &*found;
    }

    std::optional<std::string> string_member(json const& object, char const* key)
    {
        auto const* value = member(object, key);
        if (value == nullptr || !value->is_string())
            return std::nullopt;
        return value->get<std::string>();
    }

    std::optional<std::uint64_t> uint_member(json const& object, char const* key)
    {
        auto const* value = member(object, key);
        if (value == nullptr || !value->is_number_unsigned())
            return std::nullopt;
        return value->get<std::uint64_t>();
    }

    Result<json> signed_part(Envelope const& envelope)
    {
        auto body = json::parse(envelope.canonical, nullptr, false);
        if (body.is_discarded() || !body.is_object())
            return malformed("reading metadata: the signed part is not an object");
        return body;
    }

    Result<Common> parse_common(json const& body)
    {
        auto const version = uint_member(body, "version");
        auto const expires = string_member(body, "expires");
        if (!version || *version == 0)
            return malformed("reading metadata: \"version\" must be a positive integer");
        if (!expires)
            return malformed("reading metadata: \"expires\" is missing");
        auto const when = parse_utc(*expires);
        if (!when)
            return malformed("reading metadata: \"expires\" is not an ISO 8601 UTC time");
        return Common { *version, *when };
    }

    Result<MetaFile> parse_meta_file(json const& body, char const* file)
    {
        auto const* meta = member(body, "meta");
        if (meta == nullptr || !meta->is_object())
            return malformed("reading metadata: \"meta\" is missing");
        auto const* entry = member(*meta, file);
        if (entry == nullptr || !entry->is_object())
            return malformed("reading metadata: \"meta\" does not name the next role's file");
        MetaFile result;
        auto const version = uint_member(*entry, "version");
        if (!version || *version == 0)
            return malformed("reading metadata: a \"meta\" entry has no version");
        result.version = *version;
        if (member(*entry, "length") != nullptr) {
            result.length = uint_member(*entry, "length");
            if (!result.length)
                return malformed("reading metadata: a \"meta\" length is not a number");
        }
        if (auto const* hashes = member(*entry, "hashes"); hashes != nullptr) {
            if (!hashes->is_object())
                return malformed("reading metadata: \"hashes\" is not an object");
            result.sha256 = string_member(*hashes, "sha256");
        }
        return result;
    }

    template <class F> auto guarded(F&& parse) -> decltype(parse())
    {
        try {
            return parse();
        } catch (json::exception const&) {
            return malformed("reading metadata: a field has the wrong type");
        }
    }

} // namespace

std::string_view role_name(RoleName role) noexcept
{
    switch (role) {
    case RoleName::root:
        return "root";
    case RoleName::timestamp:
        return "timestamp";
    case RoleName::snapshot:
        return "snapshot";
    case RoleName::targets:
        return "targets";
    }
    return "?";
}

Result<Envelope> parse_envelope(std::string_view text, RoleName expected)
{
    return guarded([&]() -> Result<Envelope> {
        auto const document = json::parse(text, nullptr, false);
        if (document.is_discarded() || !document.is_object())
            return malformed("reading metadata: not a JSON object");
        auto const* body = member(document, "signed");
        auto const* signatures = member(document, "signatures");
        if (body == nullptr || !body->is_object() || signatures == nullptr || !signatures->is_array())
            return malformed("reading metadata: \"signed\" or \"signatures\" is missing");
        if (string_member(*body, "_type") != std::string(role_name(expected)))
            return malformed("reading metadata: \"_type\" is not the role expected here");
        Envelope envelope;
        envelope.canonical = canonical_json(*body);
        for (auto const& item : *signatures) {
            if (!item.is_object())
                return malformed("reading metadata: a signature is not an object");
            auto const key_id = string_member(item, "keyid");
            auto const sig = string_member(item, "sig");
            if (!key_id || !sig)
                return malformed("reading metadata: a signature lacks \"keyid\" or \"sig\"");
            auto bytes = signing::from_hex(*sig);
            if (!bytes)
                return malformed("reading metadata: a signature is not hex");
            envelope.signatures.emplace_back(*key_id, std::move(*bytes));
        }
        return envelope;
    });
}

Result<void> check_signatures(Envelope const& envelope, RootMetadata const& root, RoleName role)
{
    auto const keys = root.roles.find(role);
    if (keys == root.roles.end())
        return fail(Errc::refused, "checking metadata: the root names no keys for this role");
    std::set<std::string> good;
    ByteView const message(reinterpret_cast<std::uint8_t const*>(envelope.canonical.data()), envelope.canonical.size());
    for (auto const& [key_id, signature] : envelope.signatures) {
        if (std::find(keys->second.key_ids.begin(), keys->second.key_ids.end(), key_id) == keys->second.key_ids.end())
            continue;
        auto const key = root.keys.find(key_id);
        if (key == root.keys.end())
            continue;
        if (key->second.verify(message, signature))
            good.insert(key_id);
    }
    if (static_cast<int>(good.size()) < std::max(1, keys->second.threshold))
        return fail(Errc::refused, "checking metadata: valid signatures below the role's threshold");
    return {};
}

Result<RootMetadata> parse_root(Envelope const& envelope)
{
    return guarded([&]() -> Result<RootMetadata> {
        auto const body = KIOSK_TRY(signed_part(envelope));
        RootMetadata root;
        root.common = KIOSK_TRY(parse_common(body));
        auto const* keys = member(body, "keys");
        auto const* roles = member(body, "roles");
        if (keys == nullptr || !keys->is_object() || roles == nullptr || !roles->is_object())
            return malformed("reading root metadata: \"keys\" or \"roles\" is missing");
        for (auto const& [key_id, entry] : keys->items()) {
            if (!entry.is_object() || string_member(entry, "keytype") != std::string("ed25519"))
                return malformed("reading root metadata: a key is not an ed25519 key");
            auto const* value = member(entry, "keyval");
            auto const hex = value != nullptr && value->is_object() ? string_member(*value, "public") : std::nullopt;
            if (!hex)
                return malformed("reading root metadata: a key has no public value");
            auto key = signing::VerifyKey::from_hex(*hex);
            if (!key)
                return malformed("reading root metadata: a public key is not 32 bytes of hex");
            if (key->key_id() != key_id)
                return malformed("reading root metadata: a key id is not the SHA-256 of its key");
            root.keys.emplace(key_id, *key);
        }
        for (auto const& [name, entry] : roles->items()) {
            auto const role = parse_role(name);
            auto const* ids = entry.is_object() ? member(entry, "keyids") : nullptr;
            auto const threshold = entry.is_object() ? uint_member(entry, "threshold") : std::nullopt;
            if (!role || ids == nullptr || !ids->is_array() || !threshold || *threshold == 0 || *threshold > 16)
                return malformed("reading root metadata: a role has no key ids or threshold");
            RoleKeys role_keys;
            role_keys.threshold = static_cast<int>(*threshold);
            for (auto const& id : *ids) {
                if (!id.is_string() || root.keys.count(id.get<std::string>()) == 0)
                    return malformed("reading root metadata: a role names a key the root does not list");
                role_keys.key_ids.push_back(id.get<std::string>());
            }
            root.roles[*role] = role_keys;
        }
        for (auto role : { RoleName::root, RoleName::timestamp, RoleName::snapshot, RoleName::targets }) {
            if (root.roles.count(role) == 0)
                return malformed("reading root metadata: a role is missing");
        }
        return root;
    });
}

Result<TimestampMetadata> parse_timestamp(Envelope const& envelope)
{
    return guarded([&]() -> Result<TimestampMetadata> {
        auto const body = KIOSK_TRY(signed_part(envelope));
        TimestampMetadata timestamp;
        timestamp.common = KIOSK_TRY(parse_common(body));
        timestamp.snapshot = KIOSK_TRY(parse_meta_file(body, "snapshot.json"));
        return timestamp;
    });
}

Result<SnapshotMetadata> parse_snapshot(Envelope const& envelope)
{
    return guarded([&]() -> Result<SnapshotMetadata> {
        auto const body = KIOSK_TRY(signed_part(envelope));
        SnapshotMetadata snapshot;
        snapshot.common = KIOSK_TRY(parse_common(body));
        snapshot.targets = KIOSK_TRY(parse_meta_file(body, "targets.json"));
        return snapshot;
    });
}

Result<TargetsMetadata> parse_targets(Envelope const& envelope)
{
    return guarded([&]() -> Result<TargetsMetadata> {
        auto const body = KIOSK_TRY(signed_part(envelope));
        TargetsMetadata targets;
        targets.common = KIOSK_TRY(parse_common(body));
        auto const* list = member(body, "targets");
        if (list == nullptr || !list->is_object())
            return malformed("reading targets metadata: \"targets\" is missing");
        for (auto const& [name, entry] : list->items()) {
            if (!safe_target_name(name))
                return malformed("reading targets metadata: a target name could leave the targets folder");
            TargetInfo target;
            target.name = name;
            auto const length = entry.is_object() ? uint_member(entry, "length") : std::nullopt;
            auto const* hashes = entry.is_object() ? member(entry, "hashes") : nullptr;
            auto const sha256 = hashes != nullptr && hashes->is_object() ? string_member(*hashes, "sha256") : std::nullopt;
            auto const* custom = entry.is_object() ? member(entry, "custom") : nullptr;
            if (!length || !sha256 || sha256->size() != 64 || custom == nullptr || !custom->is_object())
                return malformed("reading targets metadata: a target lacks length, sha256 or custom");
            target.length = *length;
            target.sha256 = *sha256;
            auto const version = string_member(*custom, "version");
            auto const board = string_member(*custom, "board");
            if (!version || !board)
                return malformed("reading targets metadata: a target lacks its version or board");
            target.version = *version;
            target.board = *board;
            if (auto const* rollout = member(*custom, "rollout"); rollout != nullptr) {
                if (!rollout->is_object())
                    return malformed("reading targets metadata: \"rollout\" is not an object");
                if (auto const percent = uint_member(*rollout, "percent")) {
                    if (*percent > 100)
                        return malformed("reading targets metadata: rollout percent over 100");
                    target.rollout.percent = static_cast<int>(*percent);
                }
                if (auto const* groups = member(*rollout, "groups"); groups != nullptr && groups->is_array()) {
                    for (auto const& group : *groups) {
                        if (group.is_string())
                            target.rollout.groups.push_back(group.get<std::string>());
                    }
                }
            }
            targets.targets.push_back(std::move(target));
        }
        return targets;
    });
}

int compare_versions(std::string_view a, std::string_view b)
{
    while (!a.empty() || !b.empty()) {
        auto const a_end = a.find('.');
        auto const b_end = b.find('.');
        std::string_view const a_part = a.substr(0, a_end);
        std::string_view const b_part = b.substr(0, b_end);
        std::uint64_t a_number = 0;
        std::uint64_t b_number = 0;
        auto const [a_ptr, a_error] = std::from_chars(a_part.data(), a_part.data() + a_part.size(), a_number);
        auto const [b_ptr, b_error] = std::from_chars(b_part.data(), b_part.data() + b_part.size(), b_number);
        bool const numeric = a_error == std::errc() && b_error == std::errc() && a_ptr == a_part.data() + a_part.size()
            && b_ptr == b_part.data() + b_part.size();
        if (numeric && a_number != b_number)
            return a_number < b_number ? -1 : 1;
        if (!numeric && a_part != b_part)
            return a_part < b_part ? -1 : 1;
        a = a_end == std::string_view::npos ? std::string_view() : a.substr(a_end + 1);
        b = b_end == std::string_view::npos ? std::string_view() : b.substr(b_end + 1);
    }
    return 0;
}

bool safe_target_name(std::string_view name)
{
    if (name.empty() || name.size() > 200 || name.front() == '/')
        return false;
    for (char const c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '.' && c != '_' && c != '-' && c != '/')
            return false;
    }
    std::string_view rest = name;
    while (!rest.empty()) {
        auto const end = rest.find('/');
        auto const part = rest.substr(0, end);
        if (part.empty() || part == "." || part == "..")
            return false;
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
    return true;
}

std::optional<std::chrono::sys_seconds> parse_utc(std::string_view text)
{
    // Exactly YYYY-MM-DDTHH:MM:SSZ.
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':'
        || text[16] != ':' || text[19] != 'Z')
        return std::nullopt;
    auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
        int value = 0;
        auto const [end, error] = std::from_chars(text.data() + at, text.data() + at + length, value);
        if (error != std::errc() || end != text.data() + at + length)
            return std::nullopt;
        return value;
    };
    auto const year = number(0, 4);
    auto const month = number(5, 2);
    auto const day = number(8, 2);
    auto const hour = number(11, 2);
    auto const minute = number(14, 2);
    auto const second = number(17, 2);
    if (!year || !month || !day || !hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59)
        return std::nullopt;
    std::chrono::year_month_day const date { std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
        std::chrono::day(static_cast<unsigned>(*day)) };
    if (!date.ok())
        return std::nullopt;
    return std::chrono::sys_days(date) + std::chrono::hours(*hour) + std::chrono::minutes(*minute)
        + std::chrono::seconds(*second);
}

std::string format_utc(std::chrono::sys_seconds time)
{
    auto const days = std::chrono::floor<std::chrono::days>(time);
    std::chrono::year_month_day const date(days);
    std::chrono::hh_mm_ss const clock(time - days);
    std::array<char, 32> text {};
    std::snprintf(text.data(), text.size(), "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
        static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), static_cast<int>(clock.hours().count()),
        static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
    return text.data();
}

} // namespace kiosk::update
