// SPDX-License-Identifier: MIT
#include "catalog_commands.hpp"

#include "runtime/board_file.hpp"

#include <catalog/catalog_json.hpp>
#include <catalog/catalog_package.hpp>
#include <catalog/catalog_store.hpp>
#include <catalog/procedure.hpp>
#include <catalog/synthetic_catalog.hpp>

#include <array>
#include <chrono>
#include <fstream>
#include <sstream>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::bench {

namespace {

    struct CatalogOptions {
        std::string db;
        std::string query;
        std::string code;
        std::string file;
        std::size_t limit = 10;
        std::string life_event;
        std::string field;
        std::string level;
        std::size_t count = 10'000;
        std::uint64_t seed = 20250701;
        std::string out;
        std::vector<std::string> trusted_keys;
        std::string trusted_folder;
        bool require_signed = false;
    };

    /// --db, else the board's [services].catalog_db.
    Expected<std::filesystem::path, std::string> catalog_path(CatalogOptions const& options, GlobalOptions const& global)
    {
        if (!options.db.empty())
            return std::filesystem::path(options.db);
        auto config = runtime::parse_board_file(global.board_file);
        if (!config)
            return Unexpected(config.error().message());
        if (config->services.catalog_db.empty())
            return Unexpected(global.board_file + ": [services].catalog_db is not set; pass --db FILE");
        return config->services.catalog_db;
    }

    cli::Exit catalog_error(cli::Output const& out, catalog::CatalogError const& error)
    {
        return out.error(error.code, error.message(), cli::Output::exit_for(error.code));
    }

    using StoreOrExit = Expected<std::unique_ptr<catalog::CatalogStore>, cli::Exit>;

    StoreOrExit open_store(cli::Output const& out, CatalogOptions const& options, GlobalOptions const& global)
    {
        auto path = catalog_path(options, global);
        if (!path)
            return Unexpected(out.error(Errc::invalid_argument, path.error(), cli::Exit::usage));
        auto store = catalog::CatalogStore::open(*path);
        if (!store)
            return Unexpected(catalog_error(out, store.error()));
        return std::move(*store);
    }

    std::string fixed(double value, int decimals)
    {
        std::array<char, 32> buffer {};
        std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, value);
        return buffer.data();
    }

    cli::Exit search(cli::Output const& out, CatalogOptions const& options, GlobalOptions const& global)
    {
        auto store = open_store(out, options, global);
        if (!store)
            return store.error();
        catalog::SearchOptions search_options;
        search_options.limit = options.limit;
        search_options.filters.life_event = options.life_event;
        search_options.filters.field = options.field;
        if (!options.level.empty()) {
            search_options.filters.level = catalog::parse_level(options.level);
            if (!search_options.filters.level)
                return out.error(Errc::invalid_argument,
                    "--level: '" + options.level + "' is not central, province or commune", cli::Exit::usage);
        }
        auto const started = std::chrono::steady_clock::now();
        auto hits = (*store)->search(options.query, search_options);
        double const search_ms
            = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        if (!hits)
            return out.error(hits.error().code(), hits.error().message(), cli::Exit::failed);
        auto results = nlohmann::json::array();
        std::string human;
        for (auto const& hit : *hits) {
            results.push_back({ { "code", hit.code }, { "name", hit.name }, { "name_en", hit.name_en },
                { "match", std::string(catalog::match_kind_name(hit.match)) }, { "score", hit.score } });
            human += hit.code + "  " + hit.name + "  (" + std::string(catalog::match_kind_name(hit.match)) + ", "
                + fixed(hit.score, 3) + ")\n";
        }
        human += std::to_string(hits->size()) + " results in " + fixed(search_ms, 3) + " ms\n";
        return out.result(true, { { "results", results }, { "search_ms", search_ms } }, human);
    }

    nlohmann::json procedure_json(catalog::Procedure const& procedure)
    {
        // The catalog's own JSON form, so that `show` prints what `import` reads.
        return nlohmann::json::parse(catalog::write_procedure_json(procedure), nullptr, false);
    }

    std::string procedure_text(catalog::Procedure const& procedure)
    {
        std::string text = procedure.code + "  " + procedure.name + "\n" + procedure.name_en + "\n";
        text += "field: " + procedure.field + ", level: " + std::string(catalog::level_name(procedure.level))
            + ", online: " + std::string(catalog::online_level_name(procedure.online_level)) + "\n";
        text += "agency: " + procedure.implementing_agency + "\n";
        text += "documents:\n";
        for (auto const& document : procedure.documents) {
            text += "  - " + document.name + " (" + std::to_string(document.originals) + " original, "
                + std::to_string(document.copies) + " copy)\n";
        }
        text += "channels:\n";
        for (auto const& channel : procedure.channels) {
            text += "  - " + std::string(catalog::channel_kind_name(channel.kind)) + ": "
                + fixed(channel.processing_days, 1) + " working days, " + std::to_string(channel.fee_vnd) + " VND";
            if (!channel.fee_note.empty())
                text += " (" + channel.fee_note + ")";
            text += "\n";
        }
        if (!procedure.result.empty())
            text += "result: " + procedure.result + "\n";
        return text;
    }

    cli::Exit show(cli::Output const& out, CatalogOptions const& options, GlobalOptions const& global)
    {
        auto store = open_store(out, options, global);
        if (!store)
            return store.error();
        auto found = (*store)->find(options.code);
        if (!found)
            return out.error(found.error().code(), found.error().message(), cli::Exit::failed);
        if (!*found)
            return out.error(Errc::not_found, "no procedure with code " + options.code, cli::Exit::failed);
        return out.result(true, { { "procedure", procedure_json(**found) } }, procedure_text(**found));
    }

    nlohmann::json facets_json(std::vector<catalog::FacetCount> const& facets, std::string& human)
    {
        auto list = nlohmann::json::array();
        for (auto const& facet : facets) {
            list.push_back({ { "id", facet.id }, { "name", facet.name }, { "name_en", facet.name_en },
                { "procedures", facet.procedures } });
            human += "  " + facet.id + "  " + facet.name + "  " + std::to_string(facet.procedures) + "\n";
        }
        return list;
    }

    cli::Exit browse(cli::Output const& out, CatalogOptions const& options, GlobalOptions const& global)
    {
        auto store = open_store(out, options, global);
        if (!store)
            return store.error();
        auto events = (*store)->life_events();
        auto fields = (*store)->fields();
        if (!events)
            return out.error(events.error().code(), events.error().message(), cli::Exit::failed);
        if (!fields)
            return out.error(fields.error().code(), fields.error().message(), cli::Exit::failed);
        std::string human = "life events:\n";
        auto events_json = facets_json(*events, human);
        human += "fields:\n";
        auto fields_json = facets_json(*fields, human);
        return out.result(true, { { "life_events", events_json }, { "fields", fields_json } }, human);
    }

    cli::Exit stats(cli::Output const& out, CatalogOptions const& options, GlobalOptions const& global)
    {
        auto store = open_store(out, options, global);
        if (!store)
            return store.error();
        auto result = (*store)->stats();
        if (!result)
            return out.error(result.error().code(), result.error().message(), cli::Exit::failed);
        auto const& s = *result;
        std::string human = "procedures: " + std::to_string(s.procedures) + "\nversion: " + s.version
            + "\npublished: " + s.published + "\nfields: " + std::to_string(s.fields)
            + "\nlife events: " + std::to_string(s.life_events) + "\nsample data: " + (s.sample ? "yes" : "no")
            + "\nfile bytes: " + std::to_string(s.file_bytes) + "\n";
        return out.result(true,
            { { "procedures", s.procedures }, { "version", s.version }, { "published", s.published },
                { "fields", s.fields }, { "life_events", s.life_events }, { "sample", s.sample },
                { "file_bytes", s.file_bytes } },
            human);
    }

    Expected<std::string, std::string> read_file(std::string const& file)
    {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return Unexpected("cannot open " + file);
        std::ostringstream content;
        content << in.rdbuf();
        if (in.bad())
            return Unexpected("cannot read " + file);
        return content.str();
    }

    /// --trusted-key files, --trusted-keys folder, else the folder catalog-keys/ beside the catalog.
    Expected<signing::TrustedKeys, std::string> trusted_keys(
        CatalogOptions const& options, std::filesystem::path const& db)
    {
        signing::TrustedKeys trusted;
        for (auto const& file : options.trusted_keys) {
            auto key = signing::load_verify_key(file);
            if (!key)
                return Unexpected(file + ": " + key.error().message());
            trusted.add(*key);
        }
        std::filesystem::path folder = options.trusted_folder;
        if (folder.empty() && options.trusted_keys.empty())
            folder = db.parent_path() / "catalog-keys";
        std::error_code error;
        if (!folder.empty() && (!options.trusted_folder.empty() || std::filesystem::is_directory(folder, error))) {
            auto added = trusted.add_folder(folder);
            if (!added)
                return Unexpected(folder.string() + ": " + added.error().message());
        }
        return trusted;
    }

    cli::Exit import(cli::Output const& out, CatalogOptions const& options, GlobalOptions const& global)
    {
        auto path = catalog_path(options, global);
        if (!path)
            return out.error(Errc::invalid_argument, path.error(), cli::Exit::usage);
        auto content = read_file(options.file);
        if (!content)
            return out.error(Errc::not_found, content.error(), cli::Exit::usage);
        bool const is_package = signing::looks_signed(signing::as_bytes(*content));
        catalog::CatalogResult<catalog::Catalog> parsed = catalog::Catalog {};
        std::vector<std::string> signed_by;
        if (is_package) {
            auto trusted = trusted_keys(options, *path);
            if (!trusted)
                return out.error(Errc::invalid_argument, trusted.error(), cli::Exit::usage);
            auto verified = signing::open_signed_file(
                signing::as_bytes(*content), catalog::CATALOG_PAYLOAD_TYPE, *trusted);
            if (!verified) {
                return out.error(verified.error().code(),
                    options.file + ": " + verified.error().message() + "; the catalog was not changed",
                    cli::Exit::failed);
            }
            signed_by = verified->key_ids;
            parsed = catalog::parse_catalog_json(verified->payload);
        } else if (options.require_signed) {
            return out.error(Errc::refused,
                options.file + ": not a signed catalog package (--require-signed); the catalog was not changed",
                cli::Exit::failed);
        } else {
            parsed = catalog::parse_catalog_json(*content);
        }
        if (!parsed) {
            auto const& error = parsed.error();
            return out.error(error.code, options.file + ": " + error.message() + "; the catalog was not changed",
                cli::Output::exit_for(error.code));
        }
        auto report = catalog::import_catalog(*parsed, *path);
        if (!report)
            return catalog_error(out, report.error());
        std::string human = "imported " + std::to_string(report->procedures) + " procedures (version "
            + parsed->version + ") into " + path->string() + " in " + fixed(report->import_ms, 0) + " ms"
            + (is_package ? ", signature verified\n" : "\n");
        return out.result(true,
            { { "procedures", report->procedures }, { "version", parsed->version }, { "db", path->string() },
                { "import_ms", report->import_ms }, { "file_bytes", report->file_bytes }, { "signed", is_package },
                { "signed_by", signed_by } },
            human);
    }

    cli::Exit generate(cli::Output const& out, CatalogOptions const& options)
    {
        auto catalog = catalog::synthetic_catalog(options.count, options.seed);
        auto text = catalog::write_catalog_json(catalog);
        std::FILE* file = std::fopen(options.out.c_str(), "wb");
        if (file == nullptr)
            return out.error(Errc::io, "cannot create " + options.out, cli::Exit::failed);
        bool const written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
        bool const closed = std::fclose(file) == 0;
        if (!written || !closed)
            return out.error(Errc::io, "cannot write " + options.out, cli::Exit::failed);
        return out.result(true,
            { { "procedures", catalog.procedures.size() }, { "file", options.out }, { "bytes", text.size() },
                { "seed", options.seed } },
            "wrote " + std::to_string(catalog.procedures.size()) + " synthetic procedures to " + options.out + "\n");
    }

} // namespace

void add_catalog_commands(CLI::App& app, CommandSet& commands)
{
    auto* group = subcommand_group(app, "catalog", "Procedure catalog: search, show, browse, stats, import");
    auto options = std::make_shared<CatalogOptions>();
    auto add_db = [&options](CLI::App* command) {
        command->add_option("--db", options->db, "Catalog file (default: the board's [services].catalog_db)");
    };

    auto* search_command = group->add_subcommand("search", "Search procedures as the kiosk does, per keystroke");
    search_command->add_option("QUERY", options->query, "Words, with or without Vietnamese diacritics")->required();
    search_command->add_option("--limit", options->limit, "Most results to return (default 10)")
        ->check(CLI::Range(1, 1000));
    search_command->add_option("--life-event", options->life_event, "Only procedures of this life event id");
    search_command->add_option("--field", options->field, "Only procedures of this field id");
    search_command->add_option("--level", options->level, "Only procedures at this level: central, province, commune");
    add_db(search_command);
    commands.add(search_command, [options](cli::Output const& out, GlobalOptions const& global) {
        return search(out, *options, global);
    });

    auto* show_command = group->add_subcommand("show", "Everything about one procedure");
    show_command->add_option("CODE", options->code, "Procedure code, e.g. 1.001193")->required();
    add_db(show_command);
    commands.add(show_command,
        [options](cli::Output const& out, GlobalOptions const& global) { return show(out, *options, global); });

    auto* browse_command = group->add_subcommand("browse", "Life events and fields with procedure counts");
    add_db(browse_command);
    commands.add(browse_command,
        [options](cli::Output const& out, GlobalOptions const& global) { return browse(out, *options, global); });

    auto* stats_command = group->add_subcommand("stats", "Catalog version, counts and file size");
    add_db(stats_command);
    commands.add(stats_command,
        [options](cli::Output const& out, GlobalOptions const& global) { return stats(out, *options, global); });

    auto* import_command = group->add_subcommand(
        "import", "Validate a catalog file and swap it in atomically (the old catalog stays on any error)");
    import_command->add_option("FILE", options->file, "Catalog JSON (kiosk-catalog/1) or signed catalog package")
        ->required();
    import_command->add_option("--trusted-key", options->trusted_keys,
        "Public key (PEM) trusted to sign packages; repeatable (default: catalog-keys/*.pub beside the catalog)");
    import_command->add_option("--trusted-keys", options->trusted_folder, "Folder of trusted *.pub keys");
    import_command->add_flag("--require-signed", options->require_signed, "Refuse a plain (unsigned) catalog JSON");
    add_db(import_command);
    commands.add(import_command,
        [options](cli::Output const& out, GlobalOptions const& global) { return import(out, *options, global); });

    auto* generate_command = group->add_subcommand(
        "generate", "Write a synthetic catalog (real administrative vocabulary, fixed seed) for load tests");
    generate_command->add_option("COUNT", options->count, "Number of procedures")->required()->check(
        CLI::Range(1, 1'000'000));
    generate_command->add_option("--out", options->out, "Catalog JSON to write")->required();
    generate_command->add_option("--seed", options->seed, "Seed (default 20250701; same seed, same catalog)");
    commands.add(generate_command, [options](cli::Output const& out, GlobalOptions const&) { return generate(out, *options); });
}

} // namespace kiosk::bench
