// SPDX-License-Identifier: MIT
// The one file that calls libusb.
#include "transport/libusb_bulk_channel.hpp"

#include "common/bounded_timeout.hpp"

#include <libusb.h>

#include <cstdio>
#include <cstdlib>

namespace kiosk::drivers {

namespace {

    constexpr std::uint8_t PRINTER_CLASS = 7;
    /// libusb waits forever for a timeout of 0; our 0 means "now".
    unsigned int usb_timeout(std::chrono::milliseconds timeout)
    {
        auto const bounded = bounded_timeout(timeout).count();
        return static_cast<unsigned int>(std::max<long long>(1, std::min<long long>(bounded, 24LL * 3600 * 1000)));
    }

    Error usb_error(int code, char const* context)
    {
        switch (code) {
        case LIBUSB_ERROR_NO_DEVICE:
            return Error(Errc::disconnected, "printer unplugged");
        case LIBUSB_ERROR_TIMEOUT:
            return Error(Errc::timeout, context);
        case LIBUSB_ERROR_ACCESS:
            return Error(Errc::permission_denied,
                "no permission for the USB printer's /dev/bus/usb node: install the board's udev rule "
                "(boards/BOARD/udev/99-kiosk-BOARD.rules: SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", "
                "ENV{ID_USB_INTERFACES}==\"*:0701??:*\", MODE=\"0660\", GROUP=\"kiosk\"), then "
                "`udevadm control --reload && udevadm trigger`");
        case LIBUSB_ERROR_BUSY:
            return Error(Errc::busy, "another program holds the USB printer");
        case LIBUSB_ERROR_NOT_FOUND:
            return Error(Errc::not_found, context);
        default:
            return Error(Errc::io, context);
        }
    }

    bool parse_hex16(std::string const& text, std::uint16_t& value)
    {
        if (text.empty() || text.size() > 4)
            return false;
        char* end = nullptr;
        unsigned long const parsed = std::strtoul(text.c_str(), &end, 16);
        if (end == nullptr || *end != '\0')
            return false;
        value = static_cast<std::uint16_t>(parsed);
        return true;
    }

    struct Endpoints {
        int interface_number = -1;
        unsigned char out = 0;
        unsigned char in = 0;
    };

    /// The printer interface of @p device: class 7 (or any with bulk OUT when @p any_class).
    Endpoints find_endpoints(libusb_device* device, bool any_class)
    {
        Endpoints found;
        libusb_config_descriptor* config = nullptr;
        if (libusb_get_active_config_descriptor(device, &config) != 0 || config == nullptr) {
            if (libusb_get_config_descriptor(device, 0, &config) != 0 || config == nullptr)
                return found;
        }
        for (int i = 0; i < config->bNumInterfaces && found.interface_number < 0; ++i) {
            libusb_interface const& interface = config->interface[i];
            for (int a = 0; a < interface.num_altsetting && found.interface_number < 0; ++a) {
                libusb_interface_descriptor const& setting = interface.altsetting[a];
                if (!any_class && setting.bInterfaceClass != PRINTER_CLASS)
                    continue;
                Endpoints candidate;
                for (int e = 0; e < setting.bNumEndpoints; ++e) {
                    libusb_endpoint_descriptor const& endpoint = setting.endpoint[e];
                    if ((endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK)
                        continue;
                    if ((endpoint.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN)
                        candidate.in = candidate.in != 0 ? candidate.in : endpoint.bEndpointAddress;
                    else
                        candidate.out = candidate.out != 0 ? candidate.out : endpoint.bEndpointAddress;
                }
                if (candidate.out != 0) {
                    candidate.interface_number = setting.bInterfaceNumber;
                    found = candidate;
                }
            }
        }
        libusb_free_config_descriptor(config);
        return found;
    }

} // namespace

Result<UsbSelector> UsbSelector::parse(std::string const& text)
{
    UsbSelector selector;
    if (text.empty())
        return selector;
    auto const colon = text.find(':');
    std::uint16_t vendor = 0;
    std::uint16_t product = 0;
    if (colon == std::string::npos || !parse_hex16(text.substr(0, colon), vendor)
        || !parse_hex16(text.substr(colon + 1), product))
        return fail(Errc::invalid_argument, "USB printer must be given as VID:PID in hex, e.g. 04b8:0e15");
    selector.vendor_id = vendor;
    selector.product_id = product;
    return selector;
}

struct LibusbBulkChannel::Handle {
    libusb_context* context = nullptr;
    libusb_device_handle* device = nullptr;
    Endpoints endpoints;
    bool claimed = false;
    std::string description;

    Handle() = default;
    Handle(Handle const&) = delete;
    Handle& operator=(Handle const&) = delete;
    Handle(Handle&&) = delete;
    Handle& operator=(Handle&&) = delete;
    ~Handle()
    {
        if (device != nullptr) {
            if (claimed)
                libusb_release_interface(device, endpoints.interface_number);
            libusb_close(device);
        }
        if (context != nullptr)
            libusb_exit(context);
    }
};

Result<std::unique_ptr<LibusbBulkChannel>> LibusbBulkChannel::open(UsbSelector const& selector)
{
    auto handle = std::make_unique<Handle>();
    if (libusb_init(&handle->context) != 0)
        return fail(Errc::io, "starting libusb");

    libusb_device** list = nullptr;
    ssize_t const count = libusb_get_device_list(handle->context, &list);
    if (count < 0)
        return Unexpected(usb_error(static_cast<int>(count), "listing USB devices"));
    libusb_device* chosen = nullptr;
    Endpoints endpoints;
    std::uint16_t vendor = 0;
    std::uint16_t product = 0;
    for (ssize_t i = 0; i < count && chosen == nullptr; ++i) {
        libusb_device_descriptor descriptor {};
        if (libusb_get_device_descriptor(list[i], &descriptor) != 0)
            continue;
        bool const wanted = selector.vendor_id.has_value();
        if (wanted && (descriptor.idVendor != *selector.vendor_id || descriptor.idProduct != *selector.product_id))
            continue;
        Endpoints const found = find_endpoints(list[i], wanted);
        if (found.interface_number < 0)
            continue;
        chosen = list[i];
        endpoints = found;
        vendor = descriptor.idVendor;
        product = descriptor.idProduct;
    }
    int opened = LIBUSB_ERROR_NOT_FOUND;
    if (chosen != nullptr)
        opened = libusb_open(chosen, &handle->device);
    libusb_free_device_list(list, 1);
    if (chosen == nullptr)
        return fail(Errc::not_found, selector.vendor_id ? "no USB device with that VID:PID has a bulk OUT interface"
                                                        : "no USB printer found");
    if (opened != 0)
        return Unexpected(usb_error(opened, "opening the USB printer"));

    handle->endpoints = endpoints;
    // The kernel's usblp driver holds printer interfaces; libusb gives it back on release.
    libusb_set_auto_detach_kernel_driver(handle->device, 1);
    if (int const claimed = libusb_claim_interface(handle->device, endpoints.interface_number); claimed != 0)
        return Unexpected(usb_error(claimed, "claiming the USB printer interface"));
    handle->claimed = true;
    char name[24];
    std::snprintf(name, sizeof name, "usb:%04x:%04x", vendor, product);
    handle->description = name;
    return std::unique_ptr<LibusbBulkChannel>(new LibusbBulkChannel(std::move(handle)));
}

LibusbBulkChannel::LibusbBulkChannel(std::unique_ptr<Handle> handle)
    : m_handle(std::move(handle))
{
}

LibusbBulkChannel::~LibusbBulkChannel() = default;

std::string LibusbBulkChannel::description() const { return m_handle->description; }

Result<void> LibusbBulkChannel::write(ByteView data, std::chrono::milliseconds timeout)
{
    auto const deadline = std::chrono::steady_clock::now() + bounded_timeout(timeout);
    while (!data.empty()) {
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return fail(Errc::timeout, "the USB printer did not take the data in time");
        int const chunk = static_cast<int>(std::min<std::size_t>(data.size(), 16384));
        int transferred = 0;
        // libusb's buffer parameter is not const, though OUT transfers only read it.
        int const result = libusb_bulk_transfer(m_handle->device, m_handle->endpoints.out,
            const_cast<unsigned char*>(data.data()), chunk, &transferred, usb_timeout(left)); // NOLINT(cppcoreguidelines-pro-type-const-cast)
        data = data.subspan(static_cast<std::size_t>(std::max(0, transferred)));
        if (result == LIBUSB_ERROR_TIMEOUT && transferred > 0)
            continue;
        if (result != 0)
            return Unexpected(usb_error(result, "the USB printer did not take the data in time"));
    }
    return {};
}

Result<std::size_t> LibusbBulkChannel::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout)
{
    if (m_handle->endpoints.in == 0 || buffer.empty())
        return std::size_t { 0 };
    int transferred = 0;
    int const result = libusb_bulk_transfer(m_handle->device, m_handle->endpoints.in, buffer.data(),
        static_cast<int>(std::min<std::size_t>(buffer.size(), 512)), &transferred, usb_timeout(timeout));
    if (result == LIBUSB_ERROR_TIMEOUT)
        return static_cast<std::size_t>(std::max(0, transferred));
    if (result != 0)
        return Unexpected(usb_error(result, "reading from the USB printer"));
    return static_cast<std::size_t>(transferred);
}

Result<void> LibusbBulkChannel::discard_input()
{
    std::uint8_t scratch[512];
    for (int round = 0; round < 64; ++round) {
        std::size_t const count = KIOSK_TRY(read(scratch, std::chrono::milliseconds(1)));
        if (count == 0)
            return {};
    }
    return {};
}

} // namespace kiosk::drivers
