// SPDX-License-Identifier: MIT
#include "umockdev_bed.hpp"

#include <cstring>
#include <map>

#include <umockdev.h>

namespace kiosk::test {

namespace {

    std::string take_message(GError* error)
    {
        std::string message = error != nullptr && error->message != nullptr ? error->message : "unknown error";
        if (error != nullptr)
            g_error_free(error);
        return message;
    }

    gboolean on_ioctl(UMockdevIoctlBase* /*handler*/, UMockdevIoctlClient* client, gpointer device)
    {
        IoctlCall call(client);
        return static_cast<IoctlDevice*>(device)->on_ioctl(call) ? TRUE : FALSE;
    }

    gboolean on_read(UMockdevIoctlBase* /*handler*/, UMockdevIoctlClient* client, gpointer device)
    {
        IoctlCall call(client);
        return static_cast<IoctlDevice*>(device)->on_read(call) ? TRUE : FALSE;
    }

} // namespace

unsigned long IoctlCall::request() const { return umockdev_ioctl_client_get_request(m_client); }

unsigned long IoctlCall::value() const
{
    UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(m_client);
    unsigned long value = 0;
    if (arg != nullptr && arg->data_len >= static_cast<gint>(sizeof value))
        std::memcpy(&value, arg->data, sizeof value);
    return value;
}

std::uint8_t* IoctlCall::resolve(std::size_t size)
{
    GError* error = nullptr;
    m_resolved = umockdev_ioctl_data_resolve(umockdev_ioctl_client_get_arg(m_client), 0, size, &error);
    if (error != nullptr)
        g_error_free(error);
    return m_resolved != nullptr ? m_resolved->data : nullptr;
}

std::uint8_t* IoctlCall::read_buffer() { return umockdev_ioctl_client_get_arg(m_client)->data; }

std::size_t IoctlCall::read_size() const
{
    return static_cast<std::size_t>(umockdev_ioctl_client_get_arg(m_client)->data_len);
}

void IoctlCall::complete(long result, int error) { umockdev_ioctl_client_complete(m_client, result, error); }

struct UmockdevBed::Attached {
    std::map<std::string, UMockdevIoctlBase*> handlers;
};

std::unique_ptr<UmockdevBed> UmockdevBed::create(std::string& why)
{
    // umockdev_testbed_new() points $UMOCKDEV_DIR at a fresh folder; only the preload makes
    // /sys and /dev of this process look there, which in_mock_environment() checks (and
    // remembers: ask only with a testbed in place).
    UMockdevTestbed* testbed = umockdev_testbed_new();
    if (umockdev_in_mock_environment() == FALSE) {
        g_object_unref(testbed);
        why = "umockdev's preload is not active: run this test through CTest, or as "
              "`umockdev-wrapper PROGRAM` (LD_PRELOAD=libumockdev-preload.so.0); without it no emulated "
              "device exists and nothing here would be tested";
        return nullptr;
    }
    return std::unique_ptr<UmockdevBed>(new UmockdevBed(testbed));
}

UmockdevBed::UmockdevBed(UMockdevTestbed* testbed)
    : m_testbed(testbed)
    , m_attached(std::make_unique<Attached>())
{
}

UmockdevBed::~UmockdevBed()
{
    while (!m_attached->handlers.empty())
        detach(m_attached->handlers.begin()->first);
    g_object_unref(m_testbed);
}

std::string UmockdevBed::add_file(std::filesystem::path const& description)
{
    GError* error = nullptr;
    if (umockdev_testbed_add_from_file(m_testbed, description.c_str(), &error) == FALSE)
        return take_message(error);
    return {};
}

void UmockdevBed::remove(std::string const& sys_path) { umockdev_testbed_remove_device(m_testbed, sys_path.c_str()); }

std::string UmockdevBed::attach(std::string const& dev_node, IoctlDevice& device)
{
    UMockdevIoctlBase* handler = umockdev_ioctl_base_new();
    g_signal_connect(handler, "handle-ioctl", G_CALLBACK(on_ioctl), &device);
    g_signal_connect(handler, "handle-read", G_CALLBACK(on_read), &device);
    GError* error = nullptr;
    if (umockdev_testbed_attach_ioctl(m_testbed, dev_node.c_str(), handler, &error) == FALSE) {
        g_object_unref(handler);
        return take_message(error);
    }
    m_attached->handlers[dev_node] = handler;
    return {};
}

void UmockdevBed::detach(std::string const& dev_node)
{
    auto const found = m_attached->handlers.find(dev_node);
    if (found == m_attached->handlers.end())
        return;
    GError* error = nullptr;
    (void)umockdev_testbed_detach_ioctl(m_testbed, dev_node.c_str(), &error);
    if (error != nullptr)
        g_error_free(error);
    g_signal_handlers_disconnect_matched(found->second, G_SIGNAL_MATCH_FUNC, 0, 0, nullptr,
        reinterpret_cast<gpointer>(on_ioctl), nullptr); // NOLINT: GLib's untyped callback pointer
    g_signal_handlers_disconnect_matched(found->second, G_SIGNAL_MATCH_FUNC, 0, 0, nullptr,
        reinterpret_cast<gpointer>(on_read), nullptr); // NOLINT: GLib's untyped callback pointer
    g_object_unref(found->second);
    m_attached->handlers.erase(found);
}

std::string UmockdevBed::play_evemu(std::string const& dev_node, std::filesystem::path const& events)
{
    GError* error = nullptr;
    if (umockdev_testbed_load_evemu_events(m_testbed, dev_node.c_str(), events.c_str(), &error) == FALSE)
        return take_message(error);
    return {};
}

int UmockdevBed::pty_master(std::string const& dev_node)
{
    return umockdev_testbed_get_dev_fd(m_testbed, dev_node.c_str());
}

std::filesystem::path UmockdevBed::root() const
{
    gchar* root = umockdev_testbed_get_root_dir(m_testbed);
    std::filesystem::path path(root);
    g_free(root);
    return path;
}

std::filesystem::path umockdev_devices_dir()
{
    return std::filesystem::path(KIOSK_SOURCE_DIR) / "tests" / "integration" / "umockdev" / "devices";
}

} // namespace kiosk::test
