// SPDX-License-Identifier: MIT
#include "scan_commands.hpp"

#include <scan/payload_parser.hpp>

#include <memory>
#include <string>

namespace kiosk::bench {

namespace {

nlohmann::json optional_date(std::optional<scan::Date> const& date)
{
    return date ? nlohmann::json(date->iso()) : nlohmann::json(nullptr);
}

} // namespace

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
}

} // namespace kiosk::bench
