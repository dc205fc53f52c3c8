// SPDX-License-Identifier: MIT
#include "ui/screens/procedure_text.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/scroll_view.hpp"

#include <algorithm>

namespace kiosk::ui {

namespace {

/// Most procedures a group list shows.
constexpr std::size_t GROUP_LIMIT = 500;

constexpr std::string_view EVENT_PREFIX = "event:";
constexpr std::string_view FIELD_PREFIX = "field:";

/// Says the catalog cannot be used, under the title.
void add_unavailable(Screen& screen, ScreenHost& host, Column& column)
{
    for (auto key : { "error.catalog_unavailable", "error.ask_counter" }) {
        auto& label = screen.add(std::make_unique<Label>(host.tr(key), host.metrics().text_body));
        label.set_rect(column.take(label.height_for(host.fonts(), column.width())));
    }
}

/// Life events or fields (two tabs), each with its number of procedures; a tap opens the group.
class ProcedureBrowseScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "procedure_browse"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        bool const by_field = host.session().procedure_browse_fields;
        auto const* store = host.services().catalog;
        Column column(
            add_chrome(*this, host, host.tr(store != nullptr && by_field ? "procedure.fields_title" : "procedures.browse_title")),
            m.gap);
        auto facets = store == nullptr ? Result<std::vector<catalog::FacetCount>>(std::vector<catalog::FacetCount> {})
                                       : (by_field ? store->fields() : store->life_events());
        if (store == nullptr || !facets) {
            add_unavailable(*this, host, column);
            return;
        }

        // The two ways to browse, side by side; the current one is drawn selected.
        int const tab_w = (column.width() - m.gap) / 2;
        Rect const tabs = column.take(std::max(row_height(host, host.tr("procedure.by_event"), m.text_button, {}, tab_w),
            row_height(host, host.tr("procedure.by_field"), m.text_button, {}, tab_w)));
        struct Tab {
            std::string_view key;
            bool fields;
        };
        int x = tabs.x;
        for (Tab const tab : { Tab { "procedure.by_event", false }, Tab { "procedure.by_field", true } }) {
            bool const fields = tab.fields;
            auto& button = add(std::make_unique<Button>(host.tr(tab.key), m.text_button, ButtonKind::secondary, [this, &host, fields] {
                // Rebuilt after this tap (KioskUi rebuilds a stale screen once the event is done).
                host.session().procedure_browse_fields = fields;
                mark_stale();
            }));
            button.set_selected(fields == by_field);
            button.set_rect({ x, tabs.y, tab_w, tabs.h });
            x += tab_w + m.gap;
        }

        auto& list = add(std::make_unique<ScrollView>());
        list.set_rect(column.rest());
        std::string_view const prefix = by_field ? FIELD_PREFIX : EVENT_PREFIX;
        for (auto const& facet : *facets) {
            if (facet.procedures <= 0)
                continue;
            std::string name = localized(host, facet.name, facet.name_en);
            std::string detail = host.strings().format("procedure.count", { { "count", std::to_string(facet.procedures) } });
            int const h = row_height(host, name, m.text_button, detail, list.rect().w);
            std::string group = std::string(prefix) + facet.id;
            auto row = std::make_unique<Button>(std::move(name), m.text_button, ButtonKind::secondary, [&host, group] {
                host.session().procedure_group = group;
                host.navigate({ NavRequest::Kind::push, &make_procedure_group_screen });
            });
            row->set_detail(std::move(detail), m.text_small);
            list.add_row(std::move(row), h, m.gap);
        }
    }
};

/// The procedures of one life event or field, most asked for first.
class ProcedureGroupScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "procedure_group"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        auto const* store = host.services().catalog;
        std::string const& group = host.session().procedure_group;
        bool const by_field = group.starts_with(FIELD_PREFIX);
        std::string const id = group.substr(std::min(group.size(), (by_field ? FIELD_PREFIX : EVENT_PREFIX).size()));

        std::string title = host.tr(by_field ? "procedure.fields_title" : "procedures.browse_title");
        catalog::SearchOptions options { GROUP_LIMIT, {} };
        (by_field ? options.filters.field : options.filters.life_event) = id;
        Result<std::vector<catalog::SearchHit>> hits = std::vector<catalog::SearchHit> {};
        if (store != nullptr) {
            if (auto facets = by_field ? store->fields() : store->life_events())
                for (auto const& facet : *facets)
                    if (facet.id == id)
                        title = localized(host, facet.name, facet.name_en);
            hits = store->search("", options);
        }
        Column column(add_chrome(*this, host, title), m.gap);
        if (store == nullptr || !hits || id.empty()) {
            add_unavailable(*this, host, column);
            return;
        }
        auto& list = add(std::make_unique<ScrollView>());
        list.set_rect(column.rest());
        if (hits->empty()) {
            add_text_row(host, list, host.tr("procedure.group_empty"), 0, true);
            return;
        }
        add_procedure_rows(host, list, *store, *hits, field_names(host, *store));
    }
};

} // namespace

std::unique_ptr<Screen> make_procedure_browse_screen() { return std::make_unique<ProcedureBrowseScreen>(); }
std::unique_ptr<Screen> make_procedure_group_screen() { return std::make_unique<ProcedureGroupScreen>(); }

} // namespace kiosk::ui
