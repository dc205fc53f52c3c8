// SPDX-License-Identifier: MIT
#include "ui/app/chip_flow.hpp"

#include "ui/app/session.hpp"

#include <algorithm>

namespace kiosk::ui {

double CardReadState::fraction() const noexcept
{
    if (phase == CardReadPhase::done)
        return 1.0;
    if (files_total <= 0)
        return 0.0;
    double const done = static_cast<double>(files_done) + std::clamp(file_fraction, 0.0, 1.0);
    return std::clamp(done / static_cast<double>(files_total), 0.0, 1.0);
}

void wipe_bytes(Bytes& bytes) noexcept
{
    // Through a volatile pointer so the compiler cannot drop the stores.
    bytes.resize(bytes.capacity());
    volatile std::uint8_t* data = bytes.data();
    for (std::size_t i = 0; i < bytes.size(); ++i)
        data[i] = 0;
    bytes.clear();
}

void wipe_card(CitizenCard& card) noexcept
{
    for (std::string* text :
        { &card.full_name, &card.id_number, &card.birth_date, &card.expiry_date, &card.sex, &card.place_of_residence })
        secure_clear(*text);
    if (card.photo)
        wipe_bytes(card.photo->rgb);
    card.photo.reset();
    wipe_bytes(card.sod);
    wipe_bytes(card.dg13);
    card = CitizenCard {};
}

void ChipFlow::wipe() noexcept
{
    if (card)
        wipe_card(*card);
    card.reset();
    for (auto& dossier : dossiers.list)
        secure_clear(dossier);
    dossiers = CitizenDossiers {};
    secure_clear(read.error_key);
    secure_clear(read.advice_key);
    read = CardReadState {};
}

bool ChipFlow::empty() const noexcept
{
    return !card.has_value() && dossiers.list.empty() && !dossiers.loaded && !dossiers.loading
        && read.phase == CardReadPhase::idle;
}

} // namespace kiosk::ui
