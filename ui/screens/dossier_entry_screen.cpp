// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/keyboard.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/text_field.hpp"

#include <scan/payload_parser.hpp>

namespace kiosk::ui {

namespace {

/// Longest dossier code the parser accepts.
constexpr std::size_t MAX_CODE = 64;

class DossierEntryScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "dossier_entry"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, host.tr("dossier.title"));
        auto const split = split_for_keyboard(
            content, m, [&m](int width) { return Keyboard::height_for(KeyboardLayout::code, width, m); });
        Column column(split.form, m.gap);
        auto add_label = [&](std::string const& text, int size, FontWeight weight, LabelTone tone) {
            auto& label = add(std::make_unique<Label>(text, size, weight, Align::start, tone));
            label.set_rect(column.take(label.height_for(host.fonts(), column.width())));
            return &label;
        };
        add_label(host.tr("dossier.hint"), m.text_body, FontWeight::regular, LabelTone::normal);
        m_field = &add(std::make_unique<TextField>(host.tr("dossier.placeholder"), m.text_button));
        m_field->set_text(host.session().dossier_code);
        m_field->set_rect(column.take(m.button_h));
        if (!m_problem_key.empty())
            add_label(host.tr(m_problem_key), m.text_body, FontWeight::bold, LabelTone::normal);
        auto& check = add(std::make_unique<Button>(
            host.tr("dossier.check"), m.text_button, ButtonKind::primary, [this, &host] { submit(host); }));
        check.set_rect(column.take(m.button_h));
        add_label(host.tr("dossier.scan_hint"), m.text_body, FontWeight::regular, LabelTone::muted);

        auto& keyboard = add(std::make_unique<Keyboard>(KeyboardLayout::code,
            KeyboardLabels { host.tr("kb.space"), host.tr("kb.backspace"), host.tr("kb.clear") },
            [this, &host](KeyPress const& press) { key(host, press); }));
        keyboard.layout(split.keyboard, m);
    }

    bool key(ScreenHost& host, KeyPress const& press) override
    {
        std::string& code = host.session().dossier_code;
        code = apply_key(code, press, MAX_CODE);
        if (m_field != nullptr)
            m_field->set_text(code);
        if (!m_problem_key.empty()) {
            m_problem_key.clear();
            mark_stale();
        }
        return true;
    }

private:
    void submit(ScreenHost& host)
    {
        auto payload = scan::parse_payload(host.session().dossier_code);
        if (!payload || payload->kind != scan::PayloadKind::dossier_code) {
            m_problem_key = "dossier.code_invalid";
            mark_stale();
            return;
        }
        // The status client (issue 7) is not wired in yet: say so in plain words.
        host.navigate({ NavRequest::Kind::push, [] { return make_error_screen("error.status_unavailable"); } });
    }

    TextField* m_field = nullptr;
    std::string m_problem_key;
};

} // namespace

std::unique_ptr<Screen> make_dossier_entry_screen() { return std::make_unique<DossierEntryScreen>(); }

} // namespace kiosk::ui
