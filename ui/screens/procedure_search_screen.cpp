// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/keyboard.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/scroll_view.hpp"
#include "ui/widgets/text_field.hpp"

namespace kiosk::ui {

namespace {

/// Longest search text, in code points.
constexpr std::size_t MAX_QUERY = 80;

class ProcedureSearchScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "procedure_search"; }

    void build(ScreenHost& host) override
    {
        clear_children();
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

        Rect const results_area = column.rest();
        auto& results = add(std::make_unique<ScrollView>());
        results.set_rect(results_area);
        // Until the catalog (issue 5) is wired in, the results say so in plain words.
        auto message = std::make_unique<Label>(host.tr("error.catalog_unavailable"), m.text_body, FontWeight::bold);
        int const message_h = message->height_for(host.fonts(), results_area.w);
        results.add_row(std::move(message), message_h, m.gap);
        auto advice = std::make_unique<Label>(host.tr("error.ask_counter"), m.text_body);
        int const advice_h = advice->height_for(host.fonts(), results_area.w);
        results.add_row(std::move(advice), advice_h, m.gap);

        auto& keyboard = add(std::make_unique<Keyboard>(KeyboardLayout::vietnamese,
            KeyboardLabels { host.tr("kb.space"), host.tr("kb.backspace"), host.tr("kb.clear") },
            [this, &host](KeyPress const& press) { key(host, press); }));
        keyboard.layout(split.keyboard, m);
    }

    bool key(ScreenHost& host, KeyPress const& press) override
    {
        std::string& query = host.session().search_query;
        query = apply_key(query, press, MAX_QUERY);
        if (m_field != nullptr)
            m_field->set_text(query);
        return true;
    }

private:
    TextField* m_field = nullptr;
};

} // namespace

std::unique_ptr<Screen> make_procedure_search_screen() { return std::make_unique<ProcedureSearchScreen>(); }

} // namespace kiosk::ui
