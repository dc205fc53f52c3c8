// SPDX-License-Identifier: MIT
#pragma once

#include <kiosk/hal/camera.hpp>
#include <kiosk/hal/code_scanner.hpp>
#include <kiosk/hal/result.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::drivers {

/// A rectangle in frame pixels.
struct PixelRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    friend bool operator==(PixelRect const&, PixelRect const&) = default;
};

/// A point in frame pixels.
struct PixelPoint {
    int x = 0;
    int y = 0;
};

/// One code found in a frame. The text may be personal data (an ID card's QR): never log it.
struct DecodedCode {
    std::string text;
    hal::CodeFormat format = hal::CodeFormat::qr_code;
    /// Corners in frame pixels: top-left, top-right, bottom-right, bottom-left of the symbol.
    std::array<PixelPoint, 4> corners {};
};

/// Which passes found the codes of one decode() call, for tuning and benchmarks.
enum class DecodePass {
    none,          ///< nothing found
    primary,       ///< local-average binarizer on the frame (or region)
    global_binarizer, ///< global-histogram binarizer (blur, low contrast)
    upscaled,      ///< the frame enlarged 2x (modules of about 2 px)
    downscaled,    ///< the frame reduced 2x by averaging (720p first pass; noise, very large modules)
};

/// What a frame yielded.
struct DecodeResult {
    std::vector<DecodedCode> codes;
    DecodePass pass = DecodePass::none;
};

/// Tuning of ZxingFrameDecoder.
struct DecoderOptions {
    /// Where codes are looked for (the part of the frame the window shows); empty = whole frame.
    /// Clipped to the frame.
    std::optional<PixelRect> region;
    /// Symbologies looked for: QR, Code 128, PDF417, Data Matrix by default.
    bool qr_code = true;
    bool code_128 = true;
    bool pdf417 = true;
    bool data_matrix = true;
    /// Whether the fallback passes (second binarizer, rescaling) run when the first finds
    /// nothing. Off = one fast pass only.
    bool fallback_passes = true;
    /// Stop after this many symbols in a frame (1..255). One is what a citizen shows, and
    /// stopping there is a third faster.
    int max_codes = 1;
};

/// Grayscale frame -> decoded codes, with ZXing-cpp (the one file including its reader).
/// Pure: no I/O, no state between calls; decode() is const and safe to call from several
/// threads at once. Never throws.
///
/// Passes, stopping at the first that finds a code (so a clean frame costs one pass):
/// 0. regions 600 px tall or more (720p): first at half size (2x2 averaging);
/// 1. local-average (hybrid) binarizer on the region, no rotation search for 2D codes;
/// 2. global-histogram binarizer (copes better with blur and flat contrast);
/// 3. the region enlarged 2x (bilinear) when no side exceeds 1280 px, for ~2 px modules;
/// 4. smaller regions: reduced 2x by 2x2 averaging, which also averages sensor noise away.
class ZxingFrameDecoder {
public:
    explicit ZxingFrameDecoder(DecoderOptions options = {});

    /// Decodes @p frame (8-bit gray, stride >= width). CPU-bound, a few ms per VGA frame.
    /// @return the codes found (empty when none), Errc::invalid_argument when the frame's size,
    ///         stride or pixel count are inconsistent, Errc::internal if ZXing failed.
    [[nodiscard]] Result<DecodeResult> decode(hal::Frame const& frame) const;

    [[nodiscard]] DecoderOptions const& options() const noexcept { return m_options; }

private:
    DecoderOptions m_options;
};

/// Snake-case name of a pass ("global_binarizer"), for benchmarks and the bench CLI.
char const* decode_pass_name(DecodePass pass) noexcept;

} // namespace kiosk::drivers
