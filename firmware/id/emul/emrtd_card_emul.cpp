// SPDX-License-Identifier: MIT
#include "id/emul/emrtd_card_emul.hpp"

#include "id/access_key.hpp"
#include "id/apdu.hpp"
#include "id/bac.hpp"
#include "id/crypto.hpp"
#include "id/pace.hpp"
#include "id/secure_messaging.hpp"

#include <algorithm>
#include <array>

namespace kiosk::id {

namespace {

constexpr std::array<std::uint8_t, 7> EMRTD_AID { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };

constexpr std::uint8_t INS_SELECT = 0xA4;
constexpr std::uint8_t INS_READ_BINARY = 0xB0;
constexpr std::uint8_t INS_GET_CHALLENGE = 0x84;
constexpr std::uint8_t INS_EXTERNAL_AUTHENTICATE = 0x82;
constexpr std::uint8_t INS_MSE = 0x22;
constexpr std::uint8_t INS_GENERAL_AUTHENTICATE = 0x86;

constexpr std::uint16_t SW_NO_CURRENT_EF = 0x6986;

// Plain bytes that fit one protected short response (256 bytes): DO'87' with its padding,
// DO'99' and DO'8E' take the rest.
std::size_t short_response_limit(crypto::Cipher cipher)
{
    return cipher == crypto::Cipher::tdes ? 231 : 223;
}

} // namespace

EmrtdCardConfig::~EmrtdCardConfig()
{
    crypto::wipe(can);
    crypto::wipe(document_number);
    crypto::wipe(birth_yymmdd);
    crypto::wipe(expiry_yymmdd);
    for (auto& [id, content] : files)
        crypto::wipe(content);
}

struct EmrtdCardEmul::State {
    EmrtdCardConfig config;
    Bytes card_access;
    Bytes bac_seed;
    Bytes mrz_password;
    std::optional<BacCard> bac;
    std::optional<PaceCard> pace;
    std::optional<SecureMessaging> sm;
    bool applet = false;
    std::optional<std::uint16_t> ef;
    bool lifted = false;
    bool lifted_by_hook = false;
    bool lift_done = false;
    std::chrono::steady_clock::time_point lifted_until {};
    Bytes uid { 0x08, 0x12, 0x34, 0x56 };
    EmrtdCardStats stats;
    bool drop_answer = false;
    bool garbage_answer = false;
    bool short_command = true;

    ~State()
    {
        crypto::wipe(bac_seed);
        crypto::wipe(mrz_password);
    }

    void reset_session()
    {
        sm.reset();
        applet = false;
        ef.reset();
        if (config.bac && !bac_seed.empty())
            bac.emplace(bac_seed);
        if (!config.pace.empty()) {
            Bytes can(config.can.begin(), config.can.end());
            pace.emplace(config.pace, std::move(can), mrz_password);
        }
    }

    // The file @p id if the current state may read it.
    Bytes const* readable(std::uint16_t id) const
    {
        if (id == fid::CARD_ACCESS)
            return card_access.empty() ? nullptr : &card_access;
        auto const found = config.files.find(id);
        return found == config.files.end() ? nullptr : &found->second;
    }
};

EmrtdCardEmul::EmrtdCardEmul(std::unique_ptr<State> state)
    : m_state(std::move(state))
{
}

EmrtdCardEmul::~EmrtdCardEmul() = default;

Result<std::unique_ptr<EmrtdCardEmul>> EmrtdCardEmul::create(EmrtdCardConfig config)
{
    auto state = std::make_unique<State>();
    if (!config.document_number.empty()) {
        auto const key = KIOSK_TRY(AccessKey::from_mrz(config.document_number, config.birth_yymmdd, config.expiry_yymmdd));
        state->bac_seed = key.bac_key_seed();
        state->mrz_password = key.pace_password_mrz();
    }
    if (!config.pace.empty())
        state->card_access = encode_card_access(config.pace);
    bool const pace_possible = !config.pace.empty() && (!config.can.empty() || !state->mrz_password.empty());
    bool const bac_possible = config.bac && !state->bac_seed.empty();
    if (!pace_possible && !bac_possible)
        return fail(Errc::invalid_argument, "emulated card has neither a PACE nor a BAC key");
    state->config = std::move(config);
    state->reset_session();
    return std::unique_ptr<EmrtdCardEmul>(new EmrtdCardEmul(std::move(state)));
}

bool EmrtdCardEmul::in_field_locked() const
{
    // A card lifted by its fault comes back on its own once `lifted_for` has passed (the
    // citizen puts it back); one lifted by the test hook waits for replace().
    if (m_state->lifted && !m_state->lifted_by_hook && std::chrono::steady_clock::now() >= m_state->lifted_until)
        m_state->lifted = false;
    return !m_state->lifted;
}

bool EmrtdCardEmul::present() const
{
    std::lock_guard const lock(m_mutex);
    return in_field_locked();
}

Bytes EmrtdCardEmul::uid() const
{
    std::lock_guard const lock(m_mutex);
    return m_state->uid;
}

Bytes EmrtdCardEmul::historical_bytes() const
{
    // Category indicator 80, then card capabilities (compact-TLV 73): selection by DF name and
    // by file identifier, and "extended Lc and Le" when the card takes extended length, which
    // is how a reader learns it may send them (ISO 7816-4 §8.1.1.2.7).
    std::lock_guard const lock(m_mutex);
    return { 0x80, 0x73, 0xA0, 0x21, static_cast<std::uint8_t>(m_state->config.extended_length ? 0x40 : 0x00) };
}

bool EmrtdCardEmul::extended_length() const
{
    std::lock_guard const lock(m_mutex);
    return m_state->config.extended_length;
}

void EmrtdCardEmul::power_up()
{
    std::lock_guard const lock(m_mutex);
    ++m_state->stats.power_ups;
    // ID cards pick a random UID at every power-up (privacy): 08 then three random bytes.
    if (auto random = crypto::random_bytes(3)) {
        m_state->uid = { 0x08, (*random)[0], (*random)[1], (*random)[2] };
    }
    m_state->reset_session();
}

void EmrtdCardEmul::lift()
{
    std::lock_guard const lock(m_mutex);
    m_state->lifted = true;
    m_state->lifted_by_hook = true;
    m_state->sm.reset();
}

void EmrtdCardEmul::replace()
{
    std::lock_guard const lock(m_mutex);
    m_state->lifted = false;
    m_state->lifted_by_hook = false;
}

EmrtdCardStats EmrtdCardEmul::stats() const
{
    std::lock_guard const lock(m_mutex);
    return m_state->stats;
}

std::optional<Bytes> EmrtdCardEmul::respond(ByteView command)
{
    std::lock_guard const lock(m_mutex);
    ++m_state->stats.commands;
    if (!in_field_locked())
        return std::nullopt;
    m_state->drop_answer = false;
    m_state->garbage_answer = false;
    Bytes reply = answer(command);
    if (m_state->drop_answer) {
        // Lifted mid-command: no answer reaches the reader, and the chip loses power.
        m_state->lifted = true;
        m_state->lifted_until = std::chrono::steady_clock::now() + m_state->config.lifted_for;
        ++m_state->stats.lifts;
        m_state->sm.reset();
        return std::nullopt;
    }
    return reply;
}

Bytes EmrtdCardEmul::answer(ByteView raw)
{
    auto& state = *m_state;
    auto parsed = Apdu::parse(raw);
    if (!parsed)
        return join_response({}, sw::WRONG_LENGTH);
    if (state.sm && (parsed->cla & 0x0C) == 0x0C) {
        // A short protected command can only take a short protected answer (256 bytes).
        state.short_command = parsed->data.size() <= 255 && parsed->le.value_or(256) <= 256;
        auto plain = state.sm->unwrap_command(raw);
        if (!plain) {
            state.sm.reset();
            return join_response({}, sw::SM_OBJECTS_INCORRECT);
        }
        Bytes const reply = file_command(*plain);
        if (state.drop_answer)
            return {};
        if (state.garbage_answer) {
            auto noise = crypto::random_bytes(40);
            Bytes out = noise ? *noise : Bytes(40, 0x5A);
            out.push_back(0x90);
            out.push_back(0x00);
            return out;
        }
        auto split = split_response(reply);
        auto wrapped = state.sm->wrap_response(split->data, split->status);
        if (!wrapped)
            return join_response({}, sw::SM_OBJECTS_INCORRECT);
        return std::move(*wrapped);
    }
    if (state.sm) {
        // A plain command ends secure messaging (ICAO 9303-11 §9.8.1).
        state.sm.reset();
        state.applet = false;
        state.ef.reset();
    }
    return plain_command(*parsed);
}

Bytes EmrtdCardEmul::plain_command(Apdu const& command)
{
    auto& state = *m_state;
    switch (command.ins) {
    case INS_MSE:
    case INS_GENERAL_AUTHENTICATE: {
        if (!state.pace)
            return join_response({}, sw::INS_NOT_SUPPORTED);
        Bytes reply = state.pace->handle(command);
        if (state.pace->session()) {
            state.sm = std::move(state.pace->session());
            state.pace->session().reset();
        }
        return reply;
    }
    case INS_GET_CHALLENGE: {
        if (!state.bac || command.le.value_or(0) != 8)
            return join_response({}, state.bac ? sw::WRONG_LENGTH : sw::INS_NOT_SUPPORTED);
        auto challenge = state.bac->challenge();
        if (!challenge)
            return join_response({}, sw::CONDITIONS_NOT_SATISFIED);
        return join_response(*challenge, sw::OK);
    }
    case INS_EXTERNAL_AUTHENTICATE: {
        if (!state.bac)
            return join_response({}, sw::INS_NOT_SUPPORTED);
        auto answer = state.bac->external_authenticate(command.data);
        if (!answer || !*answer)
            return join_response({}, sw::AUTH_FAILED);
        state.sm = std::move(state.bac->session());
        state.bac->session().reset();
        return join_response(**answer, sw::OK);
    }
    default: {
        return file_command(command);
    }
    }
}

Bytes EmrtdCardEmul::file_command(Apdu const& command)
{
    auto& state = *m_state;
    bool const secured = state.sm.has_value();
    if (command.ins == INS_SELECT) {
        if (command.p1 == 0x04) {
            if (!std::equal(command.data.begin(), command.data.end(), EMRTD_AID.begin(), EMRTD_AID.end()))
                return join_response({}, sw::FILE_NOT_FOUND);
            state.applet = true;
            state.ef.reset();
            return join_response({}, sw::OK);
        }
        if ((command.p1 == 0x00 || command.p1 == 0x02) && command.data.size() == 2) {
            auto const id = static_cast<std::uint16_t>((command.data[0] << 8) | command.data[1]);
            if (id == 0x3F00) {
                state.applet = false;
                state.ef.reset();
                return join_response({}, sw::OK);
            }
            bool const in_scope = id == fid::CARD_ACCESS ? !state.applet : state.applet;
            if (!in_scope || state.readable(id) == nullptr)
                return join_response({}, sw::FILE_NOT_FOUND);
            state.ef = id;
            return join_response({}, sw::OK);
        }
        return join_response({}, sw::WRONG_P1P2);
    }
    if (command.ins != INS_READ_BINARY)
        return join_response({}, secured ? sw::INS_NOT_SUPPORTED : sw::SECURITY_NOT_SATISFIED);

    std::uint16_t id = 0;
    std::size_t offset = 0;
    if ((command.p1 & 0x80) != 0) {
        id = static_cast<std::uint16_t>(0x0100 | (command.p1 & 0x1F));
        offset = command.p2;
        bool const in_scope = id == fid::CARD_ACCESS ? !state.applet : state.applet;
        if (!in_scope || state.readable(id) == nullptr)
            return join_response({}, sw::FILE_NOT_FOUND);
        state.ef = id;
    } else {
        if (!state.ef)
            return join_response({}, SW_NO_CURRENT_EF);
        id = *state.ef;
        offset = (static_cast<std::size_t>(command.p1 & 0x7F) << 8) | command.p2;
    }
    if (id != fid::CARD_ACCESS && !secured)
        return join_response({}, sw::SECURITY_NOT_SATISFIED);
    Bytes const& file = *state.readable(id);
    if (offset > file.size())
        return join_response({}, sw::WRONG_P1P2);
    std::size_t const asked = command.le.value_or(256);
    std::size_t count = std::min(asked, file.size() - offset);
    if (secured && (!state.config.extended_length || state.short_command))
        count = std::min(count, short_response_limit(state.sm->cipher()));
    if (secured && state.config.garbage) {
        state.garbage_answer = true;
        return {};
    }
    if (state.config.lift_at_byte && !state.lift_done && state.stats.file_bytes + count > *state.config.lift_at_byte) {
        state.lift_done = true;
        state.drop_answer = true;
        return {};
    }
    state.stats.file_bytes += count;
    ByteView const part = ByteView(file).subspan(offset, count);
    bool const short_read = count < asked && asked != 256 && asked != 65536;
    return join_response(part, short_read ? sw::END_OF_FILE : sw::OK);
}

} // namespace kiosk::id
