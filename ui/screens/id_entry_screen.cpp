// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/keyboard.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/text_field.hpp"

namespace kiosk::ui {

namespace {

constexpr std::size_t ID_DIGITS = 12;

class IdEntryScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "id_entry"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, host.tr("id.title"));
        // The pad stays narrow enough to reach with one hand.
        auto pad_w_for = [&m](int width) { return std::min(width, std::max(m.min_touch * 3 + m.gap, width * 2 / 3)); };
        auto const split = split_for_keyboard(
            content, m, [&m, pad_w_for](int width) { return Keyboard::height_for(KeyboardLayout::numeric, pad_w_for(width), m); },
            40);
        Column column(split.form, m.gap);
        // The hint in body text, or smaller where the field and the button would not fit under
        // it, or not at all (the keyboard folded on a small panel in large text: the field's
        // placeholder says what to type).
        int const below_hint = 2 * (m.gap + m.button_h);
        for (int size : { m.text_body, m.text_small }) {
            auto hint = std::make_unique<Label>(host.tr("id.hint"), size);
            if (int const hint_h = hint->height_for(host.fonts(), column.width()); hint_h + below_hint <= column.rest().h) {
                add(std::move(hint)).set_rect(column.take(hint_h));
                break;
            }
        }
        m_field = &add(std::make_unique<TextField>(host.tr("id.placeholder"), m.text_title));
        m_field->set_rect(column.take(m.button_h));
        m_left = &add(std::make_unique<Label>(std::string(), m.text_body, FontWeight::regular, Align::start, LabelTone::muted));
        // "N digits to go" when there is room for it above the button (not with the keyboard
        // folded on a small panel: the field shows the digits there).
        if (int const left_h = m_left->height_for(host.fonts(), column.width());
            column.rest().h >= left_h + m.gap + m.button_h)
            m_left->set_rect(column.take(left_h));
        else
            m_left->set_visible(false);
        m_continue = &add(std::make_unique<Button>(host.tr("id.continue"), m.text_button, ButtonKind::primary,
            [&host] { host.navigate({ NavRequest::Kind::push, &make_id_place_card_screen }); }));
        m_continue->set_rect(column.take(m.button_h));
        refresh(host);

        int const pad_w = pad_w_for(split.keyboard.w);
        auto& pad = add(std::make_unique<Keyboard>(KeyboardLayout::numeric,
            KeyboardLabels { host.tr("kb.space"), host.tr("kb.backspace"), host.tr("kb.clear") },
            [this, &host](KeyPress const& press) { key(host, press); }));
        pad.layout({ split.keyboard.x + (split.keyboard.w - pad_w) / 2, split.keyboard.y, pad_w, split.keyboard.h }, m);
    }

    bool key(ScreenHost& host, KeyPress const& press) override
    {
        // Digits only: anything else typed is ignored.
        if (press.kind == KeyPress::Kind::insert
            && (press.text.size() != 1 || press.text[0] < '0' || press.text[0] > '9'))
            return true;
        if (press.kind == KeyPress::Kind::tone || press.kind == KeyPress::Kind::mark)
            return true;
        std::string& digits = host.session().id_digits;
        digits = apply_key(digits, press, ID_DIGITS);
        // A typed number replaces a scanned QR that no longer matches it.
        if (host.session().id_qr && host.session().id_qr->id_number != digits) {
            host.session().id_qr->wipe();
            host.session().id_qr.reset();
        }
        refresh(host);
        return true;
    }

private:
    void refresh(ScreenHost& host)
    {
        std::string const& digits = host.session().id_digits;
        if (m_field != nullptr)
            m_field->set_text(digits);
        std::size_t const left = ID_DIGITS - std::min(ID_DIGITS, digits.size());
        if (m_left != nullptr)
            m_left->set_text(left == 0 ? std::string() : host.strings().format("id.digits_left", { { "count", std::to_string(left) } }));
        if (m_continue != nullptr)
            m_continue->set_enabled(left == 0);
    }

    TextField* m_field = nullptr;
    Label* m_left = nullptr;
    Button* m_continue = nullptr;
};

} // namespace

std::unique_ptr<Screen> make_id_entry_screen() { return std::make_unique<IdEntryScreen>(); }

} // namespace kiosk::ui
