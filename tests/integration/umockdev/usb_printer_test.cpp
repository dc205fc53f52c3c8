// SPDX-License-Identifier: MIT
// LibusbBulkChannel and the ESC/POS driver through the real libusb against a USB printer
// emulated by umockdev: a POS58 printer (0416:5011, interface class 7, bulk OUT 0x01 / IN
// 0x82; devices/pos58-usb-printer.umockdev) whose usbfs node answers libusb's USBDEVFS_*
// ioctls here. The device model below completes URBs as the kernel does and puts the ESC/POS
// emulator behind the endpoints: OUT bytes go into it, its DLE EOT replies come back on IN.
// libusb enumerates the testbed's sysfs (through libudev), opens the node, detaches usblp,
// claims the interface and submits/reaps URBs; none of that is faked on our side.
#include <clock/manual_clock.hpp>
#include <codes/qr_encoder.hpp>
#include <printer/escpos_printer.hpp>
#include <printer/escpos_printer_emul.hpp>
#include <printer/ttf_text_rasterizer.hpp>
#include <receipt/print_journal.hpp>
#include <receipt/print_queue.hpp>
#include <transport/libusb_bulk_channel.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <fcntl.h>
#include <grp.h>
#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <umockdev.h>
#include <unistd.h>

#include "support/temp_dir.hpp"
#include "umockdev_bed.hpp"

#include "contract/contract_support.hpp"

using kiosk::Errc;
using kiosk::drivers::EscPosPrinterEmul;
using kiosk::drivers::LibusbBulkChannel;
using kiosk::drivers::UsbSelector;
using kiosk::test::IoctlCall;

namespace {

bool const QR_TABLES_READY = kiosk::codes::QrEncoder::encode("warm-up").has_value();
bool const LOGGER_READY = spdlog::default_logger_raw() != nullptr;

constexpr char const* NODE = "/dev/bus/usb/001/002";
constexpr char const* SYS_PATH = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1";
constexpr std::uint8_t OUT_ENDPOINT = 0x01;
constexpr std::uint8_t IN_ENDPOINT = 0x82;

kiosk::drivers::QrModuleEncoder qr()
{
    return [](std::string_view payload) { return kiosk::codes::QrEncoder::encode(payload); };
}

kiosk::hal::ReceiptDocument slip()
{
    kiosk::hal::ReceiptDocument document;
    document.width_mm = 58;
    document.items.emplace_back(kiosk::hal::TextBlock { "Phiếu hẹn trả kết quả", kiosk::hal::Align::center, 1, true });
    document.items.emplace_back(kiosk::hal::TextBlock { "Mã hồ sơ: 000.00.15.H56-250701-0001", kiosk::hal::Align::left, 1, false });
    document.items.emplace_back(kiosk::hal::QrBlock { "000.00.15.H56-250701-0001", 0, kiosk::hal::Align::center });
    return document;
}

kiosk::hal::PrinterCapabilities pos58()
{
    kiosk::hal::PrinterCapabilities capabilities;
    capabilities.dots_per_line = 384;
    return capabilities;
}

/// The printer's side of usbfs: what the kernel's usbfs + the printer's firmware would do
/// with libusb's ioctls, the bytes handled by the ESC/POS emulator.
class UsbPrinterDevice final : public kiosk::test::IoctlDevice {
public:
    explicit UsbPrinterDevice(EscPosPrinterEmul& emulator)
        : m_emulator(emulator)
    {
    }
    ~UsbPrinterDevice() override
    {
        for (auto* urb : m_done)
            g_object_unref(urb);
        for (auto* urb : m_waiting_in)
            g_object_unref(urb);
    }
    UsbPrinterDevice(UsbPrinterDevice const&) = delete;
    UsbPrinterDevice& operator=(UsbPrinterDevice const&) = delete;
    UsbPrinterDevice(UsbPrinterDevice&&) = delete;
    UsbPrinterDevice& operator=(UsbPrinterDevice&&) = delete;

    /// Called (on umockdev's thread) when the emulator reports the cable pulled.
    std::function<void()> on_unplug;

    struct Seen {
        bool usblp_detached = false;
        bool usblp_reattached = false;
        int claims = 0;
        int releases = 0;
        std::size_t out_bytes = 0;
        /// Every byte taken on bulk OUT, in order.
        std::vector<std::uint8_t> out_data;
        int out_urbs = 0;
        int in_urbs = 0;
        std::vector<std::uint8_t> endpoints;
        std::vector<unsigned long> unknown;
    };
    Seen seen()
    {
        std::lock_guard lock(m_mutex);
        return m_seen;
    }
    [[nodiscard]] bool unplugged()
    {
        std::lock_guard lock(m_mutex);
        return m_unplugged;
    }

    bool on_ioctl(IoctlCall& call) override
    {
        std::lock_guard lock(m_mutex);
        unsigned long const request = call.request();
        if (m_unplugged && request != USBDEVFS_REAPURBNDELAY && request != USBDEVFS_REAPURB
            && request != USBDEVFS_DISCARDURB && request != USBDEVFS_RELEASEINTERFACE) {
            call.complete(-1, ENODEV);
            return true;
        }
        switch (request) {
        case USBDEVFS_GET_CAPABILITIES: {
            auto* caps = call.resolve(sizeof(std::uint32_t));
            std::uint32_t const value = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM
                | USBDEVFS_CAP_REAP_AFTER_DISCONNECT;
            std::memcpy(caps, &value, sizeof value);
            call.complete(0);
            return true;
        }
        case USBDEVFS_DISCONNECT_CLAIM: {
            // The kernel's usblp holds the interface until libusb asks for it.
            auto* claim = reinterpret_cast<usbdevfs_disconnect_claim*>(call.resolve(sizeof(usbdevfs_disconnect_claim))); // NOLINT: the ioctl's struct
            if (claim->interface != 0) {
                call.complete(-1, EINVAL);
                return true;
            }
            m_seen.usblp_detached = true;
            ++m_seen.claims;
            call.complete(0);
            return true;
        }
        case USBDEVFS_CLAIMINTERFACE:
            ++m_seen.claims;
            call.complete(0);
            return true;
        case USBDEVFS_RELEASEINTERFACE:
            ++m_seen.releases;
            call.complete(0);
            return true;
        case USBDEVFS_IOCTL: {
            auto* command = reinterpret_cast<usbdevfs_ioctl*>(call.resolve(sizeof(usbdevfs_ioctl))); // NOLINT: the ioctl's struct
            if (command->ioctl_code == static_cast<int>(USBDEVFS_CONNECT)) {
                m_seen.usblp_reattached = true;
                call.complete(0);
            } else {
                call.complete(-1, ENODATA);
            }
            return true;
        }
        case USBDEVFS_GETDRIVER:
            call.complete(-1, ENODATA);
            return true;
        case USBDEVFS_SUBMITURB:
            submit(call);
            return true;
        case USBDEVFS_REAPURB:
        case USBDEVFS_REAPURBNDELAY:
            reap(call);
            return true;
        case USBDEVFS_DISCARDURB:
            discard(call);
            return true;
        default:
            m_seen.unknown.push_back(request);
            call.complete(-1, ENOTTY);
            return true;
        }
    }

private:
    void submit(IoctlCall& call)
    {
        GError* error = nullptr;
        UMockdevIoctlData* urb_data
            = umockdev_ioctl_data_resolve(umockdev_ioctl_client_get_arg(call.client()), 0, sizeof(usbdevfs_urb), &error);
        auto* urb = reinterpret_cast<usbdevfs_urb*>(urb_data->data); // NOLINT: the ioctl's struct
        UMockdevIoctlData* buffer = umockdev_ioctl_data_resolve(
            urb_data, offsetof(usbdevfs_urb, buffer), static_cast<std::size_t>(urb->buffer_length), &error);
        if (std::find(m_seen.endpoints.begin(), m_seen.endpoints.end(), urb->endpoint) == m_seen.endpoints.end())
            m_seen.endpoints.push_back(urb->endpoint);
        if (urb->type != USBDEVFS_URB_TYPE_BULK || (urb->endpoint != OUT_ENDPOINT && urb->endpoint != IN_ENDPOINT)
            || (urb->buffer_length > 0 && buffer == nullptr)) {
            call.complete(-1, EINVAL);
            return;
        }
        urb->status = 0;
        if (urb->endpoint == OUT_ENDPOINT) {
            ++m_seen.out_urbs;
            auto const length = static_cast<std::size_t>(urb->buffer_length);
            std::size_t const before = m_emulator.bytes_received();
            auto written = m_emulator.write(kiosk::ByteView(buffer->data, length), std::chrono::milliseconds(100));
            std::size_t const taken = m_emulator.bytes_received() - before;
            m_seen.out_bytes += taken;
            m_seen.out_data.insert(m_seen.out_data.end(), buffer->data, buffer->data + taken);
            urb->actual_length = static_cast<int>(taken);
            if (!written && written.error().code() == Errc::disconnected) {
                // The cable was pulled during this URB: the kernel completes it with ENODEV
                // (later ioctls fail with ENODEV) and the device leaves sysfs.
                urb->status = -ENODEV;
                m_unplugged = true;
                if (on_unplug)
                    on_unplug();
            }
        } else {
            ++m_seen.in_urbs;
            urb->actual_length = 0;
            if (!fill_in(urb, buffer)) {
                // Nothing to say yet: the IN URB waits (the printer NAKs) until cancelled.
                g_object_ref(urb_data);
                m_waiting_in.push_back(urb_data);
                call.complete(0);
                return;
            }
        }
        g_object_ref(urb_data);
        m_done.push_back(urb_data);
        call.complete(0);
    }

    bool fill_in(usbdevfs_urb* urb, UMockdevIoctlData* buffer)
    {
        if (buffer == nullptr)
            return false;
        auto got = m_emulator.read(std::span<std::uint8_t>(buffer->data, static_cast<std::size_t>(urb->buffer_length)),
            std::chrono::milliseconds(0));
        if (!got || *got == 0)
            return false;
        urb->actual_length = static_cast<int>(*got);
        return true;
    }

    void reap(IoctlCall& call)
    {
        if (m_done.empty()) {
            call.complete(-1, m_unplugged && m_waiting_in.empty() ? ENODEV : EAGAIN);
            return;
        }
        GError* error = nullptr;
        UMockdevIoctlData* pointer
            = umockdev_ioctl_data_resolve(umockdev_ioctl_client_get_arg(call.client()), 0, sizeof(void*), &error);
        UMockdevIoctlData* urb_data = m_done.front();
        m_done.pop_front();
        umockdev_ioctl_data_set_ptr(pointer, 0, urb_data);
        g_object_unref(urb_data);
        call.complete(0);
    }

    void discard(IoctlCall& call)
    {
        unsigned long const address = call.value();
        auto found = std::find_if(m_waiting_in.begin(), m_waiting_in.end(),
            [&](UMockdevIoctlData* urb) { return urb->client_addr == address; });
        if (found == m_waiting_in.end()) {
            call.complete(-1, EINVAL); // already completed
            return;
        }
        auto* urb = reinterpret_cast<usbdevfs_urb*>((*found)->data); // NOLINT: the ioctl's struct
        urb->status = -ENOENT;
        urb->actual_length = 0;
        m_done.push_back(*found);
        m_waiting_in.erase(found);
        call.complete(0);
    }

    EscPosPrinterEmul& m_emulator;
    std::mutex m_mutex;
    bool m_unplugged = false;
    Seen m_seen;
    std::deque<UMockdevIoctlData*> m_done;
    std::vector<UMockdevIoctlData*> m_waiting_in;
};

std::unique_ptr<kiosk::receipt::PrintJournal> journal(std::filesystem::path const& file)
{
    return KIOSK_MUST(kiosk::receipt::PrintJournal::open(file));
}

/// Any printer (empty) or a VID:PID.
UsbSelector usb(char const* text) { return KIOSK_MUST(UsbSelector::parse(text)); }

} // namespace

TEST_GROUP(UmockdevUsbPrinter)
{
    std::unique_ptr<kiosk::test::UmockdevBed> m_bed;
    std::unique_ptr<EscPosPrinterEmul> m_emulator;
    std::unique_ptr<UsbPrinterDevice> m_device;

    void setup() override
    {
        std::string why;
        m_bed = kiosk::test::UmockdevBed::create(why);
        if (!m_bed)
            FAIL(why.c_str());
        m_emulator = KIOSK_MUST(EscPosPrinterEmul::open({ 384, {}, nullptr, qr() }));
        plug();
    }
    void teardown() override
    {
        m_bed.reset();
        m_device.reset();
        m_emulator.reset();
    }

    void plug()
    {
        m_bed->detach(NODE);
        m_device = std::make_unique<UsbPrinterDevice>(*m_emulator);
        auto const added = m_bed->add_file(kiosk::test::umockdev_devices_dir() / "pos58-usb-printer.umockdev");
        STRCMP_EQUAL("", added.c_str());
        auto const attached = m_bed->attach(NODE, *m_device);
        STRCMP_EQUAL("", attached.c_str());
    }

    std::unique_ptr<kiosk::drivers::EscPosPrinter> printer_on(UsbSelector const& selector)
    {
        return printer_on(KIOSK_MUST(LibusbBulkChannel::open(selector)));
    }
    std::unique_ptr<kiosk::drivers::EscPosPrinter> printer_on(std::unique_ptr<LibusbBulkChannel> channel)
    {
        auto text = KIOSK_MUST(kiosk::drivers::TtfTextRasterizer::open());
        return KIOSK_MUST(kiosk::drivers::EscPosPrinter::open(std::move(channel), pos58(), std::move(text), qr(), {}));
    }
};

TEST(UmockdevUsbPrinter, libusb_finds_the_printer_class_interface_claims_it_and_the_job_reaches_bulk_out)
{
    auto channel = LibusbBulkChannel::open(usb(""));
    KIOSK_CHECK_OK(channel);
    STRCMP_EQUAL("usb:0416:5011", (*channel)->description().c_str());
    auto const opened = m_device->seen();
    CHECK_TRUE_TEXT(opened.usblp_detached, "the kernel's usblp was not detached (USBDEVFS_DISCONNECT_CLAIM)");
    LONGS_EQUAL(1, opened.claims);

    auto printer = printer_on(std::move(*channel));
    auto const job = KIOSK_MUST(printer->encoder().encode(slip()));
    KIOSK_CHECK_OK(printer->print(slip()));
    auto const seen = m_device->seen();
    // What crossed bulk OUT: the encoded job, byte for byte and once, and around it only the
    // status queries (DLE EOT 1..4), which were answered over bulk IN.
    auto const& sent = seen.out_data;
    auto const at = std::search(sent.begin(), sent.end(), job.begin(), job.end());
    CHECK_TRUE_TEXT(at != sent.end(), "the encoded job did not reach bulk OUT whole");
    std::vector<std::uint8_t> around(sent.begin(), at);
    around.insert(around.end(), at + static_cast<std::ptrdiff_t>(job.size()), sent.end());
    CHECK_TRUE(!around.empty());
    LONGS_EQUAL(0, static_cast<long>(around.size() % 3));
    for (std::size_t i = 0; i + 2 < around.size(); i += 3) {
        CHECK_EQUAL(0x10, around[i]);
        CHECK_EQUAL(0x04, around[i + 1]);
        CHECK_TRUE(around[i + 2] >= 1 && around[i + 2] <= 4);
    }
    CHECK_TRUE(seen.in_urbs > 0);
    LONGS_EQUAL(1, m_emulator->receipts_out());
    LONGS_EQUAL(0, m_emulator->unknown_commands());
    CHECK_TRUE(seen.unknown.empty());
    for (auto const endpoint : seen.endpoints)
        CHECK_TRUE(endpoint == OUT_ENDPOINT || endpoint == IN_ENDPOINT);

    printer.reset();
    auto const closed = m_device->seen();
    LONGS_EQUAL(1, closed.releases);
    CHECK_TRUE_TEXT(closed.usblp_reattached, "usblp was not given back on close (USBDEVFS_CONNECT)");
}

TEST(UmockdevUsbPrinter, the_emulated_receipt_is_the_encoded_document)
{
    auto channel = KIOSK_MUST(LibusbBulkChannel::open(usb("0416:5011")));
    auto printer = printer_on(std::move(channel));
    KIOSK_CHECK_OK(printer->print(slip()));
    auto const receipt = m_emulator->last_receipt();
    CHECK_TRUE(receipt.has_value());
    LONGS_EQUAL(384, receipt->width());
    CHECK_TRUE(receipt->height() > 100);
}

TEST(UmockdevUsbPrinter, status_is_asked_over_bulk_in)
{
    auto printer = printer_on(usb("0416:5011"));
    kiosk::hal::PrinterStatus paper_out;
    paper_out.online = true;
    paper_out.paper = kiosk::hal::PaperLevel::end;
    m_emulator->set_status(paper_out);
    auto const status = printer->status();
    KIOSK_CHECK_OK(status);
    CHECK_TRUE(status->paper == kiosk::hal::PaperLevel::end);
    KIOSK_CHECK_ERRC(Errc::not_ready, printer->self_test());
}

TEST(UmockdevUsbPrinter, another_vid_pid_is_not_found)
{
    KIOSK_CHECK_ERRC(Errc::not_found, LibusbBulkChannel::open(usb("04b8:0e28")));
}

TEST(UmockdevUsbPrinter, unplugged_mid_job_is_disconnected_and_the_queue_keeps_the_job_until_it_prints_whole)
{
    kiosk::test::TempDir dir;
    kiosk::drivers::ManualClock clock;
    auto const journal_file = dir.path() / "print-journal.sqlite";
    auto printer = printer_on(usb(""));
    std::size_t const job_bytes = KIOSK_MUST(printer->encoder().encode(slip())).size();
    // The cable comes out half way through the job's bytes (after the status queries).
    m_emulator->inject_fault(job_bytes / 2, EscPosPrinterEmul::Fault::unplug);
    m_device->on_unplug = [this] {
        // umockdev 0.17 leaves a child's /sys/bus link behind when it removes the parent:
        // take the interface first, as the kernel's remove events come too.
        m_bed->remove(std::string(SYS_PATH) + "/1-1:1.0");
        m_bed->remove(SYS_PATH);
    };
    {
        auto queue = KIOSK_MUST(kiosk::receipt::PrintQueue::open(
            *printer, clock, journal(journal_file), {}));
        (void)KIOSK_MUST(queue->submit(slip()));
        auto const report = queue->pump();
        CHECK_TRUE(m_device->unplugged());
        LONGS_EQUAL(1, report.pending);
        CHECK_TRUE(report.blocked_by.has_value());
        STRCMP_EQUAL("disconnected", std::string(kiosk::errc_name(report.blocked_by->code())).c_str());
        LONGS_EQUAL(1, static_cast<long>(queue->jobs().size()));
        LONGS_EQUAL(0, m_emulator->receipts_out());
    }
    // While it is out, the printer cannot be opened.
    KIOSK_CHECK_ERRC(Errc::not_found, LibusbBulkChannel::open(usb("")));
    printer.reset();

    // Plugged back in: a new channel, the journal still holds the job, printed whole once.
    m_emulator->replug();
    plug();
    auto again = printer_on(usb(""));
    auto queue = KIOSK_MUST(kiosk::receipt::PrintQueue::open(
        *again, clock, journal(journal_file), {}));
    LONGS_EQUAL(1, static_cast<long>(queue->jobs().size()));
    auto const report = queue->pump();
    LONGS_EQUAL(1, report.printed);
    LONGS_EQUAL(0, report.pending);
    LONGS_EQUAL(1, m_emulator->receipts_out());
    LONGS_EQUAL(1, m_emulator->torn_receipts());
    CHECK_TRUE(queue->jobs().empty());
}

TEST(UmockdevUsbPrinter, no_permission_on_the_node_names_the_udev_rule)
{
    // The node as a udev without our rule leaves it: root's, mode 0600 (0000 when the test
    // does not run as root, since root itself bypasses file modes: then the probe program
    // opens the printer as user nobody).
    auto const root = m_bed->root();
    // The user nobody must reach the testbed and create libudev's monitor socket in it.
    std::filesystem::permissions(root, std::filesystem::perms(0777));
    // umockdev 0.17's preload connects to the node's ioctl socket even when open(2) failed,
    // and exits if it may not: the socket is emulation plumbing, not the node, so open it up.
    std::filesystem::permissions(root / "ioctl" / std::string(NODE).substr(1), std::filesystem::perms(0777));
    auto const node = root / std::string(NODE).substr(1);
    bool const as_root = ::geteuid() == 0;
    std::filesystem::permissions(node, as_root ? std::filesystem::perms(0600) : std::filesystem::perms::none);

    int out[2] = { -1, -1 };
    CHECK_EQUAL(0, ::pipe(out));
    pid_t const child = ::fork();
    if (child == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        if (as_root) {
            gid_t const nobody_group = 65534;
            uid_t const nobody = 65534;
            if (::setgroups(0, nullptr) != 0 || ::setresgid(nobody_group, nobody_group, nobody_group) != 0
                || ::setresuid(nobody, nobody, nobody) != 0)
                ::_exit(3);
        }
        char const* probe = KIOSK_USB_OPEN_PROBE;
        ::execl(probe, probe, "0416:5011", static_cast<char*>(nullptr));
        ::_exit(4);
    }
    ::close(out[1]);
    std::string said;
    std::array<char, 512> chunk {};
    ssize_t got = 0;
    while ((got = ::read(out[0], chunk.data(), chunk.size())) > 0)
        said.append(chunk.data(), static_cast<std::size_t>(got));
    ::close(out[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK_TRUE(WIFEXITED(status));
    LONGS_EQUAL(1, WEXITSTATUS(status));
    CHECK_TRUE_TEXT(said.find("permission_denied") != std::string::npos, said.c_str());
    CHECK_TRUE_TEXT(said.find("udev rule") != std::string::npos, said.c_str());
    CHECK_TRUE_TEXT(said.find("MODE=\"0660\"") != std::string::npos, said.c_str());
}
