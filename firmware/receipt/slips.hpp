// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/receipt_document.hpp>

#include <string>
#include <vector>

namespace kiosk::receipt {

/// The slips' own words in the citizen's language (the UI fills them from its string
/// catalogs). An empty label leaves its line with the value alone.
struct SlipLabels {
    std::string status_title;    ///< "PHIẾU TRA CỨU HỒ SƠ"
    std::string dossier_code;    ///< "Mã hồ sơ:"
    std::string procedure;       ///< "Thủ tục:"
    std::string state;           ///< "Trạng thái:"
    std::string received;        ///< "Ngày tiếp nhận:"
    std::string due;             ///< "Ngày hẹn trả:"
    std::string next_step;       ///< "Bước tiếp theo:"
    std::string status_qr;       ///< under the slip's QR: "Quét mã để tra cứu hồ sơ"
    std::string checklist_title; ///< "HỒ SƠ CẦN CHUẨN BỊ"
    std::string procedure_code;  ///< "Mã thủ tục:"
    std::string fee;             ///< "Lệ phí:"
    std::string processing_time; ///< "Thời hạn giải quyết:"
    std::string checklist_qr;    ///< under the checklist's QR
    std::string printed_at;      ///< "In lúc"
};

/// What a dossier status slip shows. No personal data: the dossier code and the procedure.
struct StatusSlip {
    std::string center;     ///< "Trung tâm Phục vụ hành chính công tỉnh ..."
    std::string code;       ///< dossier code
    std::string procedure;  ///< procedure name
    std::string state;      ///< human state in the slip's language ("Đang xử lý")
    std::string received;   ///< date as the citizen reads it ("20/06/2025")
    std::string due;        ///< date as the citizen reads it
    std::string next_step;  ///< what the citizen does next
    std::string lookup_url; ///< encoded in the QR so a phone can follow the dossier
    std::string printed_at; ///< "01/12/2026 14:05"
    SlipLabels labels;
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
    SlipLabels labels;
};

/// The slip as a document: header, code in large bold type, facts, QR, cut. Privacy::none.
hal::ReceiptDocument compose_status_slip(StatusSlip const& slip);

/// The checklist as a document, documents numbered. Privacy::none.
hal::ReceiptDocument compose_checklist(Checklist const& checklist);

} // namespace kiosk::receipt
