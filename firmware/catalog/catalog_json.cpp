// SPDX-License-Identifier: MIT
// The only catalog file that calls nlohmann::json (which throws on misuse): every access
// below checks types first, and the entry points catch anything left over.
#include "catalog/catalog_json.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <exception>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <utility>

namespace kiosk::catalog {

std::string CatalogError::message() const
{
    std::string text;
    if (!record.empty())
        text += record + ": ";
    if (!field.empty())
        text += field + ": ";
    return text + what;
}

namespace {

    using nlohmann::json;

    Unexpected<CatalogError> invalid(std::string record, std::string field, std::string what)
    {
        return Unexpected(CatalogError { Errc::invalid_argument, std::move(record), std::move(field), std::move(what) });
    }

    std::string type_name(json const& value)
    {
        if (value.is_null())
            return "null";
        if (value.is_boolean())
            return "a boolean";
        if (value.is_number())
            return "a number";
        if (value.is_string())
            return "a string";
        if (value.is_array())
            return "an array";
        return "an object";
    }

    // Walks one JSON object, tracking which record and field an error concerns.
    class Reader {
    public:
        Reader(json const& object, std::string record, std::string prefix)
            : m_object(object)
            , m_record(std::move(record))
            , m_prefix(std::move(prefix))
        {
        }

        [[nodiscard]] std::string path(std::string_view key) const { return m_prefix + std::string(key); }
        [[nodiscard]] std::string const& record() const { return m_record; }

        CatalogResult<bool> only_keys(std::initializer_list<std::string_view> keys) const
        {
            for (auto const& item : m_object.items()) {
                bool known = false;
                for (auto key : keys)
                    known = known || item.key() == key;
                if (!known)
                    return invalid(m_record, path(item.key()), "unknown key");
            }
            return true;
        }

        [[nodiscard]] json const* find(std::string_view key) const
        {
            auto it = m_object.find(std::string(key));
            return it == m_object.end() ? nullptr : &*it;
        }

        CatalogResult<std::string> text(std::string_view key, bool required) const
        {
            auto const* value = find(key);
            if (value == nullptr) {
                if (required)
                    return invalid(m_record, path(key), "missing (expected a string)");
                return std::string();
            }
            return string_value(*value, path(key), required);
        }

        CatalogResult<std::string> string_value(json const& value, std::string const& where, bool non_empty) const
        {
            if (!value.is_string())
                return invalid(m_record, where, "expected a string, got " + type_name(value));
            auto const& text = value.get_ref<std::string const&>();
            if (non_empty && text.find_first_not_of(" \t") == std::string::npos)
                return invalid(m_record, where, "must not be empty");
            if (text.size() > MAX_TEXT_BYTES)
                return invalid(m_record, where, "longer than " + std::to_string(MAX_TEXT_BYTES) + " bytes");
            for (char c : text) {
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n')
                    return invalid(m_record, where, "contains a control character");
            }
            return text;
        }

        CatalogResult<std::vector<std::string>> texts(std::string_view key, bool required) const
        {
            std::vector<std::string> result;
            auto const* value = find(key);
            if (value == nullptr) {
                if (required)
                    return invalid(m_record, path(key), "missing (expected an array of strings)");
                return result;
            }
            if (!value->is_array())
                return invalid(m_record, path(key), "expected an array of strings, got " + type_name(*value));
            if (value->size() > MAX_LIST_ITEMS)
                return invalid(m_record, path(key), "more than " + std::to_string(MAX_LIST_ITEMS) + " items");
            if (required && value->empty())
                return invalid(m_record, path(key), "must not be empty");
            for (std::size_t i = 0; i < value->size(); ++i) {
                result.push_back(
                    KIOSK_TRY(string_value((*value)[i], path(key) + "[" + std::to_string(i) + "]", true)));
            }
            return result;
        }

        CatalogResult<std::int64_t> integer(std::string_view key, std::int64_t low, std::int64_t high, bool required,
            std::int64_t fallback = 0) const
        {
            auto const* value = find(key);
            if (value == nullptr) {
                if (required)
                    return invalid(m_record, path(key), "missing (expected an integer)");
                return fallback;
            }
            if (!value->is_number_integer())
                return invalid(m_record, path(key), "expected an integer, got " + type_name(*value));
            std::int64_t number = 0;
            if (value->is_number_unsigned()) {
                auto const unsigned_number = value->get<std::uint64_t>();
                if (unsigned_number > static_cast<std::uint64_t>(high))
                    return invalid(m_record, path(key), "out of range " + range(low, high));
                number = static_cast<std::int64_t>(unsigned_number);
            } else {
                number = value->get<std::int64_t>();
            }
            if (number < low || number > high)
                return invalid(m_record, path(key), "out of range " + range(low, high));
            return number;
        }

        CatalogResult<double> number(std::string_view key, double low, double high, bool required) const
        {
            auto const* value = find(key);
            if (value == nullptr) {
                if (required)
                    return invalid(m_record, path(key), "missing (expected a number)");
                return 0.0;
            }
            if (!value->is_number())
                return invalid(m_record, path(key), "expected a number, got " + type_name(*value));
            auto const result = value->get<double>();
            if (!std::isfinite(result) || result < low || result > high)
                return invalid(m_record, path(key), "out of range " + range(low, high));
            return result;
        }

        CatalogResult<bool> boolean(std::string_view key) const
        {
            auto const* value = find(key);
            if (value == nullptr)
                return false;
            if (!value->is_boolean())
                return invalid(m_record, path(key), "expected true or false, got " + type_name(*value));
            return value->get<bool>();
        }

        // An array of objects; each element handed to @p each with its own Reader.
        template <class Each>
        CatalogResult<bool> objects(std::string_view key, bool required, std::size_t max_items, Each each) const
        {
            auto const* value = find(key);
            if (value == nullptr) {
                if (required)
                    return invalid(m_record, path(key), "missing (expected an array of objects)");
                return true;
            }
            if (!value->is_array())
                return invalid(m_record, path(key), "expected an array of objects, got " + type_name(*value));
            if (value->size() > max_items)
                return invalid(m_record, path(key), "more than " + std::to_string(max_items) + " items");
            if (required && value->empty())
                return invalid(m_record, path(key), "must not be empty");
            for (std::size_t i = 0; i < value->size(); ++i) {
                auto const& element = (*value)[i];
                auto const where = path(key) + "[" + std::to_string(i) + "]";
                if (!element.is_object())
                    return invalid(m_record, where, "expected an object, got " + type_name(element));
                KIOSK_TRY(each(element, where, i));
            }
            return true;
        }

    private:
        template <class N>
        static std::string range(N low, N high)
        {
            std::ostringstream text;
            text << low << ".." << high;
            return text.str();
        }

        json const& m_object;
        std::string m_record;
        std::string m_prefix;
    };

    CatalogResult<Channel> parse_channel(Reader const& reader)
    {
        KIOSK_TRY(reader.only_keys({ "kind", "processing_days", "processing_note", "fee_vnd", "fee_note" }));
        Channel channel;
        auto kind_text = KIOSK_TRY(reader.text("kind", true));
        auto kind = parse_channel_kind(kind_text);
        if (!kind)
            return invalid(reader.record(), reader.path("kind"),
                "unknown channel '" + kind_text + "' (expected in_person, online or postal)");
        channel.kind = *kind;
        channel.processing_days = KIOSK_TRY(reader.number("processing_days", 0.0, 3650.0, true));
        channel.processing_note = KIOSK_TRY(reader.text("processing_note", false));
        channel.fee_vnd = KIOSK_TRY(reader.integer("fee_vnd", 0, 1'000'000'000'000, true));
        channel.fee_note = KIOSK_TRY(reader.text("fee_note", false));
        return channel;
    }

    CatalogResult<Document> parse_document(Reader const& reader)
    {
        KIOSK_TRY(reader.only_keys({ "name", "originals", "copies", "form", "note" }));
        Document document;
        document.name = KIOSK_TRY(reader.text("name", true));
        document.originals = static_cast<int>(KIOSK_TRY(reader.integer("originals", 0, 20, false)));
        document.copies = static_cast<int>(KIOSK_TRY(reader.integer("copies", 0, 20, false)));
        if (document.originals == 0 && document.copies == 0)
            return invalid(reader.record(), reader.path("originals"), "a document needs at least one original or copy");
        document.form = KIOSK_TRY(reader.text("form", false));
        document.note = KIOSK_TRY(reader.text("note", false));
        return document;
    }

    CatalogResult<Procedure> parse_procedure(json const& object, std::string const& record)
    {
        Reader reader(object, record, "");
        KIOSK_TRY(reader.only_keys({ "code", "name", "name_en", "field", "level", "implementing_agency",
            "competent_agency", "applicants", "steps", "channels", "documents", "result", "conditions", "legal_basis",
            "online_level", "life_events", "keywords", "popularity" }));
        Procedure procedure;
        procedure.code = KIOSK_TRY(reader.text("code", true));
        if (!is_valid_procedure_code(procedure.code))
            return invalid(record, "code",
                "'" + procedure.code + "' is not a procedure code (expected D.NNNNNN or D.NNNNNN.NNN.NN.NN.XNN)");
        Reader named(object, record + " (" + procedure.code + ")", "");
        procedure.name = KIOSK_TRY(named.text("name", true));
        procedure.name_en = KIOSK_TRY(named.text("name_en", true));
        procedure.field = KIOSK_TRY(named.text("field", true));
        auto level_text = KIOSK_TRY(named.text("level", true));
        auto level = parse_level(level_text);
        if (!level)
            return invalid(named.record(), "level",
                "unknown level '" + level_text + "' (expected central, province or commune)");
        procedure.level = *level;
        procedure.implementing_agency = KIOSK_TRY(named.text("implementing_agency", true));
        procedure.competent_agency = KIOSK_TRY(named.text("competent_agency", false));
        procedure.applicants = KIOSK_TRY(named.texts("applicants", false));
        procedure.steps = KIOSK_TRY(named.texts("steps", false));
        std::set<ChannelKind> kinds;
        auto add_channel = [&](json const& element, std::string const& where, std::size_t) -> CatalogResult<bool> {
            auto channel = parse_channel(Reader(element, named.record(), where + "."));
            if (!channel)
                return Unexpected(channel.error());
            if (!kinds.insert(channel->kind).second)
                return invalid(named.record(), where + ".kind",
                    "channel '" + std::string(channel_kind_name(channel->kind)) + "' listed twice");
            procedure.channels.push_back(std::move(*channel));
            return true;
        };
        KIOSK_TRY(named.objects("channels", true, 3, add_channel));
        auto add_document = [&](json const& element, std::string const& where, std::size_t) -> CatalogResult<bool> {
            auto document = parse_document(Reader(element, named.record(), where + "."));
            if (!document)
                return Unexpected(document.error());
            procedure.documents.push_back(std::move(*document));
            return true;
        };
        KIOSK_TRY(named.objects("documents", false, MAX_LIST_ITEMS, add_document));
        procedure.result = KIOSK_TRY(named.text("result", false));
        procedure.conditions = KIOSK_TRY(named.texts("conditions", false));
        procedure.legal_basis = KIOSK_TRY(named.texts("legal_basis", false));
        auto online_text = KIOSK_TRY(named.text("online_level", true));
        auto online = parse_online_level(online_text);
        if (!online)
            return invalid(named.record(), "online_level",
                "unknown online level '" + online_text + "' (expected none, partial or full)");
        procedure.online_level = *online;
        if (procedure.online_level != OnlineLevel::none && kinds.count(ChannelKind::online) == 0)
            return invalid(named.record(), "online_level",
                "'" + online_text + "' needs an 'online' entry in channels");
        procedure.life_events = KIOSK_TRY(named.texts("life_events", false));
        procedure.keywords = KIOSK_TRY(named.texts("keywords", false));
        procedure.popularity = KIOSK_TRY(named.integer("popularity", 0, 1'000'000'000, false));
        return procedure;
    }

    // A field or a life event: {"id", "name", "name_en"}.
    template <class T>
    CatalogResult<T> parse_named(json const& element, std::string const& where)
    {
        Reader reader(element, where, "");
        KIOSK_TRY(reader.only_keys({ "id", "name", "name_en" }));
        T item;
        item.id = KIOSK_TRY(reader.text("id", true));
        item.name = KIOSK_TRY(reader.text("name", true));
        item.name_en = KIOSK_TRY(reader.text("name_en", true));
        return item;
    }

    CatalogResult<Catalog> parse_document_root(json const& root)
    {
        if (!root.is_object())
            return invalid("", "", "expected a JSON object at the top, got " + type_name(root));
        Reader top(root, "", "");
        KIOSK_TRY(top.only_keys({ "format", "version", "published", "sample", "note", "fields", "life_events",
            "procedures" }));
        auto format = KIOSK_TRY(top.text("format", true));
        if (format != CATALOG_FORMAT)
            return invalid("", "format", "'" + format + "' is not " + std::string(CATALOG_FORMAT));
        Catalog catalog;
        catalog.version = KIOSK_TRY(top.text("version", true));
        catalog.published = KIOSK_TRY(top.text("published", true));
        auto const& date = catalog.published;
        bool const date_shape = date.size() == 10 && date[4] == '-' && date[7] == '-';
        int const month = date_shape ? std::atoi(date.substr(5, 2).c_str()) : 0; // NOLINT(cert-err34-c): shape checked
        int const day = date_shape ? std::atoi(date.substr(8, 2).c_str()) : 0;   // NOLINT(cert-err34-c)
        bool digits_only = date_shape;
        for (std::size_t i = 0; digits_only && i < date.size(); ++i)
            digits_only = i == 4 || i == 7 || (date[i] >= '0' && date[i] <= '9');
        if (!digits_only || month < 1 || month > 12 || day < 1 || day > 31)
            return invalid("", "published", "'" + date + "' is not an ISO 8601 date (YYYY-MM-DD)");
        catalog.sample = KIOSK_TRY(top.boolean("sample"));
        KIOSK_TRY(top.text("note", false));

        std::set<std::string> field_ids;
        auto add_field = [&](json const& element, std::string const& where, std::size_t) -> CatalogResult<bool> {
            auto field = parse_named<Field>(element, where);
            if (!field)
                return Unexpected(field.error());
            if (!field_ids.insert(field->id).second)
                return invalid(where, "id", "field '" + field->id + "' declared twice");
            catalog.fields.push_back(std::move(*field));
            return true;
        };
        KIOSK_TRY(top.objects("fields", true, 10'000, add_field));
        std::set<std::string> event_ids;
        auto add_event = [&](json const& element, std::string const& where, std::size_t) -> CatalogResult<bool> {
            auto event = parse_named<LifeEvent>(element, where);
            if (!event)
                return Unexpected(event.error());
            if (!event_ids.insert(event->id).second)
                return invalid(where, "id", "life event '" + event->id + "' declared twice");
            catalog.life_events.push_back(std::move(*event));
            return true;
        };
        KIOSK_TRY(top.objects("life_events", true, 10'000, add_event));
        std::set<std::string> codes;
        auto add_procedure = [&](json const& element, std::string const& where, std::size_t) -> CatalogResult<bool> {
            auto procedure = parse_procedure(element, where);
            if (!procedure)
                return Unexpected(procedure.error());
            std::string const record = where + " (" + procedure->code + ")";
            if (!codes.insert(procedure->code).second)
                return invalid(record, "code", "code listed twice");
            if (field_ids.count(procedure->field) == 0)
                return invalid(record, "field", "field '" + procedure->field + "' is not declared in \"fields\"");
            for (std::size_t i = 0; i < procedure->life_events.size(); ++i) {
                if (event_ids.count(procedure->life_events[i]) == 0)
                    return invalid(record, "life_events[" + std::to_string(i) + "]",
                        "life event '" + procedure->life_events[i] + "' is not declared in \"life_events\"");
            }
            catalog.procedures.push_back(std::move(*procedure));
            return true;
        };
        KIOSK_TRY(top.objects("procedures", true, MAX_PROCEDURES, add_procedure));
        return catalog;
    }

    json channel_json(Channel const& channel)
    {
        json object { { "kind", std::string(channel_kind_name(channel.kind)) },
            { "processing_days", channel.processing_days }, { "fee_vnd", channel.fee_vnd } };
        if (!channel.processing_note.empty())
            object["processing_note"] = channel.processing_note;
        if (!channel.fee_note.empty())
            object["fee_note"] = channel.fee_note;
        return object;
    }

    json procedure_object(Procedure const& procedure)
    {
        json object { { "code", procedure.code }, { "name", procedure.name }, { "name_en", procedure.name_en },
            { "field", procedure.field }, { "level", std::string(level_name(procedure.level)) },
            { "implementing_agency", procedure.implementing_agency } };
        if (!procedure.competent_agency.empty())
            object["competent_agency"] = procedure.competent_agency;
        object["applicants"] = procedure.applicants;
        object["steps"] = procedure.steps;
        auto channels = json::array();
        for (auto const& channel : procedure.channels)
            channels.push_back(channel_json(channel));
        object["channels"] = channels;
        auto documents = json::array();
        for (auto const& document : procedure.documents) {
            json item { { "name", document.name }, { "originals", document.originals }, { "copies", document.copies } };
            if (!document.form.empty())
                item["form"] = document.form;
            if (!document.note.empty())
                item["note"] = document.note;
            documents.push_back(item);
        }
        object["documents"] = documents;
        if (!procedure.result.empty())
            object["result"] = procedure.result;
        object["conditions"] = procedure.conditions;
        object["legal_basis"] = procedure.legal_basis;
        object["online_level"] = std::string(online_level_name(procedure.online_level));
        object["life_events"] = procedure.life_events;
        object["keywords"] = procedure.keywords;
        object["popularity"] = procedure.popularity;
        return object;
    }

    CatalogError internal_error(std::exception const& failure)
    {
        return CatalogError { Errc::internal, "", "", std::string("JSON library failure: ") + failure.what() };
    }

} // namespace

CatalogResult<Catalog> parse_catalog_json(std::string_view text)
{
    try {
        auto root = json::parse(text.begin(), text.end(), nullptr, false);
        if (root.is_discarded()) {
            // Parse again with exceptions on, only to learn where and why it is malformed.
            try {
                json const again = json::parse(text.begin(), text.end());
                (void)again;
            } catch (json::parse_error const& failure) {
                return invalid("", "", std::string("not valid JSON: ") + failure.what());
            }
            return invalid("", "", "not valid JSON");
        }
        return parse_document_root(root);
    } catch (std::exception const& failure) {
        return Unexpected(internal_error(failure));
    }
}

CatalogResult<Catalog> read_catalog_file(std::string const& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return Unexpected(CatalogError { Errc::not_found, "", "", "cannot open " + path });
    std::ostringstream content;
    content << file.rdbuf();
    if (file.bad())
        return Unexpected(CatalogError { Errc::io, "", "", "cannot read " + path });
    return parse_catalog_json(content.str());
}

std::string write_procedure_json(Procedure const& procedure)
{
    try {
        return procedure_object(procedure).dump(-1, ' ', false, json::error_handler_t::replace);
    } catch (std::exception const&) {
        return "{}";
    }
}

std::string write_catalog_json(Catalog const& catalog, int indent)
{
    try {
        json root { { "format", std::string(CATALOG_FORMAT) }, { "version", catalog.version },
            { "published", catalog.published }, { "sample", catalog.sample } };
        auto fields = json::array();
        for (auto const& field : catalog.fields)
            fields.push_back({ { "id", field.id }, { "name", field.name }, { "name_en", field.name_en } });
        root["fields"] = fields;
        auto events = json::array();
        for (auto const& event : catalog.life_events)
            events.push_back({ { "id", event.id }, { "name", event.name }, { "name_en", event.name_en } });
        root["life_events"] = events;
        if (indent >= 0) {
            auto procedures = json::array();
            for (auto const& procedure : catalog.procedures)
                procedures.push_back(procedure_object(procedure));
            root["procedures"] = procedures;
            return root.dump(indent, ' ', false, json::error_handler_t::replace) + "\n";
        }
        // One procedure per line: diffs and greps stay readable for large catalogs.
        std::string text = root.dump(-1, ' ', false, json::error_handler_t::replace);
        text.pop_back(); // the closing brace
        text += ",\"procedures\":[\n";
        for (std::size_t i = 0; i < catalog.procedures.size(); ++i) {
            text += procedure_object(catalog.procedures[i]).dump(-1, ' ', false, json::error_handler_t::replace);
            text += i + 1 < catalog.procedures.size() ? ",\n" : "\n";
        }
        text += "]}\n";
        return text;
    } catch (std::exception const&) {
        return "{}";
    }
}

CatalogResult<Procedure> parse_procedure_json(std::string_view text)
{
    try {
        auto root = json::parse(text.begin(), text.end(), nullptr, false);
        if (root.is_discarded() || !root.is_object())
            return invalid("procedure", "", "not a JSON object");
        return parse_procedure(root, "procedure");
    } catch (std::exception const& failure) {
        return Unexpected(internal_error(failure));
    }
}

} // namespace kiosk::catalog
