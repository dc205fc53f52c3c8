// SPDX-License-Identifier: MIT
// EvdevCodeScanner against a keyboard-wedge scanner emulated by umockdev: an input device
// (devices/wedge-scanner-event7.umockdev: EV_KEY, /dev/input/event7 and its by-id link) whose
// key events are played from evemu files by umockdev's script runner into the node, and
// whose evdev ioctls (EVIOCGVERSION, EVIOCGNAME, EVIOCGRAB) a device model here answers as the
// kernel does, so the grab can be seen. Unplug: the kernel's evdev fails reads with ENODEV and
// wakes poll; udev removes the device and its by-id link; a replugged scanner comes back as
// another event node behind the same by-id link.
#include <scanner/evdev_code_scanner.hpp>


#include <chrono>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include <linux/input.h>
#include <sys/ioctl.h>
#include <umockdev.h>
#include <unistd.h>

#include "umockdev_bed.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::EvdevCodeScanner;
using kiosk::test::IoctlCall;

namespace {


constexpr char const* BY_ID = "/dev/input/by-id/usb-Honeywell_Imaging_Barcode_Scanner_21100B2A11-event-kbd";
constexpr char const* NAME = "Honeywell Imaging Barcode Scanner";

std::string sys_path(int event)
{
    return "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/0003:0C2E:0B61.000" + std::to_string(event)
        + "/input/input" + std::to_string(event);
}

std::filesystem::path events_file(char const* name) { return kiosk::test::umockdev_devices_dir() / name; }

/// Bytes of input_event records an evemu file holds.
std::size_t event_bytes(char const* name)
{
    std::ifstream in(events_file(name));
    std::size_t events = 0;
    for (std::string line; std::getline(in, line);)
        events += line.rfind("E: ", 0) == 0 ? 1 : 0;
    return events * sizeof(input_event);
}

/// The kernel's evdev for one keyboard-wedge scanner: its ioctls, and reads passed through
/// to the node (umockdev's pty, where the evemu events arrive) and counted.
class WedgeScannerDevice final : public kiosk::test::IoctlDevice {
public:
    bool refuse_grab = false; ///< another program holds the grab: EVIOCGRAB fails with EBUSY
    bool not_input = false;   ///< a node that is no evdev device: EVIOCGVERSION fails ENOTTY

    bool on_ioctl(IoctlCall& call) override
    {
        std::lock_guard lock(m_mutex);
        unsigned long const request = call.request();
        if (m_unplugged) {
            call.complete(-1, ENODEV);
            return true;
        }
        if (request == EVIOCGVERSION) {
            if (not_input) {
                call.complete(-1, ENOTTY);
                return true;
            }
            int const version = EV_VERSION;
            std::memcpy(call.resolve(sizeof version), &version, sizeof version);
            call.complete(0);
            return true;
        }
        if (request == EVIOCGRAB) {
            if (refuse_grab && call.value() != 0) {
                call.complete(-1, EBUSY);
                return true;
            }
            m_grabs.push_back(call.value() != 0);
            call.complete(0);
            return true;
        }
        if (_IOC_TYPE(request) == 'E' && _IOC_NR(request) == _IOC_NR(EVIOCGNAME(0)) && _IOC_DIR(request) == _IOC_READ) {
            std::size_t const room = _IOC_SIZE(request);
            auto* name = call.resolve(room);
            std::size_t const length = std::min(room, std::strlen(NAME) + 1);
            std::memcpy(name, NAME, length);
            name[length - 1] = 0;
            call.complete(static_cast<long>(length));
            return true;
        }
        m_unknown.push_back(request);
        call.complete(-1, ENOTTY);
        return true;
    }

    bool on_read(IoctlCall& call) override
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_unplugged) {
                call.complete(-1, ENODEV);
                return true;
            }
        }
        // The read itself, on the program's side (the pty), so we know what it got.
        int read_errno = 0;
        GError* error = nullptr;
        int const got = umockdev_ioctl_client_execute(call.client(), &read_errno, &error);
        if (error != nullptr)
            g_error_free(error);
        {
            std::lock_guard lock(m_mutex);
            if (got > 0)
                m_bytes_read += static_cast<std::size_t>(got);
        }
        m_changed.notify_all();
        call.complete(got, got < 0 ? read_errno : 0);
        return true;
    }

    /// Waits up to @p bound until the program has read @p bytes in all.
    bool wait_read(std::size_t bytes, std::chrono::milliseconds bound)
    {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, bound, [&] { return m_bytes_read >= bytes; });
    }
    void unplug()
    {
        std::lock_guard lock(m_mutex);
        m_unplugged = true;
    }
    void replug()
    {
        std::lock_guard lock(m_mutex);
        m_unplugged = false;
        m_bytes_read = 0;
    }
    std::vector<bool> grabs()
    {
        std::lock_guard lock(m_mutex);
        return m_grabs;
    }
    std::vector<unsigned long> unknown()
    {
        std::lock_guard lock(m_mutex);
        return m_unknown;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_unplugged = false;
    std::size_t m_bytes_read = 0;
    std::vector<bool> m_grabs;
    std::vector<unsigned long> m_unknown;
};

std::string code_text(kiosk::Result<std::optional<kiosk::hal::ScannedCode>> const& code)
{
    if (!code)
        return "error " + std::string(kiosk::errc_name(code.error().code())) + ": " + code.error().message();
    return code->has_value() ? (*code)->text : std::string("(nothing)");
}

} // namespace

TEST_GROUP(UmockdevEvdevScanner)
{
    std::unique_ptr<kiosk::test::UmockdevBed> m_bed;
    WedgeScannerDevice m_device;

    void setup() override
    {
        std::string why;
        m_bed = kiosk::test::UmockdevBed::create(why);
        if (!m_bed)
            FAIL(why.c_str());
        plug(7);
        STRCMP_EQUAL("", m_bed->attach(BY_ID, m_device).c_str());
    }
    void teardown() override { m_bed.reset(); }

    void plug(int event) const
    {
        auto const file = "wedge-scanner-event" + std::to_string(event) + ".umockdev";
        STRCMP_EQUAL("", m_bed->add_file(kiosk::test::umockdev_devices_dir() / file).c_str());
    }
    void play(int event, char const* events) const
    {
        STRCMP_EQUAL("", m_bed->play_evemu("/dev/input/event" + std::to_string(event), events_file(events)).c_str());
    }
    /// The cable comes out: evdev fails reads (and wakes a waiting poll), udev removes the
    /// device and its by-id link.
    void unplug(int event)
    {
        m_device.unplug();
        m_bed->remove(sys_path(event) + "/event" + std::to_string(event));
        m_bed->remove(sys_path(event));
        std::filesystem::remove(m_bed->root() / std::string(BY_ID).substr(1));
        char const wake = 0;
        CHECK_EQUAL(1, ::write(m_bed->pty_master("/dev/input/event" + std::to_string(event)), &wake, 1));
    }
};

TEST(UmockdevEvdevScanner, codes_typed_by_the_scanner_arrive_and_the_device_is_grabbed_while_open)
{
    auto scanner = EvdevCodeScanner::open(BY_ID);
    KIOSK_CHECK_OK(scanner);
    auto grabs = m_device.grabs();
    LONGS_EQUAL(1, static_cast<long>(grabs.size()));
    CHECK_TRUE_TEXT(grabs[0], "EVIOCGRAB(1) not sent: keystrokes would reach other programs");
    auto const summary = (*scanner)->self_test();
    KIOSK_CHECK_OK(summary);
    CHECK_TRUE_TEXT(summary->find(NAME) != std::string::npos, summary->c_str());

    play(7, "scan-dossier-and-url.evemu");
    STRCMP_EQUAL("000.00.15.H56-250701-0001", code_text((*scanner)->next_code(std::chrono::seconds(10))).c_str());
    STRCMP_EQUAL("https://dichvucong.gov.vn/tra-cuu?ma=000.00.15.H56-250701-0001&lang=vi",
        code_text((*scanner)->next_code(std::chrono::seconds(10))).c_str());
    CHECK_TRUE(m_device.unknown().empty());

    scanner->reset();
    grabs = m_device.grabs();
    LONGS_EQUAL(2, static_cast<long>(grabs.size()));
    CHECK_FALSE_TEXT(grabs[1], "the grab was not released on close");
}

TEST(UmockdevEvdevScanner, a_line_with_a_letter_a_us_wedge_cannot_type_is_dropped_and_the_next_code_arrives)
{
    // "Nguyễn" typed as Alt + keypad 7871 (how scanners emulate a Windows keyboard): no such
    // text can come out of a US layout, so the line is dropped whole, never half-decoded.
    auto scanner = KIOSK_MUST(EvdevCodeScanner::open(BY_ID));
    play(7, "scan-vietnamese-then-code.evemu");
    STRCMP_EQUAL("000.00.15.H56-250701-0002", code_text(scanner->next_code(std::chrono::seconds(10))).c_str());
    auto const& drops = scanner->drops();
    LONGS_EQUAL(1, static_cast<long>(drops.not_text + drops.too_long + drops.fragment));
}

TEST(UmockdevEvdevScanner, a_scanner_grabbed_by_another_program_is_busy)
{
    m_device.refuse_grab = true;
    KIOSK_CHECK_ERRC(Errc::busy, EvdevCodeScanner::open(BY_ID));
}

TEST(UmockdevEvdevScanner, a_node_that_is_no_input_device_is_unsupported)
{
    m_device.not_input = true;
    KIOSK_CHECK_ERRC(Errc::unsupported, EvdevCodeScanner::open(BY_ID));
}

TEST(UmockdevEvdevScanner, unplugged_mid_scan_is_disconnected_and_a_replugged_scanner_gives_whole_codes_only)
{
    auto scanner = KIOSK_MUST(EvdevCodeScanner::open(BY_ID));
    kiosk::contract::BlockingCall<kiosk::Result<std::optional<kiosk::hal::ScannedCode>>> waiting(
        [&] { return scanner->next_code(std::chrono::seconds(10)); });
    play(7, "scan-half-code.evemu");
    CHECK_TRUE_TEXT(m_device.wait_read(event_bytes("scan-half-code.evemu"), std::chrono::seconds(10)),
        "the scanner did not read the first half of the code");
    unplug(7);
    CHECK_TRUE(waiting.finish(std::chrono::seconds(10)));
    auto const lost = waiting.get();
    KIOSK_CHECK_ERRC(Errc::disconnected, lost);
    // Still out: every call says so (it tries to open it again each time).
    KIOSK_CHECK_ERRC(Errc::disconnected, scanner->next_code(std::chrono::milliseconds(0)));

    // Back in, as event8 behind the same by-id link: opened and grabbed again; the half code
    // from before the unplug is not glued to the next one.
    m_device.replug();
    plug(8);
    play(8, "scan-dossier-and-url.evemu");
    STRCMP_EQUAL("000.00.15.H56-250701-0001", code_text(scanner->next_code(std::chrono::seconds(10))).c_str());
    auto const grabs = m_device.grabs();
    CHECK_TRUE(grabs.size() >= 2);
    CHECK_TRUE(grabs.back());
}
