// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/button.hpp"

#include <algorithm>

namespace kiosk::ui {

namespace {

class ProceduresScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "procedures"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Rect const content = add_chrome(*this, host, host.tr("procedures.title"));
        Column column(content, m.gap);
        // Two large choices; on a small panel in large text they share what there is (never
        // below the touch minimum).
        int const h = std::max(m.button_h, std::min(m.big_button_h, (content.h - m.gap) / 2));
        auto& search = add(std::make_unique<Button>(host.tr("procedures.search"), m.text_title, ButtonKind::primary,
            [&host] { host.navigate({ NavRequest::Kind::push, &make_procedure_search_screen }); }));
        search.set_rect(column.take(h));
        auto& browse = add(std::make_unique<Button>(host.tr("procedures.browse"), m.text_title, ButtonKind::primary,
            [&host] { host.navigate({ NavRequest::Kind::push, &make_procedure_browse_screen }); }));
        browse.set_rect(column.take(h));
    }
};

} // namespace

std::unique_ptr<Screen> make_procedures_screen() { return std::make_unique<ProceduresScreen>(); }

} // namespace kiosk::ui
