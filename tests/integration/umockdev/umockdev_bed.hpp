// SPDX-License-Identifier: MIT
// An umockdev testbed inside the test process (libumockdev), for driver tests against
// emulated device nodes: sysfs and /dev entries come from .umockdev descriptions, and a
// device model (IoctlDevice) answers the node's ioctl(2) and read(2) calls as the kernel
// would. The process must run under umockdev's preload (CTest starts these tests through
// umockdev-wrapper); UmockdevBed::create() refuses to go on without it, so a test can never
// pass without the emulated device behind it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <umockdev.h>

namespace kiosk::test {

/// One ioctl(2) or read(2) of the program under test, seen by a device model. Valid only
/// inside IoctlDevice's callbacks; complete() must be called exactly once when handled.
class IoctlCall {
public:
    explicit IoctlCall(UMockdevIoctlClient* client) noexcept
        : m_client(client)
    {
    }
    /// The ioctl request number (0 for a read).
    [[nodiscard]] unsigned long request() const;
    /// The ioctl's third argument as passed (an int value or an address).
    [[nodiscard]] unsigned long value() const;
    /// The @p size bytes the argument points to, copied here; changes are copied back to
    /// the program at complete(). Null if the pointer is null.
    std::uint8_t* resolve(std::size_t size);
    /// For read(2): the program's buffer (bytes put there reach it), and its size.
    std::uint8_t* read_buffer();
    [[nodiscard]] std::size_t read_size() const;
    /// The call returns @p result, with errno @p error when @p result is -1.
    void complete(long result, int error = 0);
    [[nodiscard]] UMockdevIoctlClient* client() const noexcept { return m_client; }

private:
    UMockdevIoctlClient* m_client;
    UMockdevIoctlData* m_resolved = nullptr;
};

/// A device model behind one emulated node. Callbacks run on umockdev's worker thread while
/// the program under test waits in its ioctl/read: guard shared state with a mutex.
class IoctlDevice {
public:
    IoctlDevice() = default;
    virtual ~IoctlDevice() = default;
    IoctlDevice(IoctlDevice const&) = delete;
    IoctlDevice& operator=(IoctlDevice const&) = delete;
    IoctlDevice(IoctlDevice&&) = delete;
    IoctlDevice& operator=(IoctlDevice&&) = delete;

    /// @return false to let umockdev handle it (stateless defaults, else ENOTTY).
    virtual bool on_ioctl(IoctlCall& call) = 0;
    /// @return false to read from the node itself (a pty for character devices).
    virtual bool on_read(IoctlCall& /*call*/) { return false; }
};

/// The testbed: owns UMockdevTestbed and the handlers attached to it.
class UmockdevBed {
public:
    /// A fresh testbed. @return null with @p why set when umockdev's preload is not active
    ///         (not started through umockdev-wrapper / umockdev-run).
    static std::unique_ptr<UmockdevBed> create(std::string& why);
    ~UmockdevBed();
    UmockdevBed(UmockdevBed const&) = delete;
    UmockdevBed& operator=(UmockdevBed const&) = delete;
    UmockdevBed(UmockdevBed&&) = delete;
    UmockdevBed& operator=(UmockdevBed&&) = delete;

    /// Adds the devices of a .umockdev description. @return "" or the parse error.
    std::string add_file(std::filesystem::path const& description);
    /// Unplugs @p sys_path (/sys/devices/...): sysfs entry and /dev node go, a "remove"
    /// uevent is sent. Open file descriptors stay open (as after a real unplug).
    void remove(std::string const& sys_path);
    /// Routes @p dev_node's ioctl and read calls to @p device (which must outlive the bed or
    /// be detached first).
    std::string attach(std::string const& dev_node, IoctlDevice& device);
    void detach(std::string const& dev_node);
    /// Replays an evemu events file into @p dev_node (umockdev's script runner thread).
    /// @return "" or the error.
    std::string play_evemu(std::string const& dev_node, std::filesystem::path const& events);
    /// The master end of a pty-backed node (input, video4linux): bytes written there are what
    /// the node reads and wake poll(2).
    int pty_master(std::string const& dev_node);
    [[nodiscard]] std::filesystem::path root() const;

private:
    explicit UmockdevBed(UMockdevTestbed* testbed);
    struct Attached;
    UMockdevTestbed* m_testbed;
    std::unique_ptr<Attached> m_attached;
};

/// Folder of the .umockdev / .ioctl / .evemu files beside these tests.
std::filesystem::path umockdev_devices_dir();

} // namespace kiosk::test
