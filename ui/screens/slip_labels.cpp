// SPDX-License-Identifier: MIT
#include "ui/screens/slip_labels.hpp"

namespace kiosk::ui {

receipt::SlipLabels slip_labels(ScreenHost& host)
{
    receipt::SlipLabels labels;
    labels.status_title = host.tr("slip.status_title");
    labels.dossier_code = host.tr("slip.dossier_code");
    labels.procedure = host.tr("slip.procedure");
    labels.state = host.tr("slip.state");
    labels.received = host.tr("slip.received");
    labels.due = host.tr("slip.due");
    labels.next_step = host.tr("slip.next_step");
    labels.status_qr = host.tr("slip.status_qr");
    labels.checklist_title = host.tr("slip.checklist_title");
    labels.procedure_code = host.tr("slip.procedure_code");
    labels.fee = host.tr("slip.fee");
    labels.processing_time = host.tr("slip.processing_time");
    labels.checklist_qr = host.tr("slip.checklist_qr");
    labels.printed_at = host.tr("slip.printed_at");
    return labels;
}

} // namespace kiosk::ui
