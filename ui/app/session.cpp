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

void Session::wipe() noexcept
{
    secure_clear(search_query);
    secure_clear(dossier_code);
    secure_clear(id_digits);
    if (id_qr)
        id_qr->wipe();
    id_qr.reset();
    settings = Settings {};
    ++m_serial;
}

bool Session::empty() const noexcept
{
    return search_query.empty() && dossier_code.empty() && id_digits.empty() && !id_qr.has_value()
        && settings == Settings {};
}

} // namespace kiosk::ui
