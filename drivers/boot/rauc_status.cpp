// SPDX-License-Identifier: MIT
// nlohmann-json is asked not to throw (parse with allow_exceptions=false, every access checked
// for its type first); the try block is the last line of defence the style asks for.
#include "boot/rauc_status.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>

namespace kiosk::drivers {

using nlohmann::json;

namespace {

    /// The string at @p key, "" when it is missing or null; false when it is another type.
    bool text_at(json const& object, char const* key, std::string& out)
    {
        auto const it = object.find(key);
        if (it == object.end() || it->is_null()) {
            out.clear();
            return true;
        }
        if (!it->is_string())
            return false;
        out = it->get<std::string>();
        return true;
    }

    /// The object at @p key, nullptr when it is missing or null (or another type).
    json const* object_at(json const& object, char const* key)
    {
        auto const it = object.find(key);
        return it != object.end() && it->is_object() ? &*it : nullptr;
    }

    Result<RaucSlot> parse_slot(std::string const& name, json const& body)
    {
        auto const malformed = fail(Errc::malformed, "rauc status: a slot's description has a field of the wrong type");
        if (!body.is_object())
            return malformed;
        RaucSlot slot;
        slot.name = name;
        if (!text_at(body, "class", slot.slot_class) || !text_at(body, "bootname", slot.bootname)
            || !text_at(body, "device", slot.device) || !text_at(body, "state", slot.state)
            || !text_at(body, "boot_status", slot.boot_status))
            return malformed;
        if (json const* status = object_at(body, "slot_status")) {
            if (!text_at(*status, "status", slot.install_status))
                return malformed;
            if (json const* bundle = object_at(*status, "bundle")) {
                if (!text_at(*bundle, "version", slot.bundle_version)
                    || !text_at(*bundle, "compatible", slot.bundle_compatible))
                    return malformed;
            }
            if (json const* checksum = object_at(*status, "checksum")) {
                if (!text_at(*checksum, "sha256", slot.sha256))
                    return malformed;
            }
        }
        if (slot.slot_class.empty()) {
            // RAUC names slots CLASS.INDEX; older versions left the class out.
            slot.slot_class = name.substr(0, name.rfind('.'));
        }
        return slot;
    }

    Result<RaucStatus> parse(std::string_view text)
    {
        auto const body = json::parse(text.begin(), text.end(), nullptr, false);
        if (body.is_discarded() || !body.is_object())
            return fail(Errc::malformed, "rauc status: the output is not a JSON object");
        RaucStatus status;
        if (!text_at(body, "compatible", status.compatible) || !text_at(body, "booted", status.booted)
            || !text_at(body, "boot_primary", status.boot_primary))
            return fail(Errc::malformed, "rauc status: compatible, booted or boot_primary is not a string");
        auto const slots = body.find("slots");
        if (slots == body.end() || !slots->is_array())
            return fail(Errc::malformed, "rauc status: no \"slots\" array");
        for (auto const& entry : *slots) {
            // Each entry is a one-member object {"rootfs.0": {...}}.
            if (!entry.is_object())
                return fail(Errc::malformed, "rauc status: a \"slots\" entry is not an object");
            for (auto const& [name, description] : entry.items())
                status.slots.push_back(KIOSK_TRY(parse_slot(name, description)));
        }
        return status;
    }

} // namespace

RaucSlot const* RaucStatus::slot(std::string_view name) const noexcept
{
    auto const it = std::find_if(slots.begin(), slots.end(), [&](RaucSlot const& s) { return s.name == name; });
    return it == slots.end() ? nullptr : &*it;
}

std::vector<std::string> RaucStatus::slots_of_class(std::string_view slot_class) const
{
    std::vector<std::string> names;
    for (auto const& s : slots) {
        if (s.slot_class == slot_class)
            names.push_back(s.name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

Result<RaucStatus> parse_rauc_status(std::string_view text)
{
    try {
        return parse(text);
    } catch (std::exception const&) {
        return fail(Errc::malformed, "rauc status: the output does not parse");
    }
}

} // namespace kiosk::drivers
