// SPDX-License-Identifier: MIT
#include "ui/app/kiosk_ui.hpp"

#include "ui/app/card_worker.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/text_draw.hpp"

#include <scan/payload_parser.hpp>

#include <spdlog/spdlog.h>

namespace kiosk::ui {

namespace {
    /// How long a toast stays.
    constexpr std::chrono::seconds TOAST_TIME { 6 };
} // namespace

Result<std::unique_ptr<KioskUi>> KioskUi::create(
    Canvas& canvas, hal::Clock const& clock, DisplayLayout const& layout, Services services, KioskUiOptions options)
{
    auto folder = options.strings_folder.empty() ? default_strings_folder() : options.strings_folder;
    auto strings = Strings::load(folder);
    if (!strings) {
        spdlog::error("cannot load the UI strings from {}", folder.string());
        return Unexpected(strings.error());
    }
    strings->apply_site(options.site);
    auto fonts = KIOSK_TRY(Fonts::open(options.font_regular.empty() ? Fonts::default_regular() : options.font_regular,
        options.font_bold.empty() ? Fonts::default_bold() : options.font_bold));
    return std::unique_ptr<KioskUi>(
        new KioskUi(canvas, clock, layout, services, std::move(options), std::move(*strings), std::move(fonts)));
}

KioskUi::KioskUi(Canvas& canvas, hal::Clock const& clock, DisplayLayout const& layout, Services services,
    KioskUiOptions options, Strings strings, std::unique_ptr<Fonts> fonts)
    : m_canvas(canvas)
    , m_clock(clock)
    , m_layout(layout)
    , m_services(services)
    , m_options(std::move(options))
    , m_strings(std::move(strings))
    , m_fonts(std::move(fonts))
    , m_text(std::make_unique<TextCache>(canvas.renderer(), *m_fonts))
    , m_metrics(Metrics::compute(layout, TextSize::normal))
{
    m_stack.push_back(make_attract_screen());
    m_last_activity = m_clock.now();
    rebuild_if_stale();
}

KioskUi::~KioskUi()
{
    m_speech.stop(m_services);
    m_stack.clear();
    m_idle_dialog.reset();
    m_session.wipe();
    m_text->clear();
}

StringCatalog const& KioskUi::strings() const { return m_strings.catalog(m_session.settings.language); }

std::string_view KioskUi::screen_name() const noexcept { return m_stack.back()->name(); }

void KioskUi::activity(std::chrono::steady_clock::time_point now) noexcept { m_last_activity = now; }

void KioskUi::pointer_down(Point point)
{
    auto const now = m_clock.now();
    m_dirty = true;
    m_pressed = nullptr;
    if (m_idle_dialog) {
        if (m_idle_dialog->press(point, now))
            m_pressed = m_idle_dialog.get();
        return;
    }
    activity(now);
    if (top().press(point, now))
        m_pressed = &top();
}

void KioskUi::pointer_move(Point point)
{
    if (m_pressed != nullptr) {
        m_pressed->move(point, m_clock.now());
        m_dirty = true;
    }
}

void KioskUi::pointer_up(Point point)
{
    auto const now = m_clock.now();
    Widget* pressed = m_pressed;
    m_pressed = nullptr;
    if (pressed != nullptr)
        pressed->release(point, now);
    m_dirty = true;
    apply_pending();
}

void KioskUi::tap(Point point)
{
    pointer_down(point);
    pointer_up(point);
}

void KioskUi::type_text(std::string_view utf8)
{
    std::size_t at = 0;
    while (at < utf8.size()) {
        std::size_t end = at + 1;
        while (end < utf8.size() && (static_cast<unsigned char>(utf8[end]) & 0xC0U) == 0x80U)
            ++end;
        KeyPress press;
        press.kind = KeyPress::Kind::insert;
        press.text = std::string(utf8.substr(at, end - at));
        key(press);
        at = end;
    }
}

void KioskUi::key(KeyPress const& press)
{
    activity(m_clock.now());
    m_dirty = true;
    top().key(*this, press);
    apply_pending();
}

void KioskUi::set_language(Language language)
{
    m_session.settings.language = language;
    settings_changed();
    apply_pending();
}

void KioskUi::navigate(NavRequest request)
{
    m_pending.push_back(std::move(request));
    m_dirty = true;
}

void KioskUi::settings_changed()
{
    m_settings_changed = true;
    m_dirty = true;
}

void KioskUi::toast(std::string key)
{
    m_toast = std::move(key);
    m_toast_until = m_clock.now() + TOAST_TIME;
    m_dirty = true;
}

void KioskUi::ensure_started()
{
    if (m_stack.size() == 1)
        m_stack.push_back(make_home_screen());
}

void KioskUi::reset_to_home()
{
    ensure_started();
    if (m_pressed != nullptr && m_pressed != m_idle_dialog.get())
        m_pressed = nullptr;
    m_stack.resize(2);
}

void KioskUi::wipe_session()
{
    // Screens first (they point into the session), then the session, then every texture
    // (rendered text may show personal data).
    m_tasks.cancel_all();
    // Nothing of the old session is heard after it (the instruction may name the citizen).
    m_speech.stop(m_services);
    // A card read in progress stops before the session it reads for is wiped.
    if (m_services.card_worker != nullptr)
        m_services.card_worker->cancel();
    if (m_services.printer != nullptr)
        m_services.printer->session_ended();
    m_pressed = nullptr;
    m_stack.clear();
    m_idle_dialog.reset();
    m_session.wipe();
    m_text->clear();
    m_stack.push_back(make_attract_screen());
    m_settings_changed = true;
    ++m_wipes;
    toast("toast.session_ended");
    m_last_activity = m_clock.now();
}

void KioskUi::apply_pending()
{
    if (m_dialog_action != DialogAction::none) {
        auto const action = m_dialog_action;
        m_dialog_action = DialogAction::none;
        m_idle_dialog.reset();
        m_pressed = nullptr;
        m_idle_seconds_shown = -1;
        m_last_activity = m_clock.now();
        if (action == DialogAction::finish)
            wipe_session();
    }
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& request : pending) {
        m_pressed = nullptr;
        switch (request.kind) {
        case NavRequest::Kind::push:
            ensure_started();
            m_stack.push_back(request.make());
            break;
        case NavRequest::Kind::back:
            if (m_stack.size() > 2)
                m_stack.pop_back();
            break;
        case NavRequest::Kind::home:
            reset_to_home();
            break;
        case NavRequest::Kind::start:
            ensure_started();
            break;
        case NavRequest::Kind::finish:
            wipe_session();
            break;
        }
    }
    if (m_settings_changed) {
        m_settings_changed = false;
        m_metrics = Metrics::compute(m_layout, m_session.settings.text_size);
        // Text of the other language or size will not be drawn again soon.
        m_text->clear();
    }
    rebuild_if_stale();
}

void KioskUi::rebuild_if_stale()
{
    Screen& screen = top();
    if (!screen.built_for(m_session.settings, m_session.serial())) {
        screen.cancel_press();
        screen.build(*this);
        screen.mark_built(m_session.settings, m_session.serial());
        m_dirty = true;
    }
    // Speech stops when the screen changes; in audio mode the new one is read.
    m_speech.screen_shown(*this, screen);
}

void KioskUi::show_error(std::string message_key)
{
    ensure_started();
    m_stack.push_back(make_error_screen(std::move(message_key)));
}

void KioskUi::handle_scan(std::string& text)
{
    ++m_scans_handled;
    activity(m_clock.now());
    m_dirty = true;
    auto parsed = scan::parse_payload(text);
    secure_clear(text);
    if (m_idle_dialog)
        m_dialog_action = DialogAction::keep_going;
    apply_pending();
    m_pressed = nullptr;
    if (!parsed) {
        show_error(std::string(scan::citizen_message_key(parsed.error())));
        return;
    }
    scan::Payload& payload = *parsed;
    switch (payload.kind) {
    case scan::PayloadKind::dossier_code: {
        reset_to_home();
        secure_clear(m_session.dossier_code);
        m_session.dossier_code = payload.as<scan::DossierCode>()->code;
        // The entry screen with the code filled in, looking it up at once.
        m_stack.push_back(make_dossier_lookup_screen());
        break;
    }
    case scan::PayloadKind::citizen_id_qr: {
        reset_to_home();
        auto* qr = payload.as<scan::CitizenIdQr>();
        secure_clear(m_session.id_digits);
        m_session.id_digits = qr->id_number;
        m_session.id_qr = std::move(*qr);
        m_stack.push_back(make_id_entry_screen());
        m_stack.push_back(make_id_place_card_screen());
        break;
    }
    case scan::PayloadKind::url:
        show_error("scan.url_not_opened");
        break;
    case scan::PayloadKind::unknown:
        show_error(std::string(scan::citizen_message_key(payload.as<scan::Unknown>()->reason_code)));
        break;
    }
    rebuild_if_stale();
}

void KioskUi::handle_event(UiEvent& event)
{
    if (auto* scan = std::get_if<ScanEvent>(&event)) {
        handle_scan(scan->text);
        return;
    }
    if (std::holds_alternative<ScannerLostEvent>(event)) {
        spdlog::warn("code scanner lost; typing still works");
        return;
    }
    if (auto* task = std::get_if<TaskEvent>(&event);
        task != nullptr && task->session == m_session.serial() && task->apply) {
        task->apply(*this);
        m_dirty = true;
    }
    if (auto* notice = std::get_if<NoticeEvent>(&event); notice != nullptr && notice->apply) {
        notice->apply(*this);
        m_dirty = true;
    }
}

void KioskUi::run_task(Task task) { m_tasks.run(m_session.serial(), std::move(task)); }

void KioskUi::read_aloud() { m_speech.read(*this, top()); }

void KioskUi::stop_speech() { m_speech.stop(m_services); }

void KioskUi::update_idle(std::chrono::steady_clock::time_point now)
{
    bool const at_rest = m_stack.size() == 1 && m_session.empty();
    if (at_rest && !m_idle_dialog) {
        m_last_activity = now;
        return;
    }
    if (!m_idle_dialog) {
        if (now - m_last_activity < m_options.idle_timeout)
            return;
        m_pressed = nullptr;
        top().cancel_press();
        m_idle_deadline = now + m_options.idle_countdown;
        m_idle_seconds_shown = -1;
        std::vector<Dialog::Choice> choices;
        choices.push_back(
            { strings().text("idle.continue"), [this] { m_dialog_action = DialogAction::keep_going; }, true });
        choices.push_back({ strings().text("idle.finish"), [this] { m_dialog_action = DialogAction::finish; }, false });
        m_idle_dialog = std::make_unique<Dialog>(strings().text("idle.title"),
            strings().format("idle.body", { { "seconds", std::to_string(m_options.idle_countdown.count()) } }),
            std::move(choices), *m_fonts, m_metrics);
        m_dirty = true;
    }
    if (now >= m_idle_deadline) {
        spdlog::info("idle timeout: session wiped");
        wipe_session();
        rebuild_if_stale();
        return;
    }
    auto const left = std::chrono::ceil<std::chrono::seconds>(m_idle_deadline - now).count();
    if (left != m_idle_seconds_shown) {
        m_idle_seconds_shown = static_cast<long>(left);
        m_idle_dialog->set_body(strings().format("idle.body", { { "seconds", std::to_string(left) } }));
        m_dirty = true;
    }
}

void KioskUi::tick()
{
    auto const now = m_clock.now();
    m_ticks.fetch_add(1, std::memory_order_relaxed);
    if (m_services.printer != nullptr)
        m_services.printer->tick(now);
    for (auto& event : m_events.drain())
        handle_event(event);
    apply_pending();
    update_idle(now);
    if (!m_toast.empty() && now >= m_toast_until) {
        m_toast.clear();
        m_dirty = true;
    }
    top().update(*this);
    if (top().animate(now))
        m_dirty = true;
    apply_pending();
}

void KioskUi::render()
{
    Theme const& theme = Theme::get(m_session.settings.contrast);
    DrawContext context { m_canvas, *m_text, theme, m_metrics, m_clock.now(), &strings() };
    m_text->begin_frame();
    m_canvas.clear(theme.background);
    top().draw(context);
    if (!m_toast.empty()) {
        Metrics const& m = m_metrics;
        WrappedText wrapped;
        TextStyle const style { m.text_body, FontWeight::bold, theme.on_primary };
        wrapped.layout(*m_fonts, strings().text(m_toast), m.content_w - 2 * m.margin, style);
        int const h = wrapped.height() + 2 * m.gap;
        Rect const box { m.content_x, m.screen_h - m.bar_h - m.gap - h, m.content_w, h };
        m_canvas.fill_round_rect(box, m.gap, theme.primary);
        wrapped.draw(
            context, { box.x + m.margin, box.y + m.gap, box.w - 2 * m.margin, wrapped.height() }, style, Align::center);
    }
    if (m_idle_dialog)
        m_idle_dialog->draw(context);
    m_text->end_frame();
    m_canvas.present();
    m_dirty = false;
    m_frames.fetch_add(1, std::memory_order_relaxed);
}

std::vector<TextHit> KioskUi::visible_texts() const
{
    std::vector<TextHit> hits;
    if (m_idle_dialog)
        m_idle_dialog->collect_texts(hits);
    std::vector<TextHit> screen;
    top().collect_texts(screen);
    for (auto& hit : screen) {
        // Under a modal dialog nothing can be tapped.
        if (m_idle_dialog)
            hit.tappable = false;
        hits.push_back(std::move(hit));
    }
    if (!m_toast.empty())
        hits.push_back({ strings().text(m_toast), {}, false });
    return hits;
}

} // namespace kiosk::ui
