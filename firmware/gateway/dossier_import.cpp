// SPDX-License-Identifier: MIT
#include "gateway/dossier_import.hpp"

#include <catalog/text_fold.hpp>
#include <status/working_days.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace kiosk::gateway {

namespace {

using status::Date;
using status::DossierState;

constexpr std::size_t MAX_FIELDS = 200;
constexpr std::size_t MAX_FIELD_BYTES = 4096;
constexpr int MAX_PROCESSING_DAYS = 3650;

std::array<std::string_view, 4> const REQUIRED { "mahoso", "matthc", "ngaytiepnhan", "trangthaihoso" };

/// One row of the export: column name (lower case) -> text.
struct Row {
    std::size_t number = 0;
    std::map<std::string, std::string> fields;

    [[nodiscard]] std::string const& operator[](std::string const& key) const
    {
        static std::string const EMPTY;
        auto it = fields.find(key);
        return it == fields.end() ? EMPTY : it->second;
    }
};

std::string lower_ascii(std::string_view text)
{
    std::string lowered(text);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
        [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return lowered;
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
        text.remove_suffix(1);
    return text;
}

bool all_digits(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view digits)
{
    int value = 0;
    for (char c : digits)
        value = value * 10 + (c - '0');
    return value;
}

// The canonical spelling of a column: what the export names "MaHoSo" becomes "mahoso".
std::string column_key(std::string_view name)
{
    // Header cells may carry a BOM or spaces; Vietnamese exports sometimes use "Ma_Ho_So".
    std::string key;
    for (char c : lower_ascii(trim(name))) {
        if (c != '_' && c != ' ')
            key += c;
    }
    return key;
}

std::vector<std::string> split_list(std::string_view text)
{
    std::vector<std::string> items;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '|' || text[i] == ';') {
            auto item = trim(text.substr(start, i - start));
            if (!item.empty())
                items.emplace_back(item);
            start = i + 1;
        }
    }
    return items;
}

class RowConverter {
public:
    RowConverter(status::HolidayCalendar const& calendar, ImportResult& result)
        : m_calendar(calendar)
        , m_result(result)
    {
    }

    void convert(Row const& row)
    {
        auto dossier = build(row);
        if (!dossier) {
            m_result.bad_rows.push_back(std::move(dossier).error());
            return;
        }
        auto [it, inserted] = m_index.emplace(dossier->code, m_result.dossiers.size());
        if (inserted) {
            m_result.dossiers.push_back(std::move(dossier).value());
        } else {
            warn(row, "MaHoSo", "code seen before in the file; this row replaces the earlier one");
            m_result.dossiers[it->second] = std::move(dossier).value();
        }
    }

private:
    Unexpected<ImportProblem> bad(Row const& row, char const* field, std::string what) const
    {
        return Unexpected(ImportProblem { row.number, field, std::move(what) });
    }
    void warn(Row const& row, char const* field, std::string what)
    {
        m_result.warnings.push_back(ImportProblem { row.number, field, std::move(what) });
    }

    Expected<status::Dossier, ImportProblem> build(Row const& row)
    {
        for (auto const& [key, value] : row.fields) {
            if (value.size() > MAX_FIELD_BYTES)
                return bad(row, "", "a field is longer than 4096 bytes");
        }
        status::Dossier dossier;
        dossier.code = std::string(trim(row["mahoso"]));
        if (dossier.code.empty())
            return bad(row, "MaHoSo", "missing");
        if (!status::is_valid_code(dossier.code))
            return bad(row, "MaHoSo", "not a dossier code (4-40 letters, digits, '-', '.', '_')");
        dossier.procedure_code = std::string(trim(row["matthc"]));
        if (dossier.procedure_code.empty())
            return bad(row, "MaTTHC", "missing");
        if (dossier.procedure_code.size() > 40)
            return bad(row, "MaTTHC", "longer than 40 characters");
        dossier.procedure_name = std::string(trim(row["tentthc"]));
        dossier.receipt_number = std::string(trim(row["sobiennhan"]));

        auto received_text = trim(row["ngaytiepnhan"]);
        if (received_text.empty())
            return bad(row, "NgayTiepNhan", "missing");
        auto received = date_from_export(received_text);
        if (!received)
            return bad(row, "NgayTiepNhan", "not a date (dd/MM/yyyy, yyyy-MM-dd or yyyyMMdd[HHmmss])");
        dossier.received = *received;

        auto state_text = trim(row["trangthaihoso"]);
        if (state_text.empty())
            return bad(row, "TrangThaiHoSo", "missing");
        auto state = state_from_export(state_text);
        if (!state)
            return bad(row, "TrangThaiHoSo", "unknown state (expected a code 1-10 or a state name)");
        dossier.state = *state;

        if (auto due_text = trim(row["ngayhentra"]); !due_text.empty()) {
            auto due = date_from_export(due_text);
            if (!due)
                return bad(row, "NgayHenTra", "not a date");
            if (*due < dossier.received)
                return bad(row, "NgayHenTra", "before NgayTiepNhan");
            dossier.due = due;
        } else if (auto days = trim(row["songayxuly"]); !days.empty()) {
            if (!all_digits(days) || days.size() > 4 || number(days) > MAX_PROCESSING_DAYS)
                return bad(row, "SoNgayXuLy", "expected a number of working days (0-3650)");
            dossier.due = status::due_date(m_calendar, dossier.received, number(days));
        }
        // While the agency waits for a supplement the clock stands still: the due date is
        // set again when the supplement arrives.
        if (dossier.state == DossierState::supplement_requested)
            dossier.due.reset();

        if (auto id = trim(row["madoituong"]); !id.empty()) {
            if (id.size() == 12 && all_digits(id))
                dossier.owner_id = std::string(id);
            else
                warn(row, "MaDoiTuong", "not a 12-digit ID number; the dossier is findable by code only");
        }
        dossier.owner_name = std::string(trim(row["chuhoso"]));
        dossier.receiving_agency = std::string(trim(row["donvitiepnhan"]));
        dossier.handling_agency = std::string(trim(row["donvixuly"]));
        if (dossier.receiving_agency.empty())
            dossier.receiving_agency = dossier.handling_agency;
        if (dossier.handling_agency.empty())
            dossier.handling_agency = dossier.receiving_agency;

        if (auto delivery = catalog::fold_for_search(row["hinhthucnhanketqua"]); !delivery.empty()) {
            if (delivery == "1" || delivery == "post" || delivery.find("buu") != std::string::npos)
                dossier.delivery = status::Delivery::post;
            else if (delivery != "0" && delivery != "counter" && delivery.find("truc tiep") == std::string::npos)
                warn(row, "HinhThucNhanKetQua", "unknown delivery; assuming the counter");
        }
        if (auto fee_text = trim(row["lephi"]); !fee_text.empty()) {
            std::string digits;
            for (char c : fee_text) {
                if (c != '.' && c != ',' && c != ' ')
                    digits += c;
            }
            if (all_digits(digits) && digits.size() <= 12) {
                std::int64_t amount = 0;
                for (char c : digits)
                    amount = amount * 10 + (c - '0');
                status::Fee fee { amount, false };
                auto paid = catalog::fold_for_search(row["dathanhtoan"]);
                fee.paid = paid == "1" || paid == "true" || paid == "co" || paid == "x" || paid == "da thanh toan";
                dossier.fee = fee;
            } else {
                warn(row, "LePhi", "not an amount in dong; fee left out");
            }
        }
        // National portal code 6: a financial obligation is due.
        if (trim(row["trangthaihoso"]) == "6" && dossier.fee)
            dossier.fee->paid = false;
        dossier.documents_requested = split_list(row["giaytobosung"]);
        build_timeline(row, dossier);
        return dossier;
    }

    void build_timeline(Row const& row, status::Dossier& dossier)
    {
        using status::StepKind;
        using status::TimelineStep;
        dossier.timeline.push_back(TimelineStep { dossier.received, StepKind::received, dossier.receiving_agency, "" });
        if (dossier.handling_agency != dossier.receiving_agency)
            dossier.timeline.push_back(
                TimelineStep { dossier.received, StepKind::transferred, dossier.handling_agency, "" });
        auto result_date = date_from_export(trim(row["ngaycoketqua"]));
        auto returned_date = date_from_export(trim(row["ngaytraketqua"]));
        if ((dossier.state == DossierState::result_ready || dossier.state == DossierState::returned) && result_date
            && *result_date >= dossier.received)
            dossier.timeline.push_back(
                TimelineStep { *result_date, StepKind::result_ready, dossier.handling_agency, "" });
        if (dossier.state == DossierState::returned && returned_date && *returned_date >= dossier.received)
            dossier.timeline.push_back(TimelineStep { *returned_date,
                dossier.delivery == status::Delivery::post ? StepKind::sent_by_post : StepKind::returned,
                dossier.receiving_agency, "" });
    }

    status::HolidayCalendar const& m_calendar;
    ImportResult& m_result;
    std::map<std::string, std::size_t> m_index;
};

// ---- CSV ----------------------------------------------------------------------------------

char detect_delimiter(std::string_view header_line)
{
    std::size_t commas = 0;
    std::size_t semicolons = 0;
    std::size_t tabs = 0;
    bool quoted = false;
    for (char c : header_line) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == ',')
            ++commas;
        else if (!quoted && c == ';')
            ++semicolons;
        else if (!quoted && c == '\t')
            ++tabs;
    }
    if (tabs > commas && tabs > semicolons)
        return '\t';
    return semicolons > commas ? ';' : ',';
}

/// Reads RFC 4180 records: quoted fields may hold the delimiter, "" and line breaks.
class CsvReader {
public:
    CsvReader(std::string_view text, char delimiter)
        : m_text(text)
        , m_delimiter(delimiter)
    {
    }

    [[nodiscard]] bool done() const noexcept { return m_pos >= m_text.size(); }
    [[nodiscard]] std::size_t line() const noexcept { return m_line; }

    /// The next record's fields; false in @p complete when a quote is never closed.
    std::vector<std::string> next(bool& complete)
    {
        std::vector<std::string> fields(1);
        bool quoted = false;
        complete = true;
        while (m_pos < m_text.size()) {
            char c = m_text[m_pos++];
            if (quoted) {
                if (c == '"') {
                    if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                        fields.back() += '"';
                        ++m_pos;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n')
                        ++m_line;
                    fields.back() += c;
                }
            } else if (c == '"' && trim(fields.back()).empty()) {
                fields.back().clear();
                quoted = true;
            } else if (c == m_delimiter) {
                if (fields.size() >= MAX_FIELDS + 1)
                    continue;
                fields.emplace_back();
            } else if (c == '\n') {
                ++m_line;
                return fields;
            } else if (c != '\r') {
                fields.back() += c;
            }
        }
        complete = !quoted;
        return fields;
    }

private:
    std::string_view m_text;
    char m_delimiter;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
};

bool blank(std::vector<std::string> const& fields)
{
    return std::all_of(fields.begin(), fields.end(), [](auto const& field) { return trim(field).empty(); });
}

Expected<ImportResult, ImportProblem> parse_csv(std::string_view text, status::HolidayCalendar const& calendar)
{
    auto first_line = text.substr(0, text.find('\n'));
    CsvReader reader(text, detect_delimiter(first_line));
    std::vector<std::string> header;
    bool complete = true;
    while (!reader.done()) {
        header = reader.next(complete);
        if (!blank(header))
            break;
    }
    if (header.empty() || blank(header))
        return Unexpected(ImportProblem { 0, "", "empty file: no header row" });
    if (!complete)
        return Unexpected(ImportProblem { 1, "", "header row has an unclosed quote" });
    std::vector<std::string> keys;
    for (auto const& cell : header) {
        auto key = column_key(cell);
        if (!key.empty() && std::find(keys.begin(), keys.end(), key) != keys.end())
            return Unexpected(ImportProblem { 1, cell, "column named twice in the header" });
        keys.push_back(key);
    }
    std::string missing;
    for (auto required : REQUIRED) {
        if (std::find(keys.begin(), keys.end(), required) == keys.end())
            missing += (missing.empty() ? "" : ", ") + std::string(required);
    }
    if (!missing.empty())
        return Unexpected(ImportProblem { 1, "", "header lacks required column(s): " + missing
                + " (expected MaHoSo, MaTTHC, NgayTiepNhan, TrangThaiHoSo)" });

    ImportResult result;
    RowConverter converter(calendar, result);
    while (!reader.done()) {
        std::size_t line = reader.line();
        auto fields = reader.next(complete);
        if (!complete) {
            result.bad_rows.push_back(ImportProblem { line, "", "unclosed quote: the rest of the file is one field" });
            break;
        }
        if (blank(fields))
            continue;
        if (fields.size() > keys.size())
            result.warnings.push_back(ImportProblem { line, "", "more fields than header columns; extra fields ignored" });
        Row row;
        row.number = line;
        for (std::size_t i = 0; i < fields.size() && i < keys.size(); ++i) {
            if (!keys[i].empty())
                row.fields[keys[i]] = std::move(fields[i]);
        }
        converter.convert(row);
    }
    return result;
}

// ---- JSON ---------------------------------------------------------------------------------

std::string json_text(nlohmann::json const& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_boolean())
        return value.get<bool>() ? "1" : "0";
    if (value.is_number_integer() || value.is_number_unsigned())
        return value.dump();
    if (value.is_number_float()) {
        double number = value.get<double>();
        if (number >= 0 && number < 1e15 && number == static_cast<double>(static_cast<std::int64_t>(number)))
            return std::to_string(static_cast<std::int64_t>(number));
        return value.dump();
    }
    if (value.is_array()) {
        std::string joined;
        for (auto const& item : value) {
            if (item.is_string())
                joined += (joined.empty() ? "" : "|") + item.get<std::string>();
        }
        return joined;
    }
    return {};
}

Expected<ImportResult, ImportProblem> parse_json(std::string_view text, status::HolidayCalendar const& calendar)
{
    auto document = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded())
        return Unexpected(ImportProblem { 0, "", "not valid JSON" });
    nlohmann::json const* rows = &document;
    if (document.is_object()) {
        rows = nullptr;
        for (char const* key : { "data", "HoSo", "hoso", "dossiers", "items" }) {
            if (auto it = document.find(key); it != document.end() && it->is_array()) {
                rows = &*it;
                break;
            }
        }
        if (rows == nullptr)
            return Unexpected(ImportProblem { 0, "", "expected an array of rows, or an object with one under \"data\"" });
    }
    if (!rows->is_array())
        return Unexpected(ImportProblem { 0, "", "expected an array of rows" });
    ImportResult result;
    RowConverter converter(calendar, result);
    std::size_t index = 0;
    for (auto const& item : *rows) {
        ++index;
        if (!item.is_object()) {
            result.bad_rows.push_back(ImportProblem { index, "", "expected an object" });
            continue;
        }
        Row row;
        row.number = index;
        for (auto it = item.begin(); it != item.end(); ++it) {
            if (row.fields.size() < MAX_FIELDS)
                row.fields[column_key(it.key())] = json_text(it.value());
        }
        converter.convert(row);
    }
    return result;
}

} // namespace

std::string ImportProblem::message() const
{
    std::string text = row == 0 ? std::string("file") : "row " + std::to_string(row);
    if (!field.empty())
        text += ": " + field;
    return text + ": " + what;
}

std::optional<Date> date_from_export(std::string_view value)
{
    value = trim(value);
    // Time of day, if any, after a space or 'T': the day is what counts.
    if (auto cut = value.find_first_of(" T"); cut != std::string_view::npos)
        value = value.substr(0, cut);
    if (value.size() == 14 && all_digits(value))
        value = value.substr(0, 8);
    if (value.size() == 8 && all_digits(value))
        return status::make_date(number(value.substr(0, 4)), number(value.substr(4, 2)), number(value.substr(6, 2)));
    if (auto iso = status::parse_iso_date(value))
        return iso;
    // dd/MM/yyyy or d/M/yyyy (also with '-' or '.').
    std::array<std::string_view, 3> parts {};
    std::size_t count = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= value.size(); ++i) {
        if (i == value.size() || value[i] == '/' || value[i] == '-' || value[i] == '.') {
            if (count == parts.size())
                return std::nullopt;
            parts.at(count++) = value.substr(start, i - start);
            start = i + 1;
        }
    }
    if (count != 3 || parts[0].size() > 2 || parts[1].size() > 2 || parts[2].size() != 4)
        return std::nullopt;
    for (auto part : parts) {
        if (!all_digits(part))
            return std::nullopt;
    }
    return status::make_date(number(parts[2]), number(parts[1]), number(parts[0]));
}

std::optional<DossierState> state_from_export(std::string_view value)
{
    auto text = trim(value);
    if (all_digits(text) && text.size() <= 2) {
        // The national public-service portal's status codes.
        switch (number(text)) {
        case 1:
        case 2:
            return DossierState::received;
        case 3:
        case 8:
            return DossierState::rejected;
        case 4:
        case 6:
            return DossierState::in_progress;
        case 5:
            return DossierState::supplement_requested;
        case 7:
            return DossierState::withdrawn;
        case 9:
            return DossierState::result_ready;
        case 10:
            return DossierState::returned;
        default:
            return std::nullopt;
        }
    }
    if (auto named = status::state_from_name(text))
        return named;
    auto folded = catalog::fold_for_search(text);
    static std::array<std::pair<std::string_view, DossierState>, 17> const NAMES { {
        { "moi tiep nhan", DossierState::received },
        { "da tiep nhan", DossierState::received },
        { "tiep nhan", DossierState::received },
        { "dang xu ly", DossierState::in_progress },
        { "dang giai quyet", DossierState::in_progress },
        { "yeu cau bo sung", DossierState::supplement_requested },
        { "cho bo sung", DossierState::supplement_requested },
        { "co ket qua", DossierState::result_ready },
        { "cho tra ket qua", DossierState::result_ready },
        { "da xu ly xong", DossierState::result_ready },
        { "da tra ket qua", DossierState::returned },
        { "da tra", DossierState::returned },
        { "tu choi", DossierState::rejected },
        { "khong duoc tiep nhan", DossierState::rejected },
        { "dung xu ly", DossierState::rejected },
        { "rut ho so", DossierState::withdrawn },
        { "cong dan rut ho so", DossierState::withdrawn },
    } };
    for (auto const& [name, state] : NAMES) {
        if (folded == name)
            return state;
    }
    return std::nullopt;
}

Expected<ImportResult, ImportProblem> parse_export(
    std::string_view text, ImportFormat format, status::HolidayCalendar const& calendar)
{
    if (text.size() > MAX_IMPORT_BYTES)
        return Unexpected(ImportProblem { 0, "", "larger than 64 MiB" });
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    if (format == ImportFormat::detect) {
        auto first = text.find_first_not_of(" \t\r\n");
        format = (first != std::string_view::npos && (text[first] == '[' || text[first] == '{')) ? ImportFormat::json
                                                                                                  : ImportFormat::csv;
    }
    return format == ImportFormat::json ? parse_json(text, calendar) : parse_csv(text, calendar);
}

} // namespace kiosk::gateway
