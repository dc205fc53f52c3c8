// SPDX-License-Identifier: MIT
#include "scan_commands.hpp"

#include "runtime/board_loader.hpp"

#include <camera/gray_image.hpp>
#include <scan/payload_parser.hpp>
#include <scanner/zxing_frame_decoder.hpp>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>

namespace kiosk::bench {

namespace {

nlohmann::json optional_date(std::optional<scan::Date> const& date)
{
    return date ? nlohmann::json(date->iso()) : nlohmann::json(nullptr);
}

/// Wall-clock ISO 8601 time (UTC, milliseconds) of a steady-clock instant in the recent past.
std::string iso_time(std::chrono::steady_clock::time_point at)
{
    auto const wall = std::chrono::system_clock::now()
        - std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::steady_clock::now() - at);
    auto const seconds = std::chrono::system_clock::to_time_t(wall);
    auto const millis = std::chrono::duration_cast<std::chrono::milliseconds>(wall.time_since_epoch()).count() % 1000;
    std::tm utc {};
    gmtime_r(&seconds, &utc);
    std::array<char, 32> text {};
    std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(millis));
    return std::string(text.data()) + fraction;
}

std::string kind_of(std::string_view text)
{
    auto parsed = scan::parse_payload(text);
    return parsed ? std::string(scan::payload_kind_name(parsed->kind)) : std::string("unreadable");
}

} // namespace

cli::Exit scan_decode(cli::Output const& out, std::vector<std::filesystem::path> const& files)
{
    drivers::ZxingFrameDecoder const decoder;
    auto list = nlohmann::json::array();
    std::string human;
    bool unreadable = false;
    bool empty = false;
    for (auto const& file : files) {
        nlohmann::json item { { "file", file.string() } };
        auto frame = drivers::load_gray_image(file);
        if (!frame) {
            unreadable = true;
            item["error"] = cli::Output::error_json(frame.error().code(), frame.error().message());
            human += file.string() + ": cannot read: " + frame.error().message() + "\n";
            list.push_back(std::move(item));
            continue;
        }
        auto const started = std::chrono::steady_clock::now();
        auto decoded = decoder.decode(*frame);
        double const ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (!decoded) {
            unreadable = true;
            item["error"] = cli::Output::error_json(decoded.error().code(), decoded.error().message());
            human += file.string() + ": " + decoded.error().message() + "\n";
            list.push_back(std::move(item));
            continue;
        }
        auto codes = nlohmann::json::array();
        char timing[32];
        std::snprintf(timing, sizeof timing, "%.2f ms", ms);
        human += file.string() + " (" + std::to_string(frame->size.width) + "x" + std::to_string(frame->size.height)
            + ", " + timing + "): ";
        if (decoded->codes.empty()) {
            empty = true;
            human += "no code\n";
        } else {
            human += std::to_string(decoded->codes.size()) + " code(s)\n";
        }
        for (auto const& code : decoded->codes) {
            auto corners = nlohmann::json::array();
            for (auto const& corner : code.corners)
                corners.push_back({ corner.x, corner.y });
            codes.push_back({ { "text", code.text }, { "format", hal::code_format_name(code.format) },
                { "kind", kind_of(code.text) }, { "corners", corners } });
            human += "  " + std::string(hal::code_format_name(code.format)) + ": " + code.text + "\n";
        }
        item["codes"] = codes;
        item["decode_ms"] = ms;
        item["pass"] = drivers::decode_pass_name(decoded->pass);
        item["width"] = frame->size.width;
        item["height"] = frame->size.height;
        list.push_back(std::move(item));
    }
    nlohmann::json body { { "files", list } };
    auto const exit = out.result(!unreadable && !empty, body, human);
    return unreadable ? cli::Exit::usage : exit;
}

cli::Exit scan_watch(cli::Output const& out, std::filesystem::path const& board_file, std::chrono::seconds duration)
{
    auto loaded = runtime::load_board(board_file);
    if (!loaded)
        return out.error(loaded.error().code, loaded.error().message(), cli::Exit::usage);
    auto* scanner = loaded->board->code_scanner();
    if (scanner == nullptr) {
        for (auto const& fault : loaded->faults) {
            if (fault.entry.role == hal::Role::code_scanner)
                return out.error(fault.error.code(), "code scanner " + fault.entry.connection + ": " + fault.error.message(),
                    cli::Exit::failed);
        }
        return out.error(Errc::not_found, "the board has no code scanner", cli::Exit::failed);
    }
    bool const json = out.format() == cli::Format::json;
    std::fprintf(stderr, "kiosk-bench: watching the code scanner%s\n",
        duration.count() > 0 ? (" for " + std::to_string(duration.count()) + " s").c_str() : " (Ctrl-C ends)");
    auto const deadline = std::chrono::steady_clock::now() + duration;
    std::optional<Errc> last_error;
    while (duration.count() == 0 || std::chrono::steady_clock::now() < deadline) {
        auto wait = std::chrono::milliseconds(500);
        if (duration.count() > 0)
            wait = std::min(wait,
                std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
        auto code = scanner->next_code(wait);
        if (!code) {
            // Report each new failure once (an unplugged scanner fails every call).
            if (last_error != code.error().code())
                std::fprintf(stderr, "kiosk-bench: scanner: %s\n", code.error().message().c_str());
            last_error = code.error().code();
            if (code.error().code() == Errc::cancelled)
                break;
            continue;
        }
        last_error.reset();
        if (!code->has_value())
            continue;
        auto const& found = **code;
        // Code texts go to stdout only: an ID card's QR is personal data and is never logged.
        if (json) {
            nlohmann::json line { { "text", found.text }, { "format", hal::code_format_name(found.format) },
                { "kind", kind_of(found.text) }, { "at", iso_time(found.at) } };
            std::cout << line.dump() << std::endl;
        } else {
            std::cout << iso_time(found.at) << "  " << hal::code_format_name(found.format) << "  " << found.text
                      << std::endl;
        }
    }
    return cli::Exit::success;
}

cli::Exit scan_parse(cli::Output const& out, std::string_view text)
{
    auto parsed = scan::parse_payload(text);
    if (!parsed) {
        auto const& error = parsed.error();
        return out.error(error.code,
            "not a readable code: " + std::string(error.reason) + " at byte " + std::to_string(error.offset),
            cli::Exit::usage);
    }
    auto const& payload = *parsed;
    std::string kind(scan::payload_kind_name(payload.kind));
    nlohmann::json body { { "kind", kind } };
    std::string human = "kind: " + kind + "\n";

    if (auto const* code = payload.as<scan::DossierCode>()) {
        body["code"] = code->code;
        human += "code: " + code->code + "\n";
    } else if (auto const* id = payload.as<scan::CitizenIdQr>()) {
        body["id_number"] = id->id_number;
        body["can"] = id->can();
        body["document_number"] = id->document_number();
        body["old_id_number"] = id->old_id_number;
        body["full_name"] = id->full_name;
        body["birth_date"] = optional_date(id->birth_date);
        body["sex"] = id->sex;
        body["address"] = id->address;
        body["issue_date"] = optional_date(id->issue_date);
        auto problems = nlohmann::json::array();
        for (auto problem : id->problems)
            problems.push_back(std::string(problem));
        body["problems"] = problems;
        human += "id_number: " + id->id_number + "\ncan: " + id->can() + "\ndocument_number: " + id->document_number()
            + "\nfull_name: " + id->full_name + "\nbirth_date: "
            + (id->birth_date ? id->birth_date->iso() : std::string("-")) + "\n";
        for (auto problem : id->problems)
            human += "problem: " + std::string(problem) + "\n";
    } else if (auto const* url = payload.as<scan::Url>()) {
        body["url"] = url->text;
        body["host"] = url->host;
        human += "url: " + url->text + " (not opened)\n";
    } else if (auto const* unknown = payload.as<scan::Unknown>()) {
        body["reason"] = unknown->reason_code;
        body["message_key"] = std::string(scan::citizen_message_key(unknown->reason_code));
        human += "reason: " + unknown->reason_code + "\n";
    }
    return out.result(true, body, human);
}

} // namespace kiosk::bench

namespace kiosk::bench {

void add_scan_commands(CLI::App& app, CommandSet& commands)
{
    auto* scan = subcommand_group(app, "scan", "Code scanning tools");
    auto text = std::make_shared<std::string>();
    auto* parse = scan->add_subcommand("parse", "Classify scanned text: dossier code, ID card QR, URL or unknown");
    parse->add_option("TEXT", *text, "The text a scanner read")->required();
    commands.add(parse, [text](cli::Output const& out, GlobalOptions const&) { return scan_parse(out, *text); });

    auto files = std::make_shared<std::vector<std::filesystem::path>>();
    auto* decode = scan->add_subcommand("decode", "Decode codes in PNG/JPEG images with the kiosk's decoder");
    decode->add_option("IMAGE", *files, "Image files")->required();
    commands.add(decode, [files](cli::Output const& out, GlobalOptions const&) { return scan_decode(out, *files); });

    auto seconds = std::make_shared<int>(0);
    auto* watch = scan->add_subcommand("watch", "Print codes from the board's scanner as they come");
    watch->add_option("--seconds", *seconds, "How long to watch (default: until interrupted)")
        ->check(CLI::NonNegativeNumber);
    commands.add(watch, [seconds](cli::Output const& out, GlobalOptions const& options) {
        return scan_watch(out, options.board_file, std::chrono::seconds(*seconds));
    });
}

} // namespace kiosk::bench
