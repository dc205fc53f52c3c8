// SPDX-License-Identifier: MIT
#include "printer_commands.hpp"

#include "runtime/board_file.hpp"
#include "runtime/board_loader.hpp"
#include "runtime/driver_table.hpp"
#include "runtime/printer_drivers.hpp"

#include <receipt/document_json.hpp>

#include <chrono>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

namespace kiosk::bench {

namespace {

    struct PrinterOptions {
        std::string connection; ///< --printer, empty: the board's
        std::string file;       ///< print FILE.json
    };

    /// The printer of the board, or the one --printer names, opened.
    Result<std::unique_ptr<hal::ReceiptPrinter>> open_printer(
        cli::Output const& out, GlobalOptions const& global, PrinterOptions const& options, cli::Exit& exit)
    {
        exit = cli::Exit::failed;
        auto config = runtime::parse_board_file(global.board_file);
        if (!config) {
            exit = out.error(config.error().code, config.error().message(), cli::Exit::usage);
            return fail(Errc::invalid_argument, "board file");
        }
        runtime::RoleConfig role;
        if (auto const* board_role = config->role(hal::Role::printer); board_role != nullptr)
            role = *board_role;
        role.role = hal::Role::printer;
        if (!options.connection.empty()) {
            role.connection = options.connection;
            auto const colon = options.connection.find(':');
            role.scheme = options.connection.substr(0, colon);
            role.args = colon == std::string::npos ? std::string() : options.connection.substr(colon + 1);
        }
        if (role.connection.empty()) {
            exit = out.error(Errc::not_found, "the board has no printer; give one with --printer", cli::Exit::failed);
            return fail(Errc::not_found, "no printer");
        }
        if (runtime::find_driver(hal::Role::printer, role.scheme) == nullptr) {
            exit = out.error(Errc::invalid_argument,
                "unknown printer connection '" + role.connection + "' (known: " + runtime::known_schemes(hal::Role::printer)
                    + ")",
                cli::Exit::usage);
            return fail(Errc::invalid_argument, "unknown scheme");
        }
        auto printer = runtime::open_printer(role, *config, runtime::default_output_dir());
        if (!printer) {
            exit = out.error(printer.error().code(), "opening printer " + role.connection + ": " + printer.error().message(),
                cli::Output::exit_for(printer.error().code()));
            return Unexpected(printer.error());
        }
        return std::move(*printer);
    }

    nlohmann::json status_json(hal::PrinterStatus const& status)
    {
        nlohmann::json error = nullptr;
        if (status.unrecoverable_error)
            error = "unrecoverable_error";
        else if (status.cutter_error)
            error = "cutter_error";
        else if (status.recoverable_error)
            error = "recoverable_error";
        return { { "online", status.online }, { "cover_open", status.cover_open },
            { "paper", std::string(hal::paper_level_name(status.paper)) }, { "error", error }, { "ready", status.ready() } };
    }

    std::string status_line(hal::PrinterStatus const& status)
    {
        std::string line = std::string("Giấy: ") + std::string(hal::paper_level_name(status.paper));
        line += status.cover_open ? ", nắp mở" : ", nắp đóng";
        line += status.online ? ", sẵn sàng" : ", ngoại tuyến";
        return line;
    }

    std::string job_name()
    {
        auto const now = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch());
        return "bench-" + std::to_string(now.count());
    }

    cli::Exit print_document(cli::Output const& out, hal::ReceiptPrinter& printer, hal::ReceiptDocument const& document)
    {
        auto bytes = runtime::job_bytes(printer, document);
        if (!bytes)
            return out.error(bytes.error().code(), "laying out the receipt: " + bytes.error().message(), cli::Exit::usage);
        if (auto printed = printer.print(document); !printed)
            return out.error(printed.error().code(), "printing: " + printed.error().message(),
                cli::Output::exit_for(printed.error().code()));
        std::string const job = job_name();
        return out.result(true, { { "bytes", *bytes }, { "job", job } },
            "printed " + job + " (" + std::to_string(*bytes) + " bytes)\n");
    }

    cli::Exit run_status(cli::Output const& out, GlobalOptions const& global, PrinterOptions const& options)
    {
        cli::Exit exit = cli::Exit::failed;
        auto printer = open_printer(out, global, options, exit);
        if (!printer)
            return exit;
        auto status = (*printer)->status();
        if (!status)
            return out.error(status.error().code(), "asking the printer: " + status.error().message(),
                cli::Output::exit_for(status.error().code()));
        std::string human = "online: " + std::string(status->online ? "yes" : "no") + "\ncover: "
            + (status->cover_open ? "open" : "closed") + "\npaper: " + std::string(hal::paper_level_name(status->paper))
            + "\n";
        return out.result(true, { { "status", status_json(*status) } }, human);
    }

    cli::Exit run_test_page(cli::Output const& out, GlobalOptions const& global, PrinterOptions const& options)
    {
        cli::Exit exit = cli::Exit::failed;
        auto printer = open_printer(out, global, options, exit);
        if (!printer)
            return exit;
        auto status = (*printer)->status();
        if (!status)
            return out.error(status.error().code(), "asking the printer: " + status.error().message(),
                cli::Output::exit_for(status.error().code()));
        return print_document(out, **printer, test_page_document(status_line(*status)));
    }

    cli::Exit run_print(cli::Output const& out, GlobalOptions const& global, PrinterOptions const& options)
    {
        std::ifstream in(options.file, std::ios::binary);
        if (!in)
            return out.error(Errc::not_found, "cannot read " + options.file, cli::Exit::usage);
        std::string const text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto document = receipt::parse_document_json(text);
        if (!document)
            return out.error(document.error().code, options.file + ": " + document.error().message, cli::Exit::usage);
        cli::Exit exit = cli::Exit::failed;
        auto printer = open_printer(out, global, options, exit);
        if (!printer)
            return exit;
        return print_document(out, **printer, *document);
    }

} // namespace

hal::ReceiptDocument test_page_document(std::string const& status_line)
{
    hal::ReceiptDocument page;
    auto text = [&page](std::string content, hal::Align align, int scale, bool bold) {
        page.items.emplace_back(hal::TextBlock { std::move(content), align, scale, bold });
    };
    text("TRANG IN THỬ", hal::Align::center, 2, true);
    page.items.emplace_back(hal::Separator {});
    text("Thanh: ma mà má mả mã mạ", hal::Align::left, 1, false);
    text("ă â đ ê ô ơ ư Ă Â Đ Ê Ô Ơ Ư", hal::Align::left, 1, false);
    text("Ấp Ầu Ẩn Ẫm Ậy Ắt Ằng Ẳng Ẵng Ặc", hal::Align::left, 1, false);
    text("Cộng hòa xã hội chủ nghĩa Việt Nam", hal::Align::center, 1, true);
    text("Độc lập - Tự do - Hạnh phúc", hal::Align::center, 2, false);
    page.items.emplace_back(hal::Separator {});
    page.items.emplace_back(hal::QrBlock { "https://dichvucong.gov.vn/kiosk/test-page", 0, hal::Align::center });
    text(status_line, hal::Align::center, 1, false);
    page.items.emplace_back(hal::Feed { 1 });
    page.cut = hal::Cut::full;
    return page;
}

void add_printer_commands(CLI::App& app, CommandSet& commands)
{
    auto* printer = subcommand_group(app, "printer", "Receipt printer: status, test page, print a JSON document");
    auto options = std::make_shared<PrinterOptions>();
    auto add_connection = [options](CLI::App* command) {
        command->add_option("--printer", options->connection,
            "Printer connection instead of the board's: usb:VID:PID, serial:PATH:BAUD, tcp:HOST:PORT, file:PATH, "
            "emul:FOLDER, sim:FOLDER");
    };
    auto* status = printer->add_subcommand("status", "Ask the printer for paper, cover and error state");
    add_connection(status);
    commands.add(status, [options](cli::Output const& out, GlobalOptions const& global) { return run_status(out, global, *options); });

    auto* test_page = printer->add_subcommand("test-page", "Print Vietnamese in both sizes, a QR code and the status");
    add_connection(test_page);
    commands.add(test_page,
        [options](cli::Output const& out, GlobalOptions const& global) { return run_test_page(out, global, *options); });

    auto* print = printer->add_subcommand("print", "Print a receipt document (JSON, see drivers/printer/README.md)");
    print->add_option("FILE", options->file, "The document, e.g. slip.json")->required();
    add_connection(print);
    commands.add(print, [options](cli::Output const& out, GlobalOptions const& global) { return run_print(out, global, *options); });
}

} // namespace kiosk::bench
