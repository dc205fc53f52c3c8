// SPDX-License-Identifier: MIT
#include "id/chip_reader.hpp"

#include "id/apdu.hpp"
#include "id/bac.hpp"
#include "id/card_access.hpp"
#include "id/crypto.hpp"
#include "id/pace.hpp"
#include "id/secure_messaging.hpp"
#include "id/tlv.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace kiosk::id {

namespace {

constexpr std::array<std::uint8_t, 7> EMRTD_AID { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };
constexpr std::uint8_t SFI_CARD_ACCESS = 0x1C;
constexpr std::size_t MAX_OFFSET = 0x7FFF; // READ BINARY (even INS) offsets are 15 bits
constexpr std::size_t MAX_FILE = 0x10000 + MAX_OFFSET;

// EF.COM lists data groups by their tags (ICAO 9303-10 table 33).
int data_group_of_tag(std::uint8_t tag) noexcept
{
    static constexpr std::array<std::uint8_t, 16> TAGS { 0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A,
        0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70 };
    for (std::size_t i = 0; i < TAGS.size(); ++i) {
        if (TAGS[i] == tag)
            return static_cast<int>(i) + 1;
    }
    return 0;
}

bool lifted(Error const& error) noexcept
{
    return error.code() == Errc::disconnected || error.code() == Errc::timeout;
}

// Bytes of the tag and length at the front of a file, and the whole file size they announce.
Result<std::size_t> announced_size(ByteView head)
{
    ByteView probe = head;
    std::size_t tag_bytes = 1;
    if (probe.empty())
        return fail(Errc::malformed, "empty file");
    if ((probe[0] & 0x1F) == 0x1F) {
        while (tag_bytes < probe.size() && (probe[tag_bytes] & 0x80) != 0)
            ++tag_bytes;
        ++tag_bytes;
    }
    if (tag_bytes > 3 || tag_bytes >= probe.size())
        return fail(Errc::malformed, "file header truncated");
    std::uint8_t const first = probe[tag_bytes];
    if (first < 0x80)
        return tag_bytes + 1 + first;
    std::size_t const count = first & 0x7F;
    if (count == 0 || count > 3 || tag_bytes + 1 + count > probe.size())
        return fail(Errc::malformed, "file length field invalid");
    std::size_t length = 0;
    for (std::size_t i = 0; i < count; ++i)
        length = (length << 8) | probe[tag_bytes + 1 + i];
    return tag_bytes + 1 + count + length;
}

class Run {
public:
    Run(hal::CardReader& reader, hal::CardInfo const& card, AccessKey const& key, ReadOptions const& options)
        : m_reader(reader)
        , m_card(card)
        , m_key(key)
        , m_options(options)
    {
    }

    Result<ChipSession> execute()
    {
        auto const start = std::chrono::steady_clock::now();
        KIOSK_TRY(resumable([this] { return authenticate(); }));
        auto const com = KIOSK_TRY(read_file(LdsFile::com));
        if (!com)
            return fail(Errc::malformed, "chip has no EF.COM");
        std::vector<int> present = KIOSK_TRY(listed_groups());
        for (int const group : wanted_groups(present))
            (void)KIOSK_TRY(read_file(data_group_file(group)));
        if (m_options.read_sod)
            (void)KIOSK_TRY(read_file(LdsFile::sod));
        m_session.elapsed
            = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
        return std::move(m_session);
    }

private:
    // Runs @p step; when the card leaves the field, waits for it, re-authenticates and runs
    // @p step again (steps keep their own position, so they continue where they stopped).
    template <class Step>
    Result<void> resumable(Step step)
    {
        for (;;) {
            auto result = step();
            if (result)
                return {};
            if (!lifted(result.error()))
                return result;
            if (m_session.resumes >= m_options.max_resumes)
                return fail(Errc::disconnected, "card lifted too many times");
            KIOSK_TRY(wait_for_return());
            ++m_session.resumes;
        }
    }

    Result<void> wait_for_return()
    {
        m_sm.reset();
        ReadProgress waiting = m_progress;
        waiting.resuming = true;
        if (m_options.progress)
            m_options.progress(waiting);
        auto const present = KIOSK_TRY(m_reader.card_present());
        if (present) {
            // Still in the field but mute: power it down and up again.
            m_reader.release();
        }
        auto const card = KIOSK_TRY(m_reader.wait_for_card(m_options.resume_window));
        if (!card)
            return fail(Errc::disconnected, "card was lifted and not put back in time");
        m_card = *card;
        return {};
    }

    Result<Bytes> raw(ByteView command)
    {
        ++m_session.apdus;
        return m_reader.transmit(command, m_options.apdu_timeout);
    }

    Result<Response> secure(Apdu const& command)
    {
        if (!m_sm)
            return fail(Errc::internal, "no secure channel");
        auto const wire = KIOSK_TRY(m_sm->wrap_command(command));
        auto answer = raw(wire);
        if (!answer) {
            m_sm.reset(); // the counter is lost with the answer: a new session is needed
            return Unexpected(answer.error());
        }
        auto plain = m_sm->unwrap_response(*answer);
        if (!plain)
            m_sm.reset();
        return plain;
    }

    Result<void> select_applet_secure()
    {
        Apdu const select { 0x00, 0xA4, 0x04, 0x0C, Bytes(EMRTD_AID.begin(), EMRTD_AID.end()), std::nullopt };
        auto const answer = KIOSK_TRY(secure(select));
        if (!answer.ok())
            return fail(Errc::refused, "chip refused to select the eMRTD application");
        return {};
    }

    Result<void> select_applet_plain()
    {
        Apdu const select { 0x00, 0xA4, 0x04, 0x0C, Bytes(EMRTD_AID.begin(), EMRTD_AID.end()), std::nullopt };
        auto const command = KIOSK_TRY(select.encode());
        auto const reply = KIOSK_TRY(raw(command));
        auto const answer = KIOSK_TRY(split_response(reply));
        if (!answer.ok())
            return fail(Errc::refused, "chip has no eMRTD application");
        return {};
    }

    Result<std::optional<PaceInfo>> card_access()
    {
        Apdu const read { 0x00, 0xB0, static_cast<std::uint8_t>(0x80 | SFI_CARD_ACCESS), 0x00, {}, 256 };
        auto const command = KIOSK_TRY(read.encode());
        auto const reply = KIOSK_TRY(raw(command));
        auto const answer = KIOSK_TRY(split_response(reply));
        if ((!answer.ok() && answer.status != sw::END_OF_FILE) || answer.data.empty())
            return std::optional<PaceInfo>(); // no EF.CardAccess: a BAC-only chip
        auto const parsed = parse_card_access(answer.data);
        if (!parsed)
            return std::optional<PaceInfo>(); // unreadable PACE offer: BAC is still worth a try
        return parsed->best();
    }

    Transmit transmitter()
    {
        return [this](ByteView command) { return raw(command); };
    }

    Result<void> authenticate()
    {
        bool const can_pace = m_options.try_pace && (m_key.has_can() || m_key.has_mrz());
        if (!can_pace && !m_key.has_mrz())
            return fail(Errc::unsupported, "no access key for PACE or BAC");
        if (can_pace && m_protocol != AccessProtocol::bac) {
            if (!m_pace)
                m_pace = KIOSK_TRY(card_access());
            if (*m_pace) {
                Bytes password = m_key.has_can() ? m_key.pace_password_can() : m_key.pace_password_mrz();
                auto const type = m_key.has_can() ? PacePassword::can : PacePassword::mrz;
                auto session = pace_authenticate(transmitter(), **m_pace, type, password);
                crypto::wipe(password);
                if (session) {
                    m_sm.emplace(std::move(*session));
                    m_protocol = AccessProtocol::pace;
                    m_session.protocol = AccessProtocol::pace;
                    return select_applet_secure();
                }
                if (lifted(session.error()) || !m_key.has_mrz())
                    return Unexpected(session.error());
                // Refused or garbled: BAC may still open the chip (ICAO allows either).
            }
        }
        if (!m_key.has_mrz())
            return fail(Errc::unsupported, "chip offers no PACE and BAC needs the MRZ data");
        KIOSK_TRY(select_applet_plain());
        auto session = KIOSK_TRY(bac_authenticate(transmitter(), m_key));
        m_sm.emplace(std::move(session));
        m_protocol = AccessProtocol::bac;
        m_session.protocol = AccessProtocol::bac;
        return {};
    }

    // Data groups EF.COM lists, in order.
    Result<std::vector<int>> listed_groups()
    {
        Bytes const* com = m_session.file(LdsFile::com);
        auto const outer = KIOSK_TRY(parse_single(*com));
        if (outer.tag != 0x60)
            return fail(Errc::malformed, "EF.COM does not start with tag 60");
        auto const list = KIOSK_TRY(find(outer.value, 0x5C));
        std::vector<int> groups;
        for (std::uint8_t const tag : list.value) {
            if (int const group = data_group_of_tag(tag))
                groups.push_back(group);
        }
        return groups;
    }

    [[nodiscard]] std::vector<int> wanted_groups(std::vector<int> const& present) const
    {
        std::vector<int> wanted;
        auto listed = [&](int group) { return std::find(present.begin(), present.end(), group) != present.end(); };
        for (int const group : m_options.data_groups) {
            if (group >= 1 && group <= 16 && listed(group)
                && std::find(wanted.begin(), wanted.end(), group) == wanted.end())
                wanted.push_back(group);
        }
        if (m_options.read_security_groups) {
            for (int const group : { 14, 15 }) {
                if (listed(group) && std::find(wanted.begin(), wanted.end(), group) == wanted.end())
                    wanted.push_back(group);
            }
        }
        return wanted;
    }

    [[nodiscard]] std::size_t chunk_size() const
    {
        bool const extended = m_card.extended_length && m_options.max_response_bytes > 258;
        if (!extended)
            return m_sm && m_sm->cipher() == crypto::Cipher::tdes ? 231 : 223;
        // Room for DO'87' (tag, 3 length bytes, indicator, up to a block of padding),
        // DO'99', DO'8E' and the status word.
        std::size_t const limit = std::min<std::size_t>(m_options.max_response_bytes, 65538);
        return limit - 48;
    }

    // Reads one file into the session (resuming across lifts). nullopt: the chip has no such
    // file or refuses it (not an error: EF.COM may list a group this key cannot read).
    Result<std::optional<std::size_t>> read_file(LdsFile which)
    {
        Bytes content;
        std::optional<std::size_t> total;
        bool absent = false;
        m_progress = ReadProgress { which, 0, 0, m_session.bytes_read, false };
        auto step = [&]() -> Result<void> {
            if (!m_sm)
                KIOSK_TRY(authenticate());
            while (!total || content.size() < *total) {
                std::size_t const offset = content.size();
                std::size_t const want = total ? std::min(chunk_size(), *total - offset) : chunk_size();
                Apdu read { 0x00, 0xB0, 0x00, 0x00, {}, want };
                if (offset == 0) {
                    read.p1 = static_cast<std::uint8_t>(0x80 | static_cast<std::uint8_t>(which));
                } else {
                    if (offset > MAX_OFFSET)
                        return fail(Errc::unsupported, "file larger than READ BINARY offsets reach");
                    read.p1 = static_cast<std::uint8_t>(offset >> 8);
                    read.p2 = static_cast<std::uint8_t>(offset & 0xFF);
                }
                auto answer = KIOSK_TRY(secure(read));
                if (offset == 0 && (answer.status == sw::FILE_NOT_FOUND || answer.status == sw::SECURITY_NOT_SATISFIED)) {
                    absent = true;
                    return {};
                }
                if (!answer.ok() && answer.status != sw::END_OF_FILE)
                    return fail(Errc::refused, "chip refused READ BINARY");
                if (answer.data.empty() || answer.data.size() > want)
                    return fail(Errc::malformed, "READ BINARY answered a wrong number of bytes");
                content.insert(content.end(), answer.data.begin(), answer.data.end());
                crypto::wipe(answer.data);
                if (!total) {
                    total = KIOSK_TRY(announced_size(content));
                    if (*total > MAX_FILE)
                        return fail(Errc::malformed, "file announces an impossible length");
                    if (content.size() > *total)
                        content.resize(*total);
                }
                std::size_t const got = std::min(content.size(), *total) - offset;
                m_session.bytes_read += got;
                m_progress.file_offset = content.size();
                m_progress.file_size = *total;
                m_progress.bytes_read = m_session.bytes_read;
                if (m_options.progress)
                    m_options.progress(m_progress);
                if (content.size() < *total && answer.status == sw::END_OF_FILE)
                    return fail(Errc::malformed, "file shorter than its length says");
            }
            return {};
        };
        KIOSK_TRY(resumable(step));
        if (absent) {
            crypto::wipe(content);
            return std::optional<std::size_t>();
        }
        std::size_t const size = content.size();
        m_session.set_file(which, std::move(content));
        return std::optional<std::size_t>(size);
    }

    hal::CardReader& m_reader;
    hal::CardInfo m_card;
    AccessKey const& m_key;
    ReadOptions const& m_options;
    ChipSession m_session;
    std::optional<SecureMessaging> m_sm;
    std::optional<AccessProtocol> m_protocol;
    std::optional<std::optional<PaceInfo>> m_pace;
    ReadProgress m_progress;
};

} // namespace

Result<ChipSession> ChipReader::read(hal::CardInfo const& card, AccessKey const& key, ReadOptions const& options)
{
    Run run(m_reader, card, key, options);
    return run.execute();
}

} // namespace kiosk::id
