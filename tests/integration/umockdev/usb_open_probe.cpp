// SPDX-License-Identifier: MIT
// usb_open_probe VID:PID: opens the USB printer with LibusbBulkChannel and prints
// "ok DESCRIPTION" (exit 0) or "ERRC: MESSAGE" (exit 1). The umockdev permission test runs it
// as another user, which the test process itself cannot become.
#include <transport/libusb_bulk_channel.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv)
{
    auto selector = kiosk::drivers::UsbSelector::parse(argc > 1 ? argv[1] : "");
    if (!selector) {
        std::printf("%s: %s\n", std::string(kiosk::errc_name(selector.error().code())).c_str(),
            selector.error().message().c_str());
        return 2;
    }
    auto channel = kiosk::drivers::LibusbBulkChannel::open(*selector);
    if (!channel) {
        std::printf("%s: %s\n", std::string(kiosk::errc_name(channel.error().code())).c_str(),
            channel.error().message().c_str());
        return 1;
    }
    std::printf("ok %s\n", (*channel)->description().c_str());
    return 0;
}
