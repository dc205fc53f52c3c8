// SPDX-License-Identifier: MIT
#include "status/dossier_json.hpp"

namespace kiosk::status {

namespace {

using nlohmann::json;

constexpr std::size_t MAX_TIMELINE_STEPS = 200;
constexpr std::size_t MAX_DOCUMENTS = 50;

json optional_date(std::optional<Date> const& date) { return date ? json(iso_date(*date)) : json(nullptr); }

Unexpected<std::string> bad(std::string_view field, std::string_view what)
{
    return Unexpected("field `" + std::string(field) + "`: " + std::string(what));
}

// The accessors below never throw: they check the type before reading.
Expected<std::string, std::string> string_field(json const& object, char const* field, bool required)
{
    auto it = object.find(field);
    if (it == object.end() || it->is_null()) {
        if (required)
            return bad(field, "missing");
        return std::string();
    }
    if (!it->is_string())
        return bad(field, "expected a string");
    return it->get_ref<std::string const&>();
}

Expected<std::optional<Date>, std::string> date_field(json const& object, char const* field, bool required)
{
    auto text = string_field(object, field, required);
    if (!text)
        return Unexpected(text.error());
    if (text->empty()) {
        if (required)
            return bad(field, "missing");
        return std::optional<Date>();
    }
    auto date = parse_iso_date(*text);
    if (!date)
        return bad(field, "expected a YYYY-MM-DD date");
    return std::optional<Date>(*date);
}

} // namespace

json dossier_to_json(Dossier const& dossier, Date today, JsonView view)
{
    json timeline = json::array();
    for (auto const& step : dossier.timeline) {
        timeline.push_back({ { "date", iso_date(step.date) }, { "kind", step_name(step.kind) },
            { "agency", step.agency }, { "note", step.note } });
    }
    auto next = next_step(dossier);
    json next_json { { "kind", next_step_name(next.kind) }, { "message_key", next.message_key } };
    if (next.kind == NextStepKind::bring_documents)
        next_json["documents"] = dossier.documents_requested;
    if (next.kind == NextStepKind::pay_fee && dossier.fee)
        next_json["fee_vnd"] = dossier.fee->amount_vnd;
    if (next.kind == NextStepKind::collect_result)
        next_json["agency"] = dossier.receiving_agency;

    json body {
        { "code", dossier.code },
        { "receipt_number", dossier.receipt_number },
        { "procedure", dossier.procedure_code },
        { "procedure_name", dossier.procedure_name },
        { "state", state_name(dossier.state) },
        { "state_message_key", state_message_key(dossier.state) },
        { "received", iso_date(dossier.received) },
        { "due", optional_date(dossier.due) },
        { "overdue", is_overdue(dossier, today) },
        { "paused", dossier.state == DossierState::supplement_requested },
        { "receiving_agency", dossier.receiving_agency },
        { "handling_agency", dossier.handling_agency },
        { "agencies", agencies(dossier) },
        { "delivery", dossier.delivery == Delivery::post ? "post" : "counter" },
        { "fee", dossier.fee ? json { { "amount_vnd", dossier.fee->amount_vnd }, { "paid", dossier.fee->paid } }
                             : json(nullptr) },
        { "documents_requested", dossier.documents_requested },
        { "timeline", timeline },
        { "next_step", next_json },
    };
    if (view == JsonView::store) {
        body["owner_id"] = dossier.owner_id;
        body["owner_name"] = dossier.owner_name;
    } else {
        body["owner"] = masked_name(dossier.owner_name);
    }
    return body;
}

Expected<Dossier, std::string> dossier_from_json(json const& value)
{
    if (!value.is_object())
        return Unexpected(std::string("expected a JSON object"));
    Dossier dossier;
    dossier.code = KIOSK_TRY(string_field(value, "code", true));
    if (!is_valid_code(dossier.code))
        return bad("code", "not a dossier code");
    dossier.receipt_number = KIOSK_TRY(string_field(value, "receipt_number", false));
    dossier.procedure_code = KIOSK_TRY(string_field(value, "procedure", true));
    dossier.procedure_name = KIOSK_TRY(string_field(value, "procedure_name", false));
    auto state = state_from_name(KIOSK_TRY(string_field(value, "state", true)));
    if (!state)
        return bad("state", "not a known state");
    dossier.state = *state;
    dossier.received = *KIOSK_TRY(date_field(value, "received", true));
    dossier.due = KIOSK_TRY(date_field(value, "due", false));
    dossier.receiving_agency = KIOSK_TRY(string_field(value, "receiving_agency", false));
    dossier.handling_agency = KIOSK_TRY(string_field(value, "handling_agency", false));
    auto delivery = KIOSK_TRY(string_field(value, "delivery", false));
    if (delivery == "post")
        dossier.delivery = Delivery::post;
    else if (delivery.empty() || delivery == "counter")
        dossier.delivery = Delivery::counter;
    else
        return bad("delivery", "expected \"counter\" or \"post\"");

    if (auto fee = value.find("fee"); fee != value.end() && !fee->is_null()) {
        if (!fee->is_object())
            return bad("fee", "expected an object");
        auto amount = fee->find("amount_vnd");
        auto paid = fee->find("paid");
        if (amount == fee->end() || !amount->is_number_integer() || amount->get<std::int64_t>() < 0)
            return bad("fee.amount_vnd", "expected a whole number of dong");
        if (paid == fee->end() || !paid->is_boolean())
            return bad("fee.paid", "expected true or false");
        dossier.fee = Fee { amount->get<std::int64_t>(), paid->get<bool>() };
    }
    if (auto documents = value.find("documents_requested"); documents != value.end() && !documents->is_null()) {
        if (!documents->is_array() || documents->size() > MAX_DOCUMENTS)
            return bad("documents_requested", "expected an array of at most 50 strings");
        for (auto const& document : *documents) {
            if (!document.is_string())
                return bad("documents_requested", "expected strings");
            dossier.documents_requested.push_back(document.get<std::string>());
        }
    }
    auto timeline = value.find("timeline");
    if (timeline != value.end() && !timeline->is_null()) {
        if (!timeline->is_array() || timeline->size() > MAX_TIMELINE_STEPS)
            return bad("timeline", "expected an array of at most 200 steps");
        for (auto const& entry : *timeline) {
            if (!entry.is_object())
                return bad("timeline", "expected objects");
            TimelineStep step;
            step.date = *KIOSK_TRY(date_field(entry, "date", true));
            auto kind = step_from_name(KIOSK_TRY(string_field(entry, "kind", true)));
            if (!kind)
                return bad("timeline.kind", "not a known step");
            step.kind = *kind;
            step.agency = KIOSK_TRY(string_field(entry, "agency", false));
            step.note = KIOSK_TRY(string_field(entry, "note", false));
            dossier.timeline.push_back(std::move(step));
        }
    }
    dossier.owner_id = KIOSK_TRY(string_field(value, "owner_id", false));
    dossier.owner_name = KIOSK_TRY(string_field(value, "owner_name", false));
    return dossier;
}

} // namespace kiosk::status
