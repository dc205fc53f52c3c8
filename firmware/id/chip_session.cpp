// SPDX-License-Identifier: MIT
#include "id/chip_session.hpp"

#include "id/crypto.hpp"

#include <utility>

namespace kiosk::id {

std::string_view lds_file_name(LdsFile file) noexcept
{
    switch (file) {
    case LdsFile::com:
        return "EF.COM";
    case LdsFile::sod:
        return "EF.SOD";
    case LdsFile::dg1:
        return "DG1";
    case LdsFile::dg2:
        return "DG2";
    case LdsFile::dg13:
        return "DG13";
    case LdsFile::dg14:
        return "DG14";
    case LdsFile::dg15:
        return "DG15";
    }
    return "DG";
}

std::string_view access_protocol_name(AccessProtocol protocol) noexcept
{
    return protocol == AccessProtocol::pace ? "pace" : "bac";
}

ChipSession::ChipSession(ChipSession&& other) noexcept
    : protocol(other.protocol)
    , apdus(other.apdus)
    , bytes_read(other.bytes_read)
    , resumes(other.resumes)
    , elapsed(other.elapsed)
    , m_files(std::move(other.m_files))
{
    other.wipe();
}

ChipSession& ChipSession::operator=(ChipSession&& other) noexcept
{
    if (this != &other) {
        wipe();
        protocol = other.protocol;
        apdus = other.apdus;
        bytes_read = other.bytes_read;
        resumes = other.resumes;
        elapsed = other.elapsed;
        m_files = std::move(other.m_files);
        other.wipe();
    }
    return *this;
}

ChipSession::~ChipSession() { wipe(); }

Bytes const* ChipSession::file(LdsFile which) const noexcept
{
    auto const found = m_files.find(which);
    return found == m_files.end() ? nullptr : &found->second;
}

void ChipSession::set_file(LdsFile which, Bytes content)
{
    auto& slot = m_files[which];
    crypto::wipe(slot);
    slot = std::move(content);
}

void ChipSession::wipe() noexcept
{
    for (auto& [which, content] : m_files)
        crypto::wipe(content);
    m_files.clear();
}

} // namespace kiosk::id
