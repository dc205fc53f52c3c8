// SPDX-License-Identifier: MIT
#include "nfc_read_command.hpp"

#include "nfc_commands.hpp"

#include "id/access_key.hpp"
#include "id/chip_reader.hpp"
#include "id/dg1.hpp"
#include "id/dg13.hpp"
#include "id/dg2.hpp"
#include "id/passive_auth.hpp"
#include "scan/payload_parser.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::bench {

namespace {

struct ReadArguments {
    std::string reader;
    std::string can;
    std::string id_number;
    std::string mrz;
    std::string mrz_lines;
    std::string id_qr;
    std::string csca;
    std::string data_groups = "1,13";
    double wait_seconds = 10;
    std::size_t max_response = 0;

    ~ReadArguments()
    {
        for (auto* text : { &can, &id_number, &mrz, &mrz_lines, &id_qr })
            std::fill(text->begin(), text->end(), '\0');
    }
};

Result<id::AccessKey> access_key(ReadArguments const& arguments, std::string& message)
{
    int given = 0;
    for (auto const* text : { &arguments.can, &arguments.id_number, &arguments.mrz, &arguments.mrz_lines, &arguments.id_qr })
        given += text->empty() ? 0 : 1;
    if (given != 1) {
        message = "give exactly one of --can, --id, --mrz, --mrz-lines, --id-qr";
        return fail(Errc::invalid_argument, "access key");
    }
    Result<id::AccessKey> key = fail(Errc::invalid_argument, "access key");
    if (!arguments.can.empty())
        key = id::AccessKey::from_can(arguments.can);
    else if (!arguments.id_number.empty())
        key = id::AccessKey::from_id_number(arguments.id_number);
    else if (!arguments.mrz.empty())
        key = id::AccessKey::from_mrz_argument(arguments.mrz);
    else if (!arguments.mrz_lines.empty())
        key = id::AccessKey::from_mrz_text(arguments.mrz_lines);
    else {
        auto payload = scan::parse_payload(arguments.id_qr);
        scan::CitizenIdQr const* qr = payload ? payload->as<scan::CitizenIdQr>() : nullptr;
        if (qr == nullptr) {
            message = "--id-qr: not the QR of a citizen ID card";
            return fail(Errc::invalid_argument, "access key");
        }
        key = id::AccessKey::from_id_qr(*qr);
    }
    if (!key)
        message = key.error().context();
    return key;
}

Result<std::vector<int>> parse_groups(std::string const& text)
{
    std::vector<int> groups;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto const comma = text.find(',', start);
        std::string const item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        int number = 0;
        auto const [end, error] = std::from_chars(item.data(), item.data() + item.size(), number);
        if (item.empty() || error != std::errc() || end != item.data() + item.size() || number < 1 || number > 16)
            return fail(Errc::invalid_argument, "--dg takes data group numbers 1..16, comma-separated");
        groups.push_back(number);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return groups;
}

// A bar on stderr, redrawn in place; nothing when stderr is not a terminal.
class ProgressBar {
public:
    ProgressBar()
        : m_enabled(isatty(STDERR_FILENO) == 1)
    {
    }
    ~ProgressBar()
    {
        if (m_enabled && m_drawn)
            std::fputs("\n", stderr);
    }
    ProgressBar(ProgressBar const&) = delete;
    ProgressBar& operator=(ProgressBar const&) = delete;

    void update(id::ReadProgress const& progress)
    {
        if (!m_enabled)
            return;
        m_drawn = true;
        if (progress.resuming) {
            std::fputs("\r card lifted: put it back on the reader...                         ", stderr);
            return;
        }
        constexpr int WIDTH = 30;
        std::size_t const size = std::max<std::size_t>(progress.file_size, 1);
        int const filled = static_cast<int>(WIDTH * std::min(progress.file_offset, size) / size);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(WIDTH, '.');
        std::fprintf(stderr, "\r%-6s [%s] %5zu/%-5zu B  total %zu B ", std::string(id::lds_file_name(progress.file)).c_str(),
            bar.c_str(), progress.file_offset, progress.file_size, progress.bytes_read);
    }

private:
    bool m_enabled;
    bool m_drawn = false;
};

nlohmann::json dg1_json(id::Mrz const& mrz)
{
    return { { "document_code", mrz.document_code }, { "issuing_state", mrz.issuing_state },
        { "document_number", mrz.document_number }, { "birth_date", mrz.birth_date },
        { "expiry_date", mrz.expiry_date }, { "sex", mrz.sex }, { "nationality", mrz.nationality },
        { "names", mrz.names() }, { "surname", mrz.surname }, { "given_names", mrz.given_names },
        { "optional_data", mrz.optional_data } };
}

nlohmann::json dg13_json(id::Dg13 const& dg13)
{
    return { { "id_number", dg13.id_number }, { "full_name", dg13.full_name }, { "birth_date", dg13.birth_date },
        { "sex", dg13.sex }, { "nationality", dg13.nationality }, { "ethnicity", dg13.ethnicity },
        { "religion", dg13.religion }, { "place_of_origin", dg13.place_of_origin },
        { "place_of_residence", dg13.place_of_residence }, { "identifying_marks", dg13.identifying_marks },
        { "issue_date", dg13.issue_date }, { "expiry_date", dg13.expiry_date }, { "father_name", dg13.father_name },
        { "mother_name", dg13.mother_name }, { "spouse_name", dg13.spouse_name },
        { "old_id_number", dg13.old_id_number } };
}

std::string read_error_message(Error const& error)
{
    switch (error.code()) {
    case Errc::refused:
        return std::string("the card refused the key (wrong CAN, ID number or MRZ data?): ") + error.context();
    case Errc::disconnected:
        return std::string("the card left the reader: ") + error.context();
    case Errc::malformed:
        return std::string("the card's answers are corrupt; the session was ended: ") + error.context();
    default:
        return error.message();
    }
}

cli::Exit nfc_read(cli::Output const& out, GlobalOptions const& options, ReadArguments const& arguments)
{
    std::string message;
    auto key = access_key(arguments, message);
    if (!key)
        return out.error(Errc::invalid_argument, message, cli::Exit::usage);
    auto groups = parse_groups(arguments.data_groups);
    if (!groups)
        return out.error(Errc::invalid_argument, groups.error().context(), cli::Exit::usage);
    std::optional<id::TrustStore> trust;
    if (!arguments.csca.empty()) {
        auto loaded = id::TrustStore::load(arguments.csca);
        if (!loaded)
            return out.error(loaded.error().code(), "--csca " + arguments.csca + ": " + loaded.error().message(),
                cli::Exit::usage);
        trust.emplace(std::move(*loaded));
    }

    auto opened = open_card_reader(options, arguments.reader, message);
    if (!opened)
        return out.error(opened.error().code(), message, cli::Output::exit_for(opened.error().code()));
    hal::CardReader& reader = *opened->reader;
    auto const wait = std::chrono::milliseconds(static_cast<long long>(arguments.wait_seconds * 1000));
    if (out.format() == cli::Format::human)
        std::cerr << "kiosk-bench: waiting for a card...\n";
    auto card = reader.wait_for_card(wait);
    if (!card)
        return out.error(card.error().code(), "card reader: " + card.error().message(), cli::Exit::failed);
    if (!card->has_value())
        return out.error(Errc::timeout, "no card on the reader", cli::Exit::failed);

    id::ReadOptions read_options;
    read_options.data_groups = *groups;
    if (arguments.max_response != 0)
        read_options.max_response_bytes = arguments.max_response;
    ProgressBar bar;
    read_options.progress = [&bar](id::ReadProgress const& progress) { bar.update(progress); };
    id::ChipReader chip(reader);
    auto session = chip.read(**card, *key, read_options);
    reader.release();
    if (!session)
        return out.error(session.error().code(), read_error_message(session.error()), cli::Exit::failed);

    nlohmann::json body;
    body["protocol"] = id::access_protocol_name(session->protocol);
    std::vector<id::DataGroupFile> read_groups;
    for (auto const& [file, bytes] : session->files()) {
        int const number = static_cast<int>(file);
        if (number >= 1 && number <= 16)
            read_groups.push_back({ number, bytes });
    }
    if (auto const* dg1 = session->file(id::LdsFile::dg1)) {
        auto mrz = id::parse_dg1(*dg1);
        body["dg1"] = mrz ? dg1_json(*mrz) : nlohmann::json { { "error", mrz.error().context() } };
    }
    if (auto const* dg13 = session->file(id::LdsFile::dg13)) {
        auto parsed = id::parse_dg13(*dg13);
        body["dg13"] = parsed ? dg13_json(*parsed) : nlohmann::json { { "error", parsed.error().context() } };
    }
    if (auto const* dg2 = session->file(id::LdsFile::dg2)) {
        auto face = id::parse_dg2(*dg2);
        if (face)
            body["dg2"] = { { "format", face->format == id::FaceFormat::jpeg ? "jpeg" : "jpeg2000" },
                { "width", face->width }, { "height", face->height }, { "image_bytes", face->image.size() } };
        else
            body["dg2"] = { { "error", face.error().context() } };
    }
    if (auto const* sod = session->file(id::LdsFile::sod)) {
        id::TrustStore empty;
        auto const report = id::passive_authenticate(*sod, read_groups, trust ? *trust : empty);
        body["passive_auth"] = { { "hashes", id::check_name(report.hashes) },
            { "signature", id::check_name(report.signature) },
            { "chain", trust ? id::check_name(report.chain) : "not_checked" }, { "detail", report.detail } };
    }
    body["apdus"] = session->apdus;
    body["bytes_read"] = session->bytes_read;
    body["resumes"] = session->resumes;
    body["read_ms"] = static_cast<double>(session->elapsed.count()) / 1000.0;

    std::string human = "protocol: " + std::string(id::access_protocol_name(session->protocol));
    if (body.contains("dg1") && body["dg1"].contains("names"))
        human += "\nDG1: " + body["dg1"]["names"].get<std::string>() + ", document "
            + body["dg1"]["document_number"].get<std::string>() + ", born " + body["dg1"]["birth_date"].get<std::string>()
            + ", expires " + body["dg1"]["expiry_date"].get<std::string>();
    if (body.contains("dg13") && body["dg13"].contains("full_name"))
        human += "\nDG13: " + body["dg13"]["full_name"].get<std::string>() + ", ID "
            + body["dg13"]["id_number"].get<std::string>() + ", residence "
            + body["dg13"]["place_of_residence"].get<std::string>();
    if (body.contains("passive_auth"))
        human += "\npassive authentication: hashes " + body["passive_auth"]["hashes"].get<std::string>()
            + ", signature " + body["passive_auth"]["signature"].get<std::string>() + ", chain "
            + body["passive_auth"]["chain"].get<std::string>();
    human += "\n" + std::to_string(session->apdus) + " APDUs, " + std::to_string(session->bytes_read) + " bytes in "
        + std::to_string(session->elapsed.count() / 1000) + " ms";
    return out.result(true, std::move(body), human);
}

} // namespace

void add_nfc_read_command(CLI::App& app, CommandSet& commands)
{
    auto* nfc = subcommand_group(app, "nfc", "Contactless card reader tools");
    auto arguments = std::make_shared<ReadArguments>();
    auto* read = nfc->add_subcommand("read", "Read a chip ID card: PACE-CAN or BAC, DG1, DG13, SOD, passive authentication");
    read->add_option("--reader", arguments->reader,
        "Reader connection: libnfc:CONNSTRING, pn532-emul:CARD, or a bare libnfc connection string");
    read->add_option("--can", arguments->can, "Card access number (6 digits)");
    read->add_option("--id", arguments->id_number, "12-digit ID number (CAN = last 6 digits)");
    read->add_option("--mrz", arguments->mrz, "DOCNO,BIRTH_YYMMDD,EXPIRY_YYMMDD for BAC");
    read->add_option("--mrz-lines", arguments->mrz_lines, "A full MRZ (TD1 3x30 or TD3 2x44)");
    read->add_option("--id-qr", arguments->id_qr, "The text of the ID card's QR code");
    read->add_option("--csca", arguments->csca, "Trust store: a CSCA certificate, a folder of them or a master list");
    read->add_option("--dg", arguments->data_groups, "Data groups to read (default 1,13; add 2 for the face)");
    read->add_option("--wait", arguments->wait_seconds, "Seconds to wait for a card (default 10)")
        ->check(CLI::NonNegativeNumber);
    read->add_option("--max-response", arguments->max_response,
        "Largest response the reader carries, bytes (default: card's extended length)");
    commands.add(read, [arguments](cli::Output const& out, GlobalOptions const& options) {
        return nfc_read(out, options, *arguments);
    });
}

} // namespace kiosk::bench
