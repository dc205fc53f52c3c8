// SPDX-License-Identifier: MIT
#include "id/apdu.hpp"

namespace kiosk::id {

Result<Bytes> Apdu::encode() const
{
    if (data.size() > 65535 || (le && (*le == 0 || *le > 65536)))
        return fail(Errc::invalid_argument, "APDU data or Le out of range");
    bool const extended = data.size() > 255 || (le && *le > 256);
    Bytes out { cla, ins, p1, p2 };
    if (!data.empty()) {
        if (extended) {
            out.push_back(0x00);
            out.push_back(static_cast<std::uint8_t>(data.size() >> 8));
        }
        out.push_back(static_cast<std::uint8_t>(data.size()));
        out.insert(out.end(), data.begin(), data.end());
    }
    if (le) {
        std::size_t const value = *le;
        if (extended) {
            if (data.empty())
                out.push_back(0x00);
            // 65536 encodes as 0000; the casts drop the high bit for it.
            out.push_back(static_cast<std::uint8_t>((value >> 8) & 0xFF));
            out.push_back(static_cast<std::uint8_t>(value & 0xFF));
        } else {
            out.push_back(static_cast<std::uint8_t>(value & 0xFF));
        }
    }
    return out;
}

Result<Apdu> Apdu::parse(ByteView raw)
{
    if (raw.size() < 4)
        return fail(Errc::malformed, "APDU shorter than its header");
    Apdu apdu;
    apdu.cla = raw[0];
    apdu.ins = raw[1];
    apdu.p1 = raw[2];
    apdu.p2 = raw[3];
    ByteView const body = raw.subspan(4);
    if (body.empty())
        return apdu;
    if (body.size() == 1) { // case 2 short
        apdu.le = body[0] == 0 ? 256 : body[0];
        return apdu;
    }
    if (body[0] != 0) { // short Lc
        std::size_t const lc = body[0];
        if (body.size() == 2 + lc)
            apdu.le = body[1 + lc] == 0 ? 256 : body[1 + lc];
        else if (body.size() != 1 + lc)
            return fail(Errc::malformed, "APDU short Lc does not match its length");
        apdu.data.assign(body.begin() + 1, body.begin() + 1 + static_cast<std::ptrdiff_t>(lc));
        return apdu;
    }
    // Extended: 00 then two bytes.
    if (body.size() < 3)
        return fail(Errc::malformed, "APDU extended length truncated");
    std::size_t const first = (static_cast<std::size_t>(body[1]) << 8) | body[2];
    if (body.size() == 3) { // case 2 extended
        apdu.le = first == 0 ? 65536 : first;
        return apdu;
    }
    if (first == 0)
        return fail(Errc::malformed, "APDU extended Lc of zero");
    std::size_t const lc = first;
    if (body.size() == 5 + lc) {
        std::size_t const le = (static_cast<std::size_t>(body[3 + lc]) << 8) | body[4 + lc];
        apdu.le = le == 0 ? 65536 : le;
    } else if (body.size() != 3 + lc) {
        return fail(Errc::malformed, "APDU extended Lc does not match its length");
    }
    apdu.data.assign(body.begin() + 3, body.begin() + 3 + static_cast<std::ptrdiff_t>(lc));
    return apdu;
}

Result<Response> split_response(ByteView raw)
{
    if (raw.size() < 2)
        return fail(Errc::malformed, "response shorter than a status word");
    Response response;
    response.data.assign(raw.begin(), raw.end() - 2);
    response.status = static_cast<std::uint16_t>((raw[raw.size() - 2] << 8) | raw[raw.size() - 1]);
    return response;
}

Bytes join_response(ByteView data, std::uint16_t status)
{
    Bytes out(data.begin(), data.end());
    out.push_back(static_cast<std::uint8_t>(status >> 8));
    out.push_back(static_cast<std::uint8_t>(status & 0xFF));
    return out;
}

} // namespace kiosk::id
