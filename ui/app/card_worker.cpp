// SPDX-License-Identifier: MIT
#include "ui/app/card_worker.hpp"

#include "ui/screens/screen.hpp"

#include <id/chip_reader.hpp>
#include <id/dg1.hpp>
#include <id/dg13.hpp>
#include <id/dg2.hpp>

#include <spdlog/spdlog.h>

#include <array>
#include <ctime>
#include <memory>
#include <vector>

namespace kiosk::ui {

namespace {

    /// Files a read expects: EF.COM, DG1, DG2, DG13, EF.SOD.
    constexpr int FILES_EXPECTED = 5;

    std::string system_today()
    {
        std::time_t const now = std::time(nullptr);
        std::tm local {};
        localtime_r(&now, &local);
        std::array<char, 16> text {};
        std::strftime(text.data(), text.size(), "%Y-%m-%d", &local);
        return text.data();
    }

    /// What the citizen sees for a read that failed, and what to do.
    void describe_failure(Errc code, CardReadState& state)
    {
        switch (code) {
        case Errc::refused:
        case Errc::unsupported:
            state.error_key = "chip.error.wrong_key";
            state.advice_key = "chip.advice.check_number";
            break;
        case Errc::malformed:
            state.error_key = "chip.error.corrupt";
            state.advice_key = "chip.advice.place_again";
            break;
        case Errc::disconnected:
            state.error_key = "chip.error.gone";
            state.advice_key = "chip.advice.place_again";
            break;
        default:
            state.error_key = "chip.error.unreadable";
            state.advice_key = "error.ask_counter";
            break;
        }
    }

    ChipVerdict verdict_of(id::PassiveAuthReport const& report, bool trust_known)
    {
        using id::Check;
        if (report.hashes == Check::failed)
            return ChipVerdict::altered;
        if (report.signature == Check::failed || report.chain == Check::failed || report.chain == Check::untrusted)
            return trust_known || report.chain != Check::untrusted ? ChipVerdict::not_genuine
                                                                   : ChipVerdict::not_checked;
        if (report.verified())
            return ChipVerdict::verified;
        return ChipVerdict::not_checked;
    }

    std::optional<CardPhoto> decode_photo(Bytes const* dg2)
    {
        if (dg2 == nullptr)
            return std::nullopt;
        auto face = id::parse_dg2(*dg2);
        if (!face)
            return std::nullopt;
        auto pixels = id::decode_face_image(*face);
        if (!pixels || pixels->width <= 0 || pixels->height <= 0)
            return std::nullopt;
        CardPhoto photo;
        photo.width = pixels->width;
        photo.height = pixels->height;
        auto const count = static_cast<std::size_t>(pixels->width) * static_cast<std::size_t>(pixels->height);
        photo.rgb.resize(count * 3);
        for (std::size_t i = 0; i < count; ++i) {
            for (std::size_t c = 0; c < 3; ++c) {
                std::size_t const from = pixels->channels >= 3 ? i * static_cast<std::size_t>(pixels->channels) + c
                                                               : i * static_cast<std::size_t>(pixels->channels);
                photo.rgb[i * 3 + c] = pixels->pixels[from];
            }
        }
        return photo;
    }

} // namespace

Result<CitizenCard> citizen_card_from_chip(
    id::ChipSession const& session, id::TrustStore const* trust, std::string const& today)
{
    Bytes const* dg1 = session.file(id::LdsFile::dg1);
    if (dg1 == nullptr)
        return fail(Errc::malformed, "chip has no DG1");
    auto mrz = KIOSK_TRY(id::parse_dg1(*dg1));
    CitizenCard card;
    card.full_name = mrz.names();
    card.birth_date = mrz.birth_date;
    card.expiry_date = mrz.expiry_date;
    card.sex = mrz.sex;
    card.id_number = mrz.optional_data;
    if (Bytes const* dg13 = session.file(id::LdsFile::dg13)) {
        if (auto fields = id::parse_dg13(*dg13)) {
            card.has_dg13 = true;
            if (!fields->full_name.empty())
                card.full_name = fields->full_name;
            if (!fields->id_number.empty())
                card.id_number = fields->id_number;
            if (!fields->birth_date.empty())
                card.birth_date = fields->birth_date;
            if (!fields->expiry_date.empty())
                card.expiry_date = fields->expiry_date;
            card.place_of_residence = fields->place_of_residence;
            card.dg13 = *dg13;
        }
    }
    card.photo = decode_photo(session.file(id::LdsFile::dg2));

    std::vector<id::DataGroupFile> groups;
    for (auto const& [which, bytes] : session.files()) {
        auto const number = static_cast<int>(which);
        if (number >= 1 && number <= 16)
            groups.push_back({ number, bytes });
    }
    id::TrustStore const empty;
    Bytes const* sod = session.file(id::LdsFile::sod);
    if (sod != nullptr) {
        auto const report = id::passive_authenticate(*sod, groups, trust != nullptr ? *trust : empty);
        if (!report.verified())
            spdlog::info("chip: passive authentication: hashes {}, signature {}, chain {}",
                id::check_name(report.hashes), id::check_name(report.signature), id::check_name(report.chain));
        card.verdict = verdict_of(report, trust != nullptr);
        card.sod = *sod;
    }
    // A genuine card past its date (ISO dates compare as text; "Không thời hạn" never expires).
    if (card.verdict == ChipVerdict::verified && card.expiry_date.size() == 10 && card.expiry_date[4] == '-'
        && card.expiry_date < today)
        card.verdict = ChipVerdict::expired;
    return card;
}

CardWorker::CardWorker(hal::CardReader& reader, id::TrustStore const* trust, CardWorkerOptions options)
    : m_reader(reader)
    , m_trust(trust)
    , m_options(std::move(options))
{
}

CardWorker::~CardWorker() { cancel(); }

std::uint64_t CardWorker::start(std::uint64_t session, id::AccessKey key)
{
    cancel();
    if (m_queue == nullptr)
        return 0;
    std::uint64_t const job = ++m_jobs;
    m_cancel = false;
    m_running = true;
    m_thread = std::thread([this, session, job, key = std::move(key)]() mutable { run(session, job, std::move(key)); });
    return job;
}

void CardWorker::cancel()
{
    m_cancel = true;
    m_reader.cancel();
    if (m_thread.joinable())
        m_thread.join();
    m_running = false;
}

void CardWorker::post(std::uint64_t session, UiAction action)
{
    m_queue->push(TaskEvent { session, std::move(action) });
}

void CardWorker::post_state(std::uint64_t session, CardReadState state)
{
    post(session, [state = std::move(state)](ScreenHost& host) {
        CardReadState& current = host.session().chip.read;
        // Only the newest job speaks (an older one may still have events queued).
        if (state.job >= current.job)
            current = state;
    });
}

void CardWorker::run(std::uint64_t session, std::uint64_t job, id::AccessKey key)
{
    CardReadState state;
    state.job = job;
    state.phase = CardReadPhase::waiting;
    state.files_total = FILES_EXPECTED;
    post_state(session, state);

    std::optional<hal::CardInfo> card;
    while (!m_cancel && !card) {
        auto waited = m_reader.wait_for_card(m_options.poll);
        if (!waited) {
            if (waited.error().code() == Errc::cancelled)
                continue;
            spdlog::warn("card reader: {}", waited.error().message());
            state.phase = CardReadPhase::failed;
            describe_failure(Errc::io, state);
            post_state(session, state);
            m_running = false;
            return;
        }
        card = std::move(*waited);
    }
    if (m_cancel) {
        m_running = false;
        return;
    }
    ++m_seen;
    state.phase = CardReadPhase::reading;
    post_state(session, state);

    id::ReadOptions options;
    options.data_groups = { 1, 2, 13 };
    options.read_security_groups = false;
    options.resume_window = m_options.resume_window;
    std::optional<id::LdsFile> current_file;
    bool away = false;
    options.progress = [&](id::ReadProgress const& progress) {
        if (progress.resuming) {
            away = true;
            state.phase = CardReadPhase::moved_away;
            post_state(session, state);
            return;
        }
        if (away) {
            away = false;
            ++m_seen;
        }
        if (current_file && *current_file != progress.file)
            ++state.files_done;
        current_file = progress.file;
        state.phase = CardReadPhase::reading;
        state.bytes_read = progress.bytes_read;
        state.file_fraction = progress.file_size == 0
            ? 0.0
            : static_cast<double>(progress.file_offset) / static_cast<double>(progress.file_size);
        post_state(session, state);
    };
    auto read = id::ChipReader(m_reader).read(*card, key, options);
    key.wipe();
    m_reader.release();
    if (!read) {
        if (m_cancel || read.error().code() == Errc::cancelled) {
            m_running = false;
            return;
        }
        // The error's context never holds card data (firmware/id promises it).
        spdlog::info("chip read failed: {}", read.error().message());
        state.phase = CardReadPhase::failed;
        describe_failure(read.error().code(), state);
        post_state(session, state);
        m_running = false;
        return;
    }
    auto made = citizen_card_from_chip(*read, m_trust, m_options.today ? m_options.today() : system_today());
    read->wipe();
    if (!made) {
        spdlog::info("chip data unreadable: {}", made.error().message());
        state.phase = CardReadPhase::failed;
        describe_failure(Errc::malformed, state);
        post_state(session, state);
        m_running = false;
        return;
    }
    // The card's data travels to the UI thread in a shared holder that wipes itself, so no
    // copy stays behind in the queue if the event is dropped (session wiped meanwhile).
    struct Holder {
        CitizenCard card;
        Holder() = default;
        Holder(Holder const&) = delete;
        Holder& operator=(Holder const&) = delete;
        Holder(Holder&&) = delete;
        Holder& operator=(Holder&&) = delete;
        ~Holder() { wipe_card(card); }
    };
    auto holder = std::make_shared<Holder>();
    holder->card = std::move(*made);
    wipe_card(*made);
    state.phase = CardReadPhase::done;
    state.files_done = state.files_total;
    state.file_fraction = 0;
    post(session, [holder, state](ScreenHost& host) {
        ChipFlow& chip = host.session().chip;
        if (state.job < chip.read.job)
            return;
        if (chip.card)
            wipe_card(*chip.card);
        chip.card = std::move(holder->card);
        chip.read = state;
    });
    m_running = false;
}

} // namespace kiosk::ui
