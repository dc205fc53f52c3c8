// SPDX-License-Identifier: MIT
#include "printer/escpos_printer_emul.hpp"

#include "printer/cp1258.hpp"
#include "printer/escpos_status.hpp"
#include "printer/png_file.hpp"

#include <algorithm>
#include <cstdio>
#include <system_error>
#include <utility>

namespace kiosk::drivers {

namespace {

    constexpr std::uint8_t DLE = 0x10;
    constexpr std::uint8_t EOT = 0x04;
    constexpr std::uint8_t ESC = 0x1B;
    constexpr std::uint8_t GS = 0x1D;
    constexpr std::uint8_t LF = 0x0A;

    /// The number in a file name "NNN.png", or 0.
    int receipt_number(std::string const& name)
    {
        if (name.size() < 7 || !name.ends_with(".png"))
            return 0;
        int number = 0;
        for (std::size_t i = 0; i + 4 < name.size(); ++i) {
            if (name[i] < '0' || name[i] > '9' || number > 100'000'000)
                return 0;
            number = number * 10 + (name[i] - '0');
        }
        return number;
    }

} // namespace

Result<std::unique_ptr<EscPosPrinterEmul>> EscPosPrinterEmul::open(Options options)
{
    if (options.head_dots <= 0)
        return fail(Errc::invalid_argument, "emulated printer: head_dots must be positive");
    int last_number = 0;
    if (!options.output_dir.empty()) {
        std::error_code error;
        std::filesystem::create_directories(options.output_dir, error);
        if (error)
            return Unexpected(Error::from_errno(error.value(), "creating the receipt output directory"));
        for (std::filesystem::directory_iterator it(options.output_dir, error), end; !error && it != end;
             it.increment(error))
            last_number = std::max(last_number, receipt_number(it->path().filename().string()));
        if (error)
            return Unexpected(Error::from_errno(error.value(), "listing the receipt output directory"));
    }
    return std::unique_ptr<EscPosPrinterEmul>(new EscPosPrinterEmul(std::move(options), last_number));
}

EscPosPrinterEmul::EscPosPrinterEmul(Options options, int last_number)
    : m_options(std::move(options))
    , m_last_number(last_number)
{
    m_status.online = true;
}

EscPosPrinterEmul::~EscPosPrinterEmul() = default;

bool EscPosPrinterEmul::printing() const { return m_status.ready() && !m_torn; }

void EscPosPrinterEmul::tear()
{
    if (!m_torn && m_marked)
        ++m_torn_count;
    m_torn = true;
}

Result<void> EscPosPrinterEmul::write(ByteView data, std::chrono::milliseconds /*timeout*/)
{
    std::lock_guard lock(m_mutex);
    if (m_unplugged)
        return fail(Errc::disconnected, "printer unplugged");
    for (std::uint8_t byte : data) {
        if (m_fault && m_received >= m_fault->first) {
            Fault const fault = m_fault->second;
            m_fault.reset();
            switch (fault) {
            case Fault::paper_end:
                m_status.paper = hal::PaperLevel::end;
                break;
            case Fault::cover_open:
                m_status.cover_open = true;
                break;
            case Fault::unplug:
                m_unplugged = true;
                break;
            case Fault::stop_answering:
                m_answering = false;
                break;
            }
            if (fault != Fault::stop_answering) {
                // A receipt half out of the printer is spoiled, even if no dot of it was yet drawn.
                m_marked = true;
                tear();
            }
            if (m_unplugged) {
                m_pending.clear();
                return fail(Errc::disconnected, "printer unplugged");
            }
        }
        ++m_received;
        m_pending.push_back(byte);
        while (true) {
            bool const ran = KIOSK_TRY(run_one());
            if (!ran)
                break;
        }
    }
    return {};
}

Result<std::size_t> EscPosPrinterEmul::read(std::span<std::uint8_t> buffer, std::chrono::milliseconds /*timeout*/)
{
    std::lock_guard lock(m_mutex);
    if (m_unplugged)
        return fail(Errc::disconnected, "printer unplugged");
    std::size_t count = 0;
    while (count < buffer.size() && !m_replies.empty()) {
        buffer[count++] = m_replies.front();
        m_replies.pop_front();
    }
    return count;
}

Result<void> EscPosPrinterEmul::discard_input()
{
    std::lock_guard lock(m_mutex);
    if (m_unplugged)
        return fail(Errc::disconnected, "printer unplugged");
    m_replies.clear();
    return {};
}

std::string EscPosPrinterEmul::description() const
{
    return "emul:" + (m_options.output_dir.empty() ? std::string("(memory)") : m_options.output_dir.string());
}

void EscPosPrinterEmul::set_status(hal::PrinterStatus status)
{
    std::lock_guard lock(m_mutex);
    m_status = status;
}

hal::PrinterStatus EscPosPrinterEmul::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

void EscPosPrinterEmul::inject_fault(std::size_t after_bytes, Fault fault)
{
    std::lock_guard lock(m_mutex);
    m_fault = std::make_pair(m_received + after_bytes, fault);
}

void EscPosPrinterEmul::replug()
{
    std::lock_guard lock(m_mutex);
    m_unplugged = false;
    m_answering = true;
    m_pending.clear();
    m_replies.clear();
}

int EscPosPrinterEmul::receipts_out() const
{
    std::lock_guard lock(m_mutex);
    return m_receipts;
}

int EscPosPrinterEmul::torn_receipts() const
{
    std::lock_guard lock(m_mutex);
    return m_torn_count;
}

std::optional<hal::RasterImage> EscPosPrinterEmul::last_receipt() const
{
    std::lock_guard lock(m_mutex);
    return m_last;
}

std::filesystem::path EscPosPrinterEmul::last_receipt_file() const
{
    std::lock_guard lock(m_mutex);
    return m_last_file;
}

std::size_t EscPosPrinterEmul::bytes_received() const
{
    std::lock_guard lock(m_mutex);
    return m_received;
}

int EscPosPrinterEmul::unknown_commands() const
{
    std::lock_guard lock(m_mutex);
    return m_unknown;
}

Result<void> EscPosPrinterEmul::flush()
{
    std::lock_guard lock(m_mutex);
    return end_receipt(false);
}

void EscPosPrinterEmul::ensure_rows(int rows)
{
    int const row_bytes = (m_options.head_dots + 7) / 8;
    std::size_t const needed = static_cast<std::size_t>(rows) * static_cast<std::size_t>(row_bytes);
    if (m_paper.size() < needed)
        m_paper.resize(needed, 0);
}

void EscPosPrinterEmul::paint(hal::RasterImage const& image, int x)
{
    if (!printing()) {
        m_marked = true;
        tear();
        return;
    }
    ensure_rows(m_rows + image.height());
    int const row_bytes = (m_options.head_dots + 7) / 8;
    for (int y = 0; y < image.height(); ++y)
        for (int column = 0; column < image.width(); ++column) {
            int const dot_x = x + column;
            if (!image.dot(column, y) || dot_x < 0 || dot_x >= m_options.head_dots)
                continue;
            m_paper[static_cast<std::size_t>(m_rows + y) * static_cast<std::size_t>(row_bytes)
                + static_cast<std::size_t>(dot_x / 8)]
                |= static_cast<std::uint8_t>(0x80U >> (dot_x % 8));
        }
    m_rows += image.height();
    m_marked = true;
}

Result<void> EscPosPrinterEmul::print_text_line()
{
    std::string const bytes = std::exchange(m_line, {});
    int const scale = std::max(1, m_scale);
    TextStyle const style { scale, m_bold };
    if (m_options.text == nullptr) {
        ++m_unknown;
        m_rows += EscPosEncoder::LINE_DOTS * scale;
        return {};
    }
    std::string const text = m_code_page == EscPosEncoder::ESC_T_WPC1258 ? cp1258::decode(bytes) : bytes;
    int const height = std::max(m_options.text->line_height(style), EscPosEncoder::LINE_DOTS * scale);
    hal::RasterImage line(m_options.head_dots, height);
    auto width = m_options.text->measure(text, style);
    if (!width) // bytes that are not UTF-8 in the default code page print as nothing
        width = 0;
    int const free = std::max(0, m_options.head_dots - *width);
    int const x = m_align == 0 ? 0 : m_align == 1 ? free / 2 : free;
    if (*width > 0)
        (void)m_options.text->draw(text, style, line, x, 0);
    paint(line, 0);
    return {};
}

Result<void> EscPosPrinterEmul::end_receipt(bool cut)
{
    if (!m_line.empty())
        KIOSK_TRY(print_text_line());
    bool const torn = m_torn;
    bool const marked = m_marked;
    int const rows = m_rows;
    std::vector<std::uint8_t> paper = std::exchange(m_paper, {});
    m_rows = 0;
    m_marked = false;
    m_torn = false;
    if (torn) {
        // Counted when the fault tore it.
        return {};
    }
    if (!marked || (!cut && rows == 0))
        return {};
    hal::RasterImage receipt(m_options.head_dots, std::max(rows, 1));
    paper.resize(receipt.bits().size(), 0);
    for (int y = 0; y < receipt.height(); ++y)
        for (int x = 0; x < receipt.width(); ++x)
            if ((paper[static_cast<std::size_t>(y) * static_cast<std::size_t>(receipt.row_bytes())
                     + static_cast<std::size_t>(x / 8)]
                    & (0x80U >> (x % 8)))
                != 0)
                receipt.set_dot(x, y);
    ++m_receipts;
    int const number = ++m_last_number;
    if (!m_options.output_dir.empty()) {
        char name[32];
        std::snprintf(name, sizeof name, "%03d.png", number);
        auto const path = m_options.output_dir / name;
        KIOSK_TRY(png_file::write(path, receipt));
        m_last_file = path;
    }
    m_last = std::move(receipt);
    return {};
}

Result<bool> EscPosPrinterEmul::run_one()
{
    auto& p = m_pending;
    if (p.empty())
        return false;
    auto consume = [&p](std::size_t count) { p.erase(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(count)); };
    std::uint8_t const first = p[0];

    if (first == DLE) {
        if (p.size() < 3)
            return false;
        if (p[1] == EOT && p[2] >= 1 && p[2] <= 4) {
            if (m_answering)
                m_replies.push_back(EscPosStatus::replies_for(m_status)[p[2] - 1U]);
        } else {
            ++m_unknown;
        }
        consume(3);
        return true;
    }
    if (first == LF) {
        if (m_line.empty()) {
            if (printing()) {
                ensure_rows(m_rows + EscPosEncoder::LINE_DOTS * m_scale);
                m_rows += EscPosEncoder::LINE_DOTS * m_scale;
            }
        } else {
            KIOSK_TRY(print_text_line());
        }
        consume(1);
        return true;
    }
    if (first == ESC) {
        if (p.size() < 2)
            return false;
        std::uint8_t const command = p[1];
        if (command == '@') {
            // A new job: a receipt left without a cut is finished first.
            KIOSK_TRY(end_receipt(false));
            m_align = 0;
            m_bold = false;
            m_scale = 1;
            m_code_page = 0;
            m_line.clear();
            consume(2);
            return true;
        }
        if (command == '2') {
            consume(2);
            return true;
        }
        if (p.size() < 3)
            return false;
        std::uint8_t const n = p[2];
        switch (command) {
        case 'a':
            m_align = n % 48;
            break;
        case 'E':
            m_bold = (n & 1) != 0;
            break;
        case 't':
            m_code_page = n;
            break;
        case 'J':
        case 'd': {
            int const dots = command == 'J' ? n : n * EscPosEncoder::LINE_DOTS;
            if (!m_line.empty())
                KIOSK_TRY(print_text_line());
            if (printing()) {
                ensure_rows(m_rows + dots);
                m_rows += dots;
            }
            break;
        }
        case '3':
        case '!':
            break;
        default:
            ++m_unknown;
        }
        consume(3);
        return true;
    }
    if (first == GS) {
        if (p.size() < 2)
            return false;
        std::uint8_t const command = p[1];
        if (command == 'v') {
            if (p.size() < 8)
                return false;
            int const row_bytes = p[4] | (p[5] << 8);
            int const rows = p[6] | (p[7] << 8);
            std::size_t const total = 8 + static_cast<std::size_t>(row_bytes) * static_cast<std::size_t>(rows);
            if (p.size() < total)
                return false;
            if (p[2] != '0')
                ++m_unknown;
            hal::RasterImage image(row_bytes * 8, rows);
            for (int y = 0; y < rows; ++y)
                for (int x = 0; x < row_bytes * 8; ++x)
                    if ((p[8 + static_cast<std::size_t>(y * row_bytes + x / 8)] & (0x80U >> (x % 8))) != 0)
                        image.set_dot(x, y);
            paint(image, 0);
            consume(total);
            return true;
        }
        if (command == '(') {
            if (p.size() < 5)
                return false;
            std::size_t const length = p[3] | (static_cast<std::size_t>(p[4]) << 8);
            if (p.size() < 5 + length)
                return false;
            if (p[2] == 'k' && length >= 3 && p[5] == 49) {
                std::uint8_t const function = p[6];
                if (function == 67)
                    m_qr_module_dots = std::clamp<int>(p[7], 1, 16);
                else if (function == 80)
                    m_qr_payload.assign(p.begin() + 8, p.begin() + 5 + static_cast<std::ptrdiff_t>(length));
                else if (function == 81) {
                    auto modules = m_options.qr ? m_options.qr(m_qr_payload) : Result<hal::RasterImage>(fail(Errc::unsupported, "no QR"));
                    if (modules) {
                        int const md = m_qr_module_dots;
                        int const quiet = 4 * md;
                        int const size = modules->width() * md + 2 * quiet;
                        hal::RasterImage code(size, size);
                        for (int y = 0; y < modules->height(); ++y)
                            for (int x = 0; x < modules->width(); ++x)
                                if (modules->dot(x, y))
                                    for (int dy = 0; dy < md; ++dy)
                                        for (int dx = 0; dx < md; ++dx)
                                            code.set_dot(quiet + x * md + dx, quiet + y * md + dy);
                        int const free = std::max(0, m_options.head_dots - size);
                        paint(code, m_align == 0 ? 0 : m_align == 1 ? free / 2 : free);
                    } else {
                        ++m_unknown;
                    }
                }
                // Model (65) and error correction (69) change nothing the emulator draws.
            } else {
                ++m_unknown;
            }
            consume(5 + length);
            return true;
        }
        if (command == 'V') {
            if (p.size() < 3)
                return false;
            std::uint8_t const mode = p[2];
            std::size_t size = 3;
            if (mode == 65 || mode == 66) {
                if (p.size() < 4)
                    return false;
                if (printing()) {
                    ensure_rows(m_rows + p[3]);
                    m_rows += p[3];
                }
                size = 4;
            } else if (mode != 0 && mode != 1 && mode != 48 && mode != 49) {
                ++m_unknown;
            }
            consume(size);
            KIOSK_TRY(end_receipt(true));
            return true;
        }
        if (p.size() < 3)
            return false;
        if (command == '!') {
            m_scale = std::max((p[2] & 0x07) + 1, ((p[2] >> 4) & 0x07) + 1);
        } else {
            ++m_unknown;
        }
        consume(3);
        return true;
    }
    if (first < 0x20) {
        // Other control bytes (CR, HT, ...) print nothing here.
        consume(1);
        return true;
    }
    m_line += static_cast<char>(first);
    consume(1);
    return true;
}

} // namespace kiosk::drivers
