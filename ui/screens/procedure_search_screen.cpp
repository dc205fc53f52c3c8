// SPDX-License-Identifier: MIT
#include "ui/screens/procedure_text.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/keyboard.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/scroll_view.hpp"
#include "ui/widgets/text_field.hpp"

namespace kiosk::ui {

namespace {

/// Longest search text, in code points.
constexpr std::size_t MAX_QUERY = 80;
/// Results shown per keystroke.
constexpr std::size_t RESULTS = 20;

class ProcedureSearchScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "procedure_search"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        m_results = nullptr;
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, host.tr("procedures.search_title"));
        auto const split = split_for_keyboard(
            content, m, [&m](int width) { return Keyboard::height_for(KeyboardLayout::vietnamese, width, m); });
        Column column(split.form, m.gap);
        m_field = &add(std::make_unique<TextField>(host.tr("procedures.search_placeholder"), m.text_button));
        m_field->set_text(host.session().search_query);
        m_field->set_rect(column.take(m.button_h));
        auto& hint = add(std::make_unique<Label>(
            host.tr("procedures.search_hint"), m.text_small, FontWeight::regular, Align::start, LabelTone::muted));
        hint.set_rect(column.take(hint.height_for(host.fonts(), column.width())));

        m_results = &add(std::make_unique<ScrollView>());
        m_results->set_rect(column.rest());
        if (host.services().catalog != nullptr)
            m_fields = field_names(host, *host.services().catalog);
        fill_results(host);

        auto& keyboard = add(std::make_unique<Keyboard>(KeyboardLayout::vietnamese,
            KeyboardLabels { host.tr("kb.space"), host.tr("kb.backspace"), host.tr("kb.clear") },
            [this, &host](KeyPress const& press) { key(host, press); }));
        keyboard.layout(split.keyboard, m);
    }

    bool key(ScreenHost& host, KeyPress const& press) override
    {
        std::string& query = host.session().search_query;
        std::string const before = query;
        query = apply_key(query, press, MAX_QUERY);
        if (m_field != nullptr)
            m_field->set_text(query);
        if (query != before)
            fill_results(host);
        return true;
    }

private:
    /// The results of the current query: the most popular procedures while the box is empty.
    void fill_results(ScreenHost& host)
    {
        if (m_results == nullptr)
            return;
        m_results->clear_children();
        m_results->scroller().scroll_to(0);
        auto const* store = host.services().catalog;
        auto const& query = host.session().search_query;
        Result<std::vector<catalog::SearchHit>> hits = std::vector<catalog::SearchHit> {};
        if (store != nullptr)
            hits = store->search(query, { RESULTS, {} });
        if (store == nullptr || !hits) {
            // No catalog on this kiosk (or it cannot be read): say so in plain words.
            add_text_row(host, *m_results, host.tr("error.catalog_unavailable"), 0, true);
            add_text_row(host, *m_results, host.tr("error.ask_counter"));
            return;
        }
        if (hits->empty()) {
            Metrics const& m = host.metrics();
            add_text_row(host, *m_results, host.tr("procedures.no_results"), 0, true);
            add_text_row(host, *m_results, host.tr("procedure.no_results_suggest"));
            auto browse = std::make_unique<Button>(host.tr("procedures.browse"), m.text_button, ButtonKind::primary,
                [&host] { host.navigate({ NavRequest::Kind::push, &make_procedure_browse_screen }); });
            m_results->add_row(std::move(browse), m.button_h, m.gap);
            return;
        }
        add_text_row(host, *m_results, host.tr(query.empty() ? "procedure.popular" : "procedure.found"),
            host.metrics().text_small, false, true);
        add_procedure_rows(host, *m_results, *store, *hits, m_fields);
    }

    TextField* m_field = nullptr;
    ScrollView* m_results = nullptr;
    std::map<std::string, std::string> m_fields;
};

} // namespace

std::unique_ptr<Screen> make_procedure_search_screen() { return std::make_unique<ProcedureSearchScreen>(); }

} // namespace kiosk::ui
