// SPDX-License-Identifier: MIT
#include "tools/card_factory.hpp"

#include "id/emul/persona_card.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace kiosk::test {

namespace {

constexpr std::uint16_t TEST_FILE_ID = 0x011E;
constexpr std::size_t DEFAULT_FILE_SIZE = 2048;
constexpr std::size_t MAX_FILE_SIZE = 65535;

Bytes status(std::uint8_t sw1, std::uint8_t sw2) { return { sw1, sw2 }; }

/// The parts of a command APDU (ISO 7816-4 cases 1-4, short and extended).
struct Apdu {
    std::uint8_t cla = 0;
    std::uint8_t ins = 0;
    std::uint8_t p1 = 0;
    std::uint8_t p2 = 0;
    ByteView data;
    /// Expected response length; 0 = none asked.
    std::size_t le = 0;
};

std::optional<Apdu> parse_apdu(ByteView command)
{
    if (command.size() < 4)
        return std::nullopt;
    Apdu apdu { command[0], command[1], command[2], command[3], {}, 0 };
    ByteView body = command.subspan(4);
    if (body.empty())
        return apdu;
    if (body.size() == 1) {
        apdu.le = body[0] == 0 ? 256 : body[0];
        return apdu;
    }
    if (body[0] != 0 || body.size() == 1 + static_cast<std::size_t>(body[0])
        || body.size() == 2 + static_cast<std::size_t>(body[0])) {
        // Short form: Lc data [Le].
        if (body[0] == 0)
            return std::nullopt;
        std::size_t const lc = body[0];
        if (body.size() < 1 + lc)
            return std::nullopt;
        apdu.data = body.subspan(1, lc);
        if (body.size() == 2 + lc)
            apdu.le = body[1 + lc] == 0 ? 256 : body[1 + lc];
        return apdu;
    }
    // Extended form: 00 then either Le (2 bytes) or Lc (2 bytes) data [Le (2 bytes)].
    if (body.size() == 3) {
        std::size_t const le = (static_cast<std::size_t>(body[1]) << 8U) | body[2];
        apdu.le = le == 0 ? 65536 : le;
        return apdu;
    }
    std::size_t const lc = (static_cast<std::size_t>(body[1]) << 8U) | body[2];
    if (lc == 0 || body.size() < 3 + lc)
        return std::nullopt;
    apdu.data = body.subspan(3, lc);
    if (body.size() == 3 + lc + 2) {
        std::size_t const le = (static_cast<std::size_t>(body[3 + lc]) << 8U) | body[4 + lc];
        apdu.le = le == 0 ? 65536 : le;
    } else if (body.size() != 3 + lc) {
        return std::nullopt;
    }
    return apdu;
}

struct CardOptions {
    Bytes uid { 0x08, 0x12, 0x34, 0x56 };
    std::size_t file_size = DEFAULT_FILE_SIZE;
    bool extended_length = true;
    bool mute = false;
};

/// The apdu-echo card: a tiny ISO 7816-4 file system with one transparent file.
class TestCard final : public drivers::CardEmul {
public:
    explicit TestCard(CardOptions options)
        : m_options(std::move(options))
    {
    }

    [[nodiscard]] bool present() const override { return true; }
    [[nodiscard]] Bytes uid() const override { return m_options.uid; }
    [[nodiscard]] Bytes historical_bytes() const override
    {
        // Category 80, then card capabilities (compact-TLV tag 7): selection by full DF name
        // and by file identifier; data unit 1 byte; "extended Lc and Le" when enabled.
        return { 0x80, 0x73, 0xA0, 0x21, static_cast<std::uint8_t>(m_options.extended_length ? 0x40 : 0x00) };
    }
    [[nodiscard]] bool extended_length() const override { return m_options.extended_length; }
    void power_up() override { m_file_selected = false; }

    std::optional<Bytes> respond(ByteView command) override
    {
        if (m_options.mute)
            return std::nullopt;
        auto apdu = parse_apdu(command);
        if (!apdu)
            return status(0x67, 0x00);
        if (apdu->cla == 0x80 && apdu->ins == 0xEC) {
            Bytes answer(apdu->data.begin(), apdu->data.end());
            answer.push_back(0x90);
            answer.push_back(0x00);
            return answer;
        }
        if (apdu->cla != 0x00 && apdu->cla != 0x0C)
            return status(0x6E, 0x00);
        switch (apdu->ins) {
        case 0xA4:
            return select(*apdu);
        case 0xB0:
            return read_binary(*apdu);
        case 0x84: {
            if (apdu->le == 0)
                return status(0x67, 0x00);
            Bytes answer;
            for (std::size_t i = 0; i < std::min<std::size_t>(apdu->le, 256); ++i)
                answer.push_back(static_cast<std::uint8_t>(i + 1));
            answer.push_back(0x90);
            answer.push_back(0x00);
            return answer;
        }
        default:
            return status(0x6D, 0x00);
        }
    }

private:
    Bytes select(Apdu const& apdu)
    {
        static constexpr std::uint8_t EMRTD_AID[] = { 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01 };
        if (apdu.p1 == 0x04) {
            if (std::equal(apdu.data.begin(), apdu.data.end(), std::begin(EMRTD_AID), std::end(EMRTD_AID)))
                return status(0x90, 0x00);
            return status(0x6A, 0x82);
        }
        if (apdu.p1 == 0x02 || apdu.p1 == 0x00) {
            if (apdu.data.size() == 2 && ((apdu.data[0] << 8U) | apdu.data[1]) == TEST_FILE_ID) {
                m_file_selected = true;
                return status(0x90, 0x00);
            }
            return status(0x6A, 0x82);
        }
        return status(0x6A, 0x86);
    }

    Bytes read_binary(Apdu const& apdu) const
    {
        if ((apdu.p1 & 0x80U) != 0)
            return status(0x6A, 0x86); // short-EF addressing is not modelled
        if (!m_file_selected)
            return status(0x69, 0x86);
        std::size_t const offset = (static_cast<std::size_t>(apdu.p1) << 8U) | apdu.p2;
        if (offset > m_options.file_size)
            return status(0x6B, 0x00);
        if (apdu.le == 0)
            return status(0x67, 0x00);
        std::size_t const count = std::min(apdu.le, m_options.file_size - offset);
        Bytes answer;
        answer.reserve(count + 2);
        for (std::size_t i = 0; i < count; ++i)
            answer.push_back(test_file_byte(offset + i));
        if (count < apdu.le) {
            answer.push_back(0x62); // end of file reached before Le bytes
            answer.push_back(0x82);
        } else {
            answer.push_back(0x90);
            answer.push_back(0x00);
        }
        return answer;
    }

    CardOptions m_options;
    bool m_file_selected = false;
};

std::optional<Bytes> parse_hex(std::string_view text)
{
    if (text.size() % 2 != 0)
        return std::nullopt;
    Bytes bytes;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        std::uint8_t value = 0;
        auto const* first = text.data() + i;
        auto [end, error] = std::from_chars(first, first + 2, value, 16);
        if (error != std::errc() || end != first + 2)
            return std::nullopt;
        bytes.push_back(value);
    }
    return bytes;
}

std::optional<CardOptions> parse_options(std::string_view text)
{
    CardOptions options;
    while (!text.empty()) {
        auto const comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        auto const equals = item.find('=');
        if (equals == std::string_view::npos)
            return std::nullopt;
        std::string_view const key = item.substr(0, equals);
        std::string_view const value = item.substr(equals + 1);
        if (key == "size") {
            std::size_t size = 0;
            auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), size);
            if (error != std::errc() || end != value.data() + value.size() || size > MAX_FILE_SIZE)
                return std::nullopt;
            options.file_size = size;
        } else if (key == "uid") {
            auto uid = parse_hex(value);
            if (!uid || (uid->size() != 4 && uid->size() != 7))
                return std::nullopt;
            options.uid = std::move(*uid);
        } else if (key == "ext") {
            if (value != "0" && value != "1")
                return std::nullopt;
            options.extended_length = value == "1";
        } else {
            return std::nullopt;
        }
    }
    return options;
}

} // namespace

std::unique_ptr<drivers::CardEmul> make_test_card(std::string_view spec)
{
    auto const colon = spec.find(':');
    std::string_view const kind = spec.substr(0, colon);
    std::string_view const args = colon == std::string_view::npos ? std::string_view() : spec.substr(colon + 1);
    if (kind == "apdu-echo") {
        auto options = parse_options(args);
        if (!options)
            return nullptr;
        return std::make_unique<TestCard>(std::move(*options));
    }
    if (kind == "persona") {
        auto card = id::make_persona_card_from_spec(args);
        return card ? std::unique_ptr<drivers::CardEmul>(std::move(*card)) : nullptr;
    }
    if (kind == "mute" && args.empty()) {
        CardOptions options;
        options.mute = true;
        return std::make_unique<TestCard>(std::move(options));
    }
    return nullptr;
}

std::string test_card_specs() { return "apdu-echo[:size=N,uid=HEX,ext=0|1], mute, persona:NAME[,pace=0,bac=0,ext=0]"; }

} // namespace kiosk::test
