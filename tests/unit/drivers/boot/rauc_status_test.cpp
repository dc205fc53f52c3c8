// SPDX-License-Identifier: MIT
// RAUC's status JSON as the real tool prints it: the samples below were produced by Debian 12's
// rauc 1.8 (`rauc status --detailed --output-format=json`) talking to a RAUC service with two
// raw slots and a custom boot loader backend (see tests/integration/boot/), before and after a
// bundle was installed. The integration tests parse the live output of the same tool.
#include "boot/rauc_status.hpp"

#include <string>

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::parse_rauc_status;

namespace {

// Fresh system: booted from rootfs.0 (bootname A), nothing installed by RAUC yet.
char const* const FRESH = R"({"compatible":"vn-kiosk-rpi4","variant":"","booted":"A","boot_primary":"rootfs.0","slots":[{"rootfs.1":{"class":"rootfs","device":"/tmp/rx/slot-b.img","type":"raw","bootname":"B","state":"inactive","parent":null,"mountpoint":null,"boot_status":"good","slot_status":{"bundle":{"compatible":null}}}},{"rootfs.0":{"class":"rootfs","device":"/tmp/rx/slot-a.img","type":"raw","bootname":"A","state":"booted","parent":null,"mountpoint":null,"boot_status":"good","slot_status":{"bundle":{"compatible":null}}}}]})";

// After `rauc install kiosk-1.6.0.raucb` (activate-installed=false) and `mark-active other`,
// `mark-bad other`.
char const* const INSTALLED = R"({"compatible":"vn-kiosk-rpi4","variant":"","booted":"A","boot_primary":"rootfs.1","slots":[{"rootfs.1":{"class":"rootfs","device":"/tmp/rx/slot-b.img","type":"raw","bootname":"B","state":"inactive","parent":null,"mountpoint":null,"boot_status":"bad","slot_status":{"bundle":{"compatible":"vn-kiosk-rpi4","version":"1.6.0"},"checksum":{"sha256":"c49fba27f45832cb021636377707c865a541e8464b60714ff33268b67b1ea495","size":1048576},"installed":{"timestamp":"2026-12-01T23:30:03Z","count":1},"activated":{"timestamp":"2026-12-01T23:30:03Z","count":1},"status":"ok"}}},{"rootfs.0":{"class":"rootfs","device":"/tmp/rx/slot-a.img","type":"raw","bootname":"A","state":"booted","parent":null,"mountpoint":null,"boot_status":"good","slot_status":{"bundle":{"compatible":null}}}}]})";

// Without --detailed (no slot_status), with a boot partition slot of another class and no
// boot status of its own.
char const* const PLAIN = R"({"compatible":"vn-kiosk-pc","variant":"","booted":"B","boot_primary":"rootfs.1","slots":[{"efi.0":{"class":"efi","device":"/dev/sda","type":"boot-gpt-switch","bootname":null,"state":"inactive","parent":null,"mountpoint":null,"boot_status":null}},{"rootfs.1":{"class":"rootfs","device":"/dev/sda5","type":"ext4","bootname":"B","state":"booted","parent":null,"mountpoint":"/","boot_status":"good"}},{"rootfs.0":{"class":"rootfs","device":"/dev/sda4","type":"ext4","bootname":"A","state":"inactive","parent":null,"mountpoint":null,"boot_status":"good"}}]})";

} // namespace

TEST_GROUP(RaucStatus) {};

TEST(RaucStatus, a_fresh_system_lists_both_slots_and_the_booted_one)
{
    auto status = parse_rauc_status(FRESH);
    KIOSK_CHECK_OK(status);
    STRCMP_EQUAL("vn-kiosk-rpi4", status->compatible.c_str());
    STRCMP_EQUAL("A", status->booted.c_str());
    STRCMP_EQUAL("rootfs.0", status->boot_primary.c_str());
    auto const names = status->slots_of_class("rootfs");
    LONGS_EQUAL(2, names.size());
    STRCMP_EQUAL("rootfs.0", names[0].c_str()); // name order, not RAUC's listing order
    auto const* a = status->slot("rootfs.0");
    CHECK_TRUE(a != nullptr);
    STRCMP_EQUAL("booted", a->state.c_str());
    STRCMP_EQUAL("A", a->bootname.c_str());
    STRCMP_EQUAL("good", a->boot_status.c_str());
    STRCMP_EQUAL("", a->bundle_version.c_str()); // null compatible, no version: factory image
    STRCMP_EQUAL("/tmp/rx/slot-b.img", status->slot("rootfs.1")->device.c_str());
}

TEST(RaucStatus, an_installed_slot_carries_its_bundle_version_and_checksum)
{
    auto status = parse_rauc_status(INSTALLED);
    KIOSK_CHECK_OK(status);
    auto const* b = status->slot("rootfs.1");
    STRCMP_EQUAL("1.6.0", b->bundle_version.c_str());
    STRCMP_EQUAL("vn-kiosk-rpi4", b->bundle_compatible.c_str());
    STRCMP_EQUAL("c49fba27f45832cb021636377707c865a541e8464b60714ff33268b67b1ea495", b->sha256.c_str());
    STRCMP_EQUAL("ok", b->install_status.c_str());
    STRCMP_EQUAL("bad", b->boot_status.c_str());
    STRCMP_EQUAL("inactive", b->state.c_str());
    STRCMP_EQUAL("rootfs.1", status->boot_primary.c_str());
}

TEST(RaucStatus, other_slot_classes_and_null_fields_are_kept_apart)
{
    auto status = parse_rauc_status(PLAIN);
    KIOSK_CHECK_OK(status);
    LONGS_EQUAL(3, status->slots.size());
    LONGS_EQUAL(2, status->slots_of_class("rootfs").size());
    LONGS_EQUAL(1, status->slots_of_class("efi").size());
    STRCMP_EQUAL("", status->slot("efi.0")->bootname.c_str());
    STRCMP_EQUAL("", status->slot("efi.0")->boot_status.c_str());
    STRCMP_EQUAL("booted", status->slot("rootfs.1")->state.c_str());
    CHECK_TRUE(status->slot("rootfs.9") == nullptr);
}

TEST(RaucStatus, a_slot_without_a_class_takes_it_from_its_name)
{
    auto status = parse_rauc_status(R"({"slots": [{"rootfs.0": {"state": "booted"}}, {"rootfs.1": {}}]})");
    KIOSK_CHECK_OK(status);
    LONGS_EQUAL(2, status->slots_of_class("rootfs").size());
}

TEST(RaucStatus, output_that_is_not_rauc_status_is_malformed)
{
    for (char const* text : { "", "rauc-Message: Using central status file", "[]", "{}", R"({"slots": {}})",
             R"({"slots": [42]})", R"({"slots": [{"rootfs.0": "booted"}]})",
             R"({"slots": [{"rootfs.0": {"state": 1}}]})", R"({"booted": 7, "slots": []})",
             R"({"slots": [{"rootfs.0": {"slot_status": {"bundle": {"version": 16}}}}]})",
             R"({"slots": [{"rootfs.0": {"class": "rootfs")" }) {
        auto status = parse_rauc_status(text);
        KIOSK_CHECK_ERRC(Errc::malformed, status);
    }
}
