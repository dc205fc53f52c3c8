// SPDX-License-Identifier: MIT
#include "ui/app/session.hpp"

#include <cstring>

namespace kiosk::ui {

void secure_clear(std::string& text) noexcept
{
    // Write through a volatile pointer so the compiler cannot drop the stores.
    text.resize(text.capacity());
    volatile char* bytes = text.data();
    for (std::size_t i = 0; i < text.size(); ++i)
        bytes[i] = 0;
    text.clear();
}

void secure_clear(status::Dossier& dossier) noexcept
{
    for (std::string* text : { &dossier.code, &dossier.receipt_number, &dossier.procedure_code,
             &dossier.procedure_name, &dossier.receiving_agency, &dossier.handling_agency, &dossier.owner_id,
             &dossier.owner_name })
        secure_clear(*text);
    for (auto& document : dossier.documents_requested)
        secure_clear(document);
    for (auto& step : dossier.timeline) {
        secure_clear(step.agency);
        secure_clear(step.note);
    }
    dossier = status::Dossier {};
}

void Session::wipe() noexcept
{
    secure_clear(search_query);
    secure_clear(dossier_code);
    secure_clear(id_digits);
    secure_clear(procedure_code);
    secure_clear(procedure_group);
    procedure_browse_fields = false;
    if (id_qr)
        id_qr->wipe();
    id_qr.reset();
    if (dossier_result) {
        secure_clear(dossier_result->dossier);
        if (dossier_result->live_failure)
            secure_clear(dossier_result->live_failure->reason);
    }
    dossier_result.reset();
    chip.wipe();
    settings = Settings {};
    ++m_serial;
}

bool Session::empty() const noexcept
{
    return search_query.empty() && dossier_code.empty() && id_digits.empty() && !id_qr.has_value() && chip.empty()
        && procedure_code.empty() && procedure_group.empty() && !procedure_browse_fields
        && !dossier_result.has_value()
        && settings == Settings {};
}

} // namespace kiosk::ui
