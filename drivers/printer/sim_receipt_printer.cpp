// SPDX-License-Identifier: MIT
#include "printer/sim_receipt_printer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <string_view>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace kiosk::drivers {

namespace {

    /// Closes a file descriptor on scope exit.
    class UniqueFd {
    public:
        explicit UniqueFd(int fd) noexcept
            : m_fd(fd)
        {
        }
        ~UniqueFd()
        {
            if (m_fd >= 0)
                ::close(m_fd);
        }
        UniqueFd(UniqueFd const&) = delete;
        UniqueFd& operator=(UniqueFd const&) = delete;
        UniqueFd(UniqueFd&&) = delete;
        UniqueFd& operator=(UniqueFd&&) = delete;

        [[nodiscard]] int get() const noexcept { return m_fd; }

        /// Closes now, reporting the error close() may report for buffered data.
        [[nodiscard]] int close() noexcept
        {
            int const fd = std::exchange(m_fd, -1);
            return ::close(fd) == 0 ? 0 : errno;
        }

    private:
        int m_fd;
    };

    Result<void> write_all(int fd, std::string_view bytes)
    {
        while (!bytes.empty()) {
            ssize_t const written = ::write(fd, bytes.data(), bytes.size());
            if (written < 0) {
                if (errno == EINTR)
                    continue;
                return Unexpected(Error::from_errno(errno, "writing a receipt image"));
            }
            bytes.remove_prefix(static_cast<std::size_t>(written));
        }
        return {};
    }

    /// The number in a file name "NNN.pbm" (three digits or more), or 0.
    int receipt_number(std::string const& file_name)
    {
        constexpr std::string_view SUFFIX = ".pbm";
        if (file_name.size() < 3 + SUFFIX.size() || !file_name.ends_with(SUFFIX))
            return 0;
        int number = 0;
        for (std::size_t i = 0; i < file_name.size() - SUFFIX.size(); ++i) {
            char const c = file_name[i];
            if (c < '0' || c > '9' || number > 100'000'000)
                return 0;
            number = number * 10 + (c - '0');
        }
        return number;
    }

    std::string receipt_file_name(int number)
    {
        char name[32];
        std::snprintf(name, sizeof name, "%03d.pbm", number);
        return name;
    }

} // namespace

Result<std::unique_ptr<SimReceiptPrinter>> SimReceiptPrinter::open(
    hal::PrinterCapabilities capabilities, std::filesystem::path output_dir, DocumentRenderer renderer)
{
    if (capabilities.dots_per_line <= 0 || capabilities.dots_per_mm <= 0)
        return fail(Errc::invalid_argument, "printer capabilities: dots must be positive");

    std::error_code error;
    std::filesystem::create_directories(output_dir, error);
    if (error)
        return Unexpected(Error::from_errno(error.value(), "creating the receipt output directory"));
    if (!std::filesystem::is_directory(output_dir, error))
        return Unexpected(Error::from_errno(error ? error.value() : ENOTDIR, "creating the receipt output directory"));

    // Continue after receipts left by an earlier run rather than overwrite them.
    int last_number = 0;
    for (std::filesystem::directory_iterator it(output_dir, error), end; !error && it != end; it.increment(error))
        last_number = std::max(last_number, receipt_number(it->path().filename().string()));
    if (error)
        return Unexpected(Error::from_errno(error.value(), "listing the receipt output directory"));

    return std::unique_ptr<SimReceiptPrinter>(
        new SimReceiptPrinter(std::move(capabilities), std::move(output_dir), last_number, std::move(renderer)));
}

SimReceiptPrinter::SimReceiptPrinter(hal::PrinterCapabilities capabilities, std::filesystem::path output_dir,
    int last_number, DocumentRenderer renderer)
    : m_capabilities(std::move(capabilities))
    , m_output_dir(std::move(output_dir))
    , m_renderer(std::move(renderer))
    , m_last_number(last_number)
{
    m_status.online = true;
}

SimReceiptPrinter::~SimReceiptPrinter() = default;

Result<std::string> SimReceiptPrinter::self_test()
{
    hal::PrinterStatus const current = KIOSK_TRY(status());
    if (!current.online)
        return fail(Errc::not_ready, "printer offline");
    if (current.cover_open)
        return fail(Errc::not_ready, "printer cover open");
    if (current.paper == hal::PaperLevel::end)
        return fail(Errc::not_ready, "printer out of paper");
    if (current.cutter_error)
        return fail(Errc::not_ready, "printer cutter error");
    if (current.unrecoverable_error)
        return fail(Errc::not_ready, "printer unrecoverable error");
    std::string summary = current.paper == hal::PaperLevel::near_end ? "paper near end" : "paper ok";
    summary += ", cover closed";
    if (current.recoverable_error)
        summary += ", recovering from an error";
    return summary;
}

hal::PrinterCapabilities SimReceiptPrinter::capabilities() const { return m_capabilities; }

Result<hal::PrinterStatus> SimReceiptPrinter::status()
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

Result<void> SimReceiptPrinter::print(hal::RasterImage const& page, hal::Cut /*cut*/)
{
    std::lock_guard lock(m_mutex);
    if (!m_status.ready())
        return fail(Errc::not_ready, "printing: the printer is not ready");
    if (page.width() <= 0 || page.height() <= 0)
        return fail(Errc::invalid_argument, "printing: empty page");
    if (page.width() > m_capabilities.dots_per_line)
        return fail(Errc::invalid_argument, "printing: page wider than the print head");

    // PBM P4 rows are (width + 7) / 8 bytes, most significant bit leftmost, 1 = black: exactly
    // RasterImage's layout, so the bits are written as they are.
    std::string image = "P4\n" + std::to_string(page.width()) + " " + std::to_string(page.height()) + "\n";
    image.append(reinterpret_cast<char const*>(page.bits().data()), page.bits().size());

    int const number = m_last_number + 1;
    auto const final_path = m_output_dir / receipt_file_name(number);
    auto const temp_path = m_output_dir / ("." + receipt_file_name(number) + ".partial");
    {
        UniqueFd fd(::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (fd.get() < 0)
            return Unexpected(Error::from_errno(errno, "creating a receipt image file"));
        if (auto written = write_all(fd.get(), image); !written) {
            ::unlink(temp_path.c_str());
            return written;
        }
        if (int const close_errno = fd.close(); close_errno != 0) {
            ::unlink(temp_path.c_str());
            return Unexpected(Error::from_errno(close_errno, "writing a receipt image"));
        }
    }
    if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
        int const rename_errno = errno;
        ::unlink(temp_path.c_str());
        return Unexpected(Error::from_errno(rename_errno, "saving a receipt image"));
    }
    m_last_number = number;
    ++m_printed;
    return {};
}

Result<void> SimReceiptPrinter::print(hal::ReceiptDocument const& document)
{
    if (!m_renderer)
        return fail(Errc::unsupported, "this simulated printer cannot lay out documents");
    hal::RasterImage const page = KIOSK_TRY(m_renderer(document));
    return print(page, document.cut);
}

void SimReceiptPrinter::set_status(hal::PrinterStatus status)
{
    std::lock_guard lock(m_mutex);
    m_status = status;
}

int SimReceiptPrinter::receipts_printed() const
{
    std::lock_guard lock(m_mutex);
    return m_printed;
}

std::filesystem::path const& SimReceiptPrinter::output_dir() const { return m_output_dir; }

} // namespace kiosk::drivers
