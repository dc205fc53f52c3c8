// SPDX-License-Identifier: MIT
#include "ui/screens/screens.hpp"
#include "ui/widgets/label.hpp"

namespace kiosk::ui {

namespace {

class ProcedureBrowseScreen final : public Screen {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "procedure_browse"; }

    void build(ScreenHost& host) override
    {
        clear_children();
        Metrics const& m = host.metrics();
        Column column(add_chrome(*this, host, host.tr("procedures.browse_title")), m.gap);
        // Life events come from the catalog (issue 5); until it is wired in, say so.
        for (auto key : { "error.catalog_unavailable", "error.ask_counter" }) {
            auto& label = add(std::make_unique<Label>(host.tr(key), m.text_body));
            label.set_rect(column.take(label.height_for(host.fonts(), column.width())));
        }
    }
};

} // namespace

std::unique_ptr<Screen> make_procedure_browse_screen() { return std::make_unique<ProcedureBrowseScreen>(); }

} // namespace kiosk::ui
