// SPDX-License-Identifier: MIT
// The one file that includes ZXing's encoder. ZXing throws on input it cannot encode; the
// exception stops here.
#include "codes/qr_encoder.hpp"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include <exception>
#include <string>

namespace kiosk::codes {

namespace {

    /// MultiFormatWriter's 0..8 scale: it maps (level - 1) / 2 to L, M, Q, H.
    int zxing_level(QrErrorCorrection level)
    {
        switch (level) {
        case QrErrorCorrection::low:
            return 1;
        case QrErrorCorrection::medium:
            return 3;
        case QrErrorCorrection::quartile:
            return 5;
        case QrErrorCorrection::high:
            return 7;
        }
        return 3;
    }

    bool is_ascii(std::string_view text)
    {
        for (char c : text)
            if (static_cast<unsigned char>(c) >= 0x80)
                return false;
        return true;
    }

} // namespace

Result<hal::RasterImage> QrEncoder::encode(std::string_view payload, QrErrorCorrection level)
{
    if (payload.empty())
        return fail(Errc::invalid_argument, "QR payload is empty");
    if (payload.size() > MAX_PAYLOAD_BYTES)
        return fail(Errc::invalid_argument, "QR payload is longer than 1024 bytes");
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setMargin(0).setEccLevel(zxing_level(level));
        writer.setEncoding(is_ascii(payload) ? ZXing::CharacterSet::ISO8859_1 : ZXing::CharacterSet::UTF8);
        // Width and height 0: one pixel per module.
        ZXing::BitMatrix const matrix = writer.encode(std::string(payload), 0, 0);
        if (matrix.width() <= 0 || matrix.width() != matrix.height())
            return fail(Errc::internal, "QR encoder returned an empty matrix");
        hal::RasterImage modules(matrix.width(), matrix.height());
        for (int y = 0; y < matrix.height(); ++y)
            for (int x = 0; x < matrix.width(); ++x)
                if (matrix.get(x, y))
                    modules.set_dot(x, y);
        return modules;
    } catch (std::exception const&) {
        return fail(Errc::invalid_argument, "QR payload does not fit a QR code");
    }
}

} // namespace kiosk::codes
