// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"
#include "ui/widgets/keyboard.hpp"
#include "ui/widgets/label.hpp"
#include "ui/widgets/text_field.hpp"

#include <scan/payload_parser.hpp>
#include <status/dossier_lookup.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

namespace kiosk::ui {

namespace {

/// Longest dossier code the parser accepts.
constexpr std::size_t MAX_CODE = 64;

/// "Hold the receipt here": a receipt with a QR code slides down to the scanner window below the
/// screen, rests there a moment, and starts again. Drawn with the canvas only; one picture per
/// 100 ms step of the clock, so a frame is redrawn only when the picture changes.
class ScanHint final : public Widget {
public:
    static constexpr std::chrono::milliseconds PERIOD { 2400 };
    static constexpr std::chrono::milliseconds STEP { 100 };

    void draw(DrawContext& context) override
    {
        Rect const r = rect();
        Canvas& canvas = context.canvas;
        Theme const& theme = context.theme;
        int const thickness = std::max(2, context.metrics.gap / 6);
        // The scanner window at the bottom edge, as the citizen sees it under the screen.
        int const window_h = std::max(thickness * 4, r.h / 6);
        Rect const window { r.x + r.w / 4, r.bottom() - window_h, r.w / 2, window_h };
        canvas.fill_round_rect(window, thickness * 2, theme.bar);
        canvas.fill_rect(window.inset(thickness * 2), theme.primary);

        // The receipt: 0..60 % of the period sliding down, then resting on the window.
        auto const phase = static_cast<double>(m_phase_ms) / static_cast<double>(PERIOD.count());
        double const travel = std::min(1.0, phase / 0.6);
        int const receipt_w = std::min(r.w / 3, r.h / 2);
        int const receipt_h = receipt_w * 4 / 3;
        int const top = r.y;
        int const rest = window.y - receipt_h / 2;
        int const y = top + static_cast<int>((rest - top) * travel);
        Rect const receipt { r.x + (r.w - receipt_w) / 2, y, receipt_w, receipt_h };
        canvas.fill_rect(receipt, theme.border);
        canvas.fill_rect(receipt.inset(thickness), theme.field);
        // A QR-like block near the bottom of the receipt, and two lines of "print" above it.
        int const qr = receipt_w / 2;
        Rect const code { receipt.x + (receipt_w - qr) / 2, receipt.bottom() - qr - thickness * 3, qr, qr };
        canvas.fill_rect(code, theme.on_field);
        int const cell = std::max(1, qr / 5);
        for (int row = 0; row < 5; ++row) {
            for (int col = 0; col < 5; ++col) {
                if (((row * 7 + col * 3) % 4) == 0 || (row == 2 && col == 2))
                    canvas.fill_rect({ code.x + col * cell, code.y + row * cell, cell, cell }, theme.field);
            }
        }
        for (int line = 0; line < 2; ++line) {
            canvas.fill_rect({ receipt.x + thickness * 3, receipt.y + thickness * (3 + line * 3), receipt_w - thickness * 6,
                                 thickness },
                theme.text_muted);
        }
        // An arrow from the receipt down to the window while it travels.
        if (travel < 1.0) {
            int const ax = r.x + r.w * 4 / 5;
            int const ay = r.y + static_cast<int>((window.y - r.y) * travel * 0.8);
            int const size = std::max(thickness * 3, r.w / 14);
            for (int i = 0; i < size; ++i)
                canvas.fill_rect({ ax - size + i, ay + i, 2 * (size - i), 1 }, theme.primary);
            canvas.fill_rect({ ax - thickness, r.y, thickness * 2, std::max(0, ay - r.y) }, theme.primary);
        }
    }

    bool animate(std::chrono::steady_clock::time_point now) override
    {
        auto const since_epoch = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
        auto const phase = (since_epoch % PERIOD) / STEP * STEP.count();
        if (phase == m_phase_ms)
            return false;
        m_phase_ms = phase;
        return true;
    }

private:
    std::chrono::milliseconds::rep m_phase_ms = -1;
};

/// What a finished lookup brings back to the UI thread.
struct Outcome {
    std::optional<status::LookupResult> result;
    std::string message_key; ///< when there is no result
    std::string advice_key;
};

Outcome outcome_of(status::GatewayResult<status::LookupResult> answer)
{
    if (answer)
        return { std::move(*answer), {}, {} };
    auto const& failure = answer.error();
    std::string message = failure.message_key.empty() ? std::string("dossier.cannot_check") : std::string(failure.message_key);
    // The code itself is wrong (unknown, or refused as malformed): say what to check on the receipt.
    if (failure.message_key == "status.error.not_found" || failure.message_key == "status.error.invalid_request")
        return { std::nullopt, std::move(message), "dossier.not_found_advice" };
    return { std::nullopt, std::move(message), "dossier.cannot_check" };
}

class DossierEntryScreen final : public Screen {
public:
    explicit DossierEntryScreen(bool look_up_at_once)
        : m_look_up_at_once(look_up_at_once)
    {
    }

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
        if (looking_up()) {
            add_label(host.tr("dossier.looking_up"), m.text_body, FontWeight::bold, LabelTone::normal);
        } else {
            if (!m_problem_key.empty())
                add_label(host.tr(m_problem_key), m.text_body, FontWeight::bold, LabelTone::normal);
            auto& check = add(std::make_unique<Button>(
                host.tr("dossier.check"), m.text_button, ButtonKind::primary, [this, &host] { submit(host); }));
            check.set_rect(column.take(m.button_h));
        }
        // The scan hint when there is room for it (with the keyboard folded on a small panel the
        // field and the button come first), then the animated hint in what room is left.
        auto hint_label = std::make_unique<Label>(
            host.tr("dossier.scan_hint"), m.text_body, FontWeight::regular, Align::start, LabelTone::muted);
        if (int const hint_text_h = hint_label->height_for(host.fonts(), column.width()); hint_text_h <= column.rest().h)
            add(std::move(hint_label)).set_rect(column.take(hint_text_h));
        Rect const room = column.rest();
        int const hint_h = std::min(room.h, m.button_h * 3);
        if (hint_h >= m.button_h) {
            auto& hint = add(std::make_unique<ScanHint>());
            hint.set_rect({ room.x, room.y, room.w, hint_h });
        }

        auto& keyboard = add(std::make_unique<Keyboard>(KeyboardLayout::code,
            KeyboardLabels { host.tr("kb.space"), host.tr("kb.backspace"), host.tr("kb.clear") },
            [this, &host](KeyPress const& press) { key(host, press); }));
        keyboard.layout(split.keyboard, m);
    }

    bool key(ScreenHost& host, KeyPress const& press) override
    {
        // While the code is being looked up it stays as it is (the answer is for that code).
        if (looking_up())
            return true;
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

    void update(ScreenHost& host) override
    {
        // A scanned receipt: look it up at once, the first time this screen is on top.
        if (m_look_up_at_once) {
            m_look_up_at_once = false;
            submit(host);
        }
    }

private:
    [[nodiscard]] bool looking_up() const noexcept { return m_pending != nullptr; }

    void submit(ScreenHost& host)
    {
        if (looking_up())
            return;
        auto payload = scan::parse_payload(host.session().dossier_code);
        if (!payload || payload->kind != scan::PayloadKind::dossier_code) {
            m_problem_key = "dossier.code_invalid";
            mark_stale();
            return;
        }
        status::DossierLookup* lookup = host.services().dossiers;
        if (lookup == nullptr) {
            host.navigate({ NavRequest::Kind::push, [] { return make_error_screen("error.status_unavailable"); } });
            return;
        }
        // The answer comes back through a token only this screen holds: if the citizen left the
        // screen meanwhile, the answer is dropped.
        m_pending = std::make_shared<int>(0);
        std::weak_ptr<int> token = m_pending;
        mark_stale();
        host.run_task([lookup, code = payload->as<scan::DossierCode>()->code, token, this](
                          TaskProgress const& progress) mutable -> UiAction {
            if (progress.cancelled()) {
                secure_clear(code);
                return {};
            }
            auto outcome = std::make_shared<Outcome>(outcome_of(lookup->lookup(code)));
            secure_clear(code);
            return [outcome, token, this](ScreenHost& ui) {
                if (token.expired())
                    return;
                finish(ui, std::move(*outcome));
            };
        });
    }

    void finish(ScreenHost& host, Outcome outcome)
    {
        m_pending.reset();
        mark_stale();
        if (outcome.result) {
            auto& held = host.session().dossier_result;
            if (held)
                secure_clear(held->dossier);
            held = std::move(outcome.result);
            host.navigate({ NavRequest::Kind::push, [] { return make_dossier_result_screen(); } });
            return;
        }
        host.navigate({ NavRequest::Kind::push,
            [message = std::move(outcome.message_key), advice = std::move(outcome.advice_key)] {
                return make_error_screen(message, advice);
            } });
    }

    bool m_look_up_at_once;
    TextField* m_field = nullptr;
    std::string m_problem_key;
    std::shared_ptr<int> m_pending;
};

} // namespace

std::unique_ptr<Screen> make_dossier_entry_screen() { return std::make_unique<DossierEntryScreen>(false); }

std::unique_ptr<Screen> make_dossier_lookup_screen() { return std::make_unique<DossierEntryScreen>(true); }

} // namespace kiosk::ui
