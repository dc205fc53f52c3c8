// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/byte_channel.hpp>
#include <kiosk/hal/result.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace kiosk::drivers {

/// Which USB device to take.
struct UsbSelector {
    /// Both set: that vendor:product; unset: the first device with a printer-class (7)
    /// interface.
    std::optional<std::uint16_t> vendor_id;
    std::optional<std::uint16_t> product_id;

    /// Parses "" (first printer) or "04b8:0e15" (hex). @return Errc::invalid_argument.
    static Result<UsbSelector> parse(std::string const& text);
};

/// USB bulk endpoints of a printer, through libusb: finds the interface (printer class, or
/// the first with a bulk OUT endpoint on a given VID:PID), detaches the kernel's usblp
/// driver, claims it, and writes OUT / reads IN with timeouts. The one file that calls libusb.
class LibusbBulkChannel final : public hal::ByteChannel {
public:
    /// @return Errc::not_found if no such device is plugged in, Errc::permission_denied if
    ///         the device node is not ours (install the board's udev rules), Errc::busy if
    ///         another program holds the interface, Errc::io.
    static Result<std::unique_ptr<LibusbBulkChannel>> open(UsbSelector const& selector);

    ~LibusbBulkChannel() override;
    LibusbBulkChannel(LibusbBulkChannel const&) = delete;
    LibusbBulkChannel& operator=(LibusbBulkChannel const&) = delete;
    LibusbBulkChannel(LibusbBulkChannel&&) = delete;
    LibusbBulkChannel& operator=(LibusbBulkChannel&&) = delete;

    /// @return Errc::disconnected once the printer is unplugged, Errc::timeout, Errc::io.
    Result<void> write(ByteView data, std::chrono::milliseconds timeout) override;
    /// 0 bytes when the printer has no bulk IN endpoint or nothing came in time.
    Result<std::size_t> read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout) override;
    Result<void> discard_input() override;
    [[nodiscard]] std::string description() const override;

private:
    struct Handle;
    explicit LibusbBulkChannel(std::unique_ptr<Handle> handle);
    std::unique_ptr<Handle> m_handle;
};

} // namespace kiosk::drivers
