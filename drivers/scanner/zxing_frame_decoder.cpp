// SPDX-License-Identifier: MIT
// The one file that includes ZXing-cpp's reader. ZXing may throw (std::bad_alloc, and
// std::exception from inside its decoders): caught here and turned into Errc::internal.
#include "scanner/zxing_frame_decoder.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <optional>
#include <span>

// ZXing-cpp 1.4: text() returns UTF-8 std::string with this set.
#define ZX_USE_UTF8 1 // NOLINT(cppcoreguidelines-macro-usage)
#include <ZXing/ReadBarcode.h>

namespace kiosk::drivers {

namespace {

    /// Larger regions are not enlarged: their modules are big enough, and 4x the pixels would
    /// cost more than the pass can win.
    constexpr int MAX_UPSCALE_SIDE_PX = 1280;
    /// Regions at least this tall (720p and up) are tried at half size first.
    constexpr int LARGE_SIDE_PX = 600;
    /// Smaller regions are not reduced: nothing would be left to find.
    constexpr int MIN_DOWNSCALE_SIDE_PX = 160;

    /// A grayscale image owned by a pass (rescaled copies of the region).
    struct GrayImage {
        int width = 0;
        int height = 0;
        std::vector<std::uint8_t> pixels;
    };

    hal::CodeFormat to_code_format(ZXing::BarcodeFormat format)
    {
        switch (format) {
        case ZXing::BarcodeFormat::QRCode:
            return hal::CodeFormat::qr_code;
        case ZXing::BarcodeFormat::Code128:
            return hal::CodeFormat::code_128;
        case ZXing::BarcodeFormat::PDF417:
            return hal::CodeFormat::pdf417;
        case ZXing::BarcodeFormat::DataMatrix:
            return hal::CodeFormat::data_matrix;
        default:
            return hal::CodeFormat::other;
        }
    }

    ZXing::BarcodeFormats formats_of(DecoderOptions const& options)
    {
        ZXing::BarcodeFormats formats;
        if (options.qr_code)
            formats |= ZXing::BarcodeFormat::QRCode;
        if (options.code_128)
            formats |= ZXing::BarcodeFormat::Code128;
        if (options.pdf417)
            formats |= ZXing::BarcodeFormat::PDF417;
        if (options.data_matrix)
            formats |= ZXing::BarcodeFormat::DataMatrix;
        return formats;
    }

    /// 2x enlargement, bilinear with the pixel centres aligned (weights 3/4 and 1/4), in
    /// integers: a 2-px module becomes 4 px with soft edges the binarizer can split.
    GrayImage upscale_2x(ZXing::ImageView const& view)
    {
        int const w = view.width();
        int const h = view.height();
        GrayImage out { w * 2, h * 2, {} };
        out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
        // Horizontal pass into 16-bit rows (x4), then vertical (x4 again), rounded /16.
        std::vector<std::uint16_t> wide(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(h));
        for (int y = 0; y < h; ++y) {
            std::uint8_t const* src = view.data(0, y);
            std::uint16_t* dst = wide.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width);
            for (int x = 0; x < w; ++x) {
                unsigned const c = src[x];
                unsigned const l = src[std::max(x - 1, 0)];
                unsigned const r = src[std::min(x + 1, w - 1)];
                auto const out_x = static_cast<std::size_t>(x) * 2U;
                dst[out_x] = static_cast<std::uint16_t>(3 * c + l);
                dst[out_x + 1] = static_cast<std::uint16_t>(3 * c + r);
            }
        }
        auto const row = [&](int y) {
            return wide.data() + static_cast<std::size_t>(std::clamp(y, 0, h - 1)) * static_cast<std::size_t>(out.width);
        };
        for (int y = 0; y < h; ++y) {
            std::uint16_t const* c = row(y);
            std::uint16_t const* up = row(y - 1);
            std::uint16_t const* down = row(y + 1);
            std::uint8_t* even = out.pixels.data() + static_cast<std::size_t>(2 * y) * static_cast<std::size_t>(out.width);
            std::uint8_t* odd = even + out.width;
            for (int x = 0; x < out.width; ++x) {
                even[x] = static_cast<std::uint8_t>((3U * c[x] + up[x] + 8U) / 16U);
                odd[x] = static_cast<std::uint8_t>((3U * c[x] + down[x] + 8U) / 16U);
            }
        }
        return out;
    }

    /// 2x reduction by averaging 2x2 blocks: halves the module size and sensor noise.
    GrayImage downscale_2x(ZXing::ImageView const& view)
    {
        GrayImage out { view.width() / 2, view.height() / 2, {} };
        out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
        for (int y = 0; y < out.height; ++y) {
            std::uint8_t const* a = view.data(0, 2 * y);
            std::uint8_t const* b = view.data(0, 2 * y + 1);
            std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width);
            for (std::size_t x = 0; x < static_cast<std::size_t>(out.width); ++x)
                dst[x] = static_cast<std::uint8_t>((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2U) / 4U);
        }
        return out;
    }

    ZXing::ImageView view_of(GrayImage const& image)
    {
        return { image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum };
    }

    /// Runs one ZXing pass; appends valid codes (corners mapped back to frame pixels with
    /// @p scale_num / @p scale_den and the region's origin).
    std::vector<DecodedCode> read(ZXing::ImageView const& view, ZXing::DecodeHints const& hints, PixelRect const& region,
        int scale_num, int scale_den)
    {
        std::vector<DecodedCode> codes;
        for (auto const& result : ZXing::ReadBarcodes(view, hints)) {
            if (!result.isValid())
                continue;
            DecodedCode code;
            code.text = result.text();
            code.format = to_code_format(result.format());
            auto const& position = result.position();
            for (std::size_t i = 0; i < 4; ++i) {
                auto const point = position[static_cast<int>(i)];
                code.corners.at(i) = PixelPoint { region.x + point.x * scale_num / scale_den,
                    region.y + point.y * scale_num / scale_den };
            }
            // The same symbol can be reported twice (a 1D code on several scan lines).
            bool const seen = std::any_of(codes.begin(), codes.end(),
                [&](DecodedCode const& other) { return other.text == code.text && other.format == code.format; });
            if (!seen)
                codes.push_back(std::move(code));
        }
        return codes;
    }

} // namespace

ZxingFrameDecoder::ZxingFrameDecoder(DecoderOptions options)
    : m_options(options)
{
}

Result<DecodeResult> ZxingFrameDecoder::decode(hal::Frame const& frame) const
{
    auto const width = frame.size.width;
    auto const height = frame.size.height;
    if (width <= 0 || height <= 0 || frame.stride < width)
        return fail(Errc::invalid_argument, "decoding a frame: bad size or stride");
    auto const needed = static_cast<std::size_t>(frame.stride) * static_cast<std::size_t>(height - 1)
        + static_cast<std::size_t>(width);
    if (frame.pixels.size() < needed)
        return fail(Errc::invalid_argument, "decoding a frame: fewer pixels than its size says");

    PixelRect region { 0, 0, width, height };
    if (m_options.region) {
        auto const& r = *m_options.region;
        int const x0 = std::clamp(r.x, 0, width);
        int const y0 = std::clamp(r.y, 0, height);
        int const x1 = std::clamp(r.x + std::max(r.width, 0), x0, width);
        int const y1 = std::clamp(r.y + std::max(r.height, 0), y0, height);
        region = { x0, y0, x1 - x0, y1 - y0 };
        if (region.width == 0 || region.height == 0)
            return DecodeResult {};
    }
    auto const formats = formats_of(m_options);
    if (formats.empty())
        return DecodeResult {};

    try {
        ZXing::ImageView const view(frame.pixels.data() + static_cast<std::size_t>(region.y) * static_cast<std::size_t>(frame.stride)
                + static_cast<std::size_t>(region.x),
            region.width, region.height, ZXing::ImageFormat::Lum, frame.stride);

        // Measured on the generated frame set (tests/scan, scan_bench): tryHarder and
        // tryRotate cost 2-3x and won nothing the fallback passes did not win more cheaply
        // (2D detectors find rotated symbols without them); stopping at the first symbol
        // (max_codes 1) saves a third. Code 128 turned by 90 degrees is looked for in the
        // global-binarizer pass only.
        ZXing::DecodeHints hints;
        hints.setFormats(formats);
        hints.setTryHarder(false);
        hints.setTryRotate(false);
        hints.setTryDownscale(false);
        hints.setMaxNumberOfSymbols(static_cast<std::uint8_t>(std::clamp(m_options.max_codes, 1, 255)));
        hints.setBinarizer(ZXing::Binarizer::LocalAverage);
        ZXing::DecodeHints global = hints;
        global.setBinarizer(ZXing::Binarizer::GlobalHistogram);
        global.setTryRotate(m_options.code_128);

        DecodeResult result;
        auto const found = [&](std::vector<DecodedCode> codes, DecodePass pass) {
            if (codes.empty())
                return false;
            result.codes = std::move(codes);
            result.pass = pass;
            return true;
        };
        bool const large = std::min(region.width, region.height) >= LARGE_SIDE_PX;
        std::optional<GrayImage> smaller;
        if (large) {
            // 720p and up: most codes have modules of 4 px or more, found 3x faster at half size.
            smaller = downscale_2x(view);
            if (found(read(view_of(*smaller), hints, region, 2, 1), DecodePass::downscaled))
                return result;
        }
        if (found(read(view, hints, region, 1, 1), DecodePass::primary) || !m_options.fallback_passes)
            return result;
        if (found(read(view, global, region, 1, 1), DecodePass::global_binarizer))
            return result;
        if (std::max(region.width, region.height) <= MAX_UPSCALE_SIDE_PX) {
            GrayImage const larger = upscale_2x(view);
            if (found(read(view_of(larger), hints, region, 1, 2), DecodePass::upscaled))
                return result;
        }
        if (!large && std::min(region.width, region.height) >= MIN_DOWNSCALE_SIDE_PX) {
            smaller = downscale_2x(view);
            if (found(read(view_of(*smaller), hints, region, 2, 1), DecodePass::downscaled))
                return result;
        }
        return result;
    } catch (std::bad_alloc const&) {
        return fail(Errc::internal, "decoding a frame: out of memory");
    } catch (std::exception const&) {
        return fail(Errc::internal, "decoding a frame: ZXing failed");
    }
}

char const* decode_pass_name(DecodePass pass) noexcept
{
    switch (pass) {
    case DecodePass::none:
        return "none";
    case DecodePass::primary:
        return "primary";
    case DecodePass::global_binarizer:
        return "global_binarizer";
    case DecodePass::upscaled:
        return "upscaled";
    case DecodePass::downscaled:
        return "downscaled";
    }
    return "none";
}

} // namespace kiosk::drivers
