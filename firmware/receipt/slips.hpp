// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/receipt_document.hpp>

#include <string>
#include <vector>

namespace kiosk::receipt {

/// What a dossier status slip shows. No personal data: the dossier code and the procedure.
struct StatusSlip {
    std::string center;     ///< "Trung tâm Phục vụ hành chính công tỉnh ..."
    std::string code;       ///< dossier code
    std::string procedure;  ///< procedure name
    std::string state;      ///< human state in the slip's language ("Đang xử lý")
    std::string received;   ///< ISO date
    std::string due;        ///< ISO date
    std::string next_step;  ///< what the citizen does next
    std::string lookup_url; ///< encoded in the QR so a phone can follow the dossier
    std::string printed_at; ///< "2026-12-01 14:05"
};

/// A procedure checklist: what to bring for a procedure.
struct Checklist {
    std::string center;
    std::string procedure_code;
    std::string procedure;
    std::vector<std::string> documents; ///< one line each
    std::string fee;
    std::string processing_time;
    std::string lookup_url;
    std::string printed_at;
};

/// The slip as a document: header, code in large bold type, facts, QR, cut. Privacy::none.
hal::ReceiptDocument compose_status_slip(StatusSlip const& slip);

/// The checklist as a document, documents numbered. Privacy::none.
hal::ReceiptDocument compose_checklist(Checklist const& checklist);

} // namespace kiosk::receipt
