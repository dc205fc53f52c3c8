// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::drivers {

/// One slot as `rauc status --detailed --output-format=json` describes it.
struct RaucSlot {
    std::string name;        ///< "rootfs.0"
    std::string slot_class;  ///< "rootfs"
    std::string bootname;    ///< "A" (empty for slots the boot loader does not choose)
    std::string device;      ///< "/dev/mmcblk0p2"
    std::string state;       ///< "booted", "active" or "inactive"
    std::string boot_status; ///< "good", "bad" or empty (not a boot slot)
    /// From slot_status (present when RAUC installed the slot): the bundle's version and
    /// compatible, the installed image's SHA-256, and the outcome of the last install ("ok").
    std::string bundle_version;
    std::string bundle_compatible;
    std::string sha256;
    std::string install_status;
};

/// The whole of `rauc status --detailed --output-format=json`.
struct RaucStatus {
    std::string compatible;
    std::string booted;       ///< the booted slot's bootname as RAUC reports it ("A")
    std::string boot_primary; ///< the slot the boot loader tries first ("rootfs.1")
    std::vector<RaucSlot> slots;

    /// The slot named @p name, or nullptr.
    [[nodiscard]] RaucSlot const* slot(std::string_view name) const noexcept;
    /// The names of the slots of @p slot_class in name order ("rootfs.0", "rootfs.1").
    [[nodiscard]] std::vector<std::string> slots_of_class(std::string_view slot_class) const;
};

/// Parses RAUC's status JSON (RAUC 1.x: `{"compatible", "variant", "booted", "boot_primary",
/// "slots": [{"NAME": {"class", "device", "type", "bootname", "state", "parent", "mountpoint",
/// "boot_status", "slot_status": {"bundle": {"compatible", "version", ...}, "checksum":
/// {"sha256", "size"}, "status", ...}}}]}` in @p text). Fields RAUC leaves null or out are empty; unknown
/// fields are ignored. Never throws.
/// @return Errc::malformed if @p json is not such an object (no "slots" array, a slot that is
///         not an object, a field of the wrong type).
Result<RaucStatus> parse_rauc_status(std::string_view text);

} // namespace kiosk::drivers
