// SPDX-License-Identifier: MIT
// DG2 container and face image codecs. The only file that calls libjpeg and openjpeg.
#include "id/dg2.hpp"

#include "id/tlv.hpp"
#include "id/wipe.hpp"

#include <algorithm>
#include <array>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <jpeglib.h>
#include <openjpeg.h>

namespace kiosk::id {

namespace {

constexpr int MAX_SIDE = 4096;
constexpr std::array<std::uint8_t, 3> JPEG_MAGIC { 0xFF, 0xD8, 0xFF };
constexpr std::array<std::uint8_t, 12> JP2_MAGIC { 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A };
constexpr std::array<std::uint8_t, 4> J2K_MAGIC { 0xFF, 0x4F, 0xFF, 0x51 };

std::uint32_t be32(ByteView bytes, std::size_t at)
{
    return (std::uint32_t { bytes[at] } << 24U) | (std::uint32_t { bytes[at + 1] } << 16U)
        | (std::uint32_t { bytes[at + 2] } << 8U) | bytes[at + 3];
}
std::uint16_t be16(ByteView bytes, std::size_t at)
{
    return static_cast<std::uint16_t>((bytes[at] << 8U) | bytes[at + 1]);
}
void put16(Bytes& out, std::uint32_t value)
{
    out.push_back(static_cast<std::uint8_t>(value >> 8U));
    out.push_back(static_cast<std::uint8_t>(value));
}
void put32(Bytes& out, std::uint32_t value)
{
    put16(out, value >> 16U);
    put16(out, value & 0xFFFFU);
}

// An element with its length in the 0x82 form (two bytes) whenever it fits, as passports
// write their DG2 (BER allows it; see build_dg2()).
void append_long_form_tlv(Bytes& out, std::uint32_t tag_number, ByteView value)
{
    if (value.size() > 0xFFFF) {
        append_tlv(out, tag_number, value);
        return;
    }
    append_tag(out, tag_number);
    out.push_back(0x82);
    put16(out, static_cast<std::uint32_t>(value.size()));
    out.insert(out.end(), value.begin(), value.end());
}

template <std::size_t N>
bool starts_with(ByteView bytes, std::array<std::uint8_t, N> const& magic)
{
    return bytes.size() >= N && std::equal(magic.begin(), magic.end(), bytes.begin());
}

// The image inside an ISO/IEC 39794-5 block (or any block we cannot walk): from the first
// JPEG or JPEG 2000 signature to the end of the block.
Result<FaceImageData> find_image_by_signature(ByteView block)
{
    for (std::size_t i = 0; i < block.size(); ++i) {
        ByteView const rest = block.subspan(i);
        FaceImageData face;
        if (starts_with(rest, JPEG_MAGIC)) {
            face.format = FaceFormat::jpeg;
        } else if (starts_with(rest, JP2_MAGIC) || starts_with(rest, J2K_MAGIC)) {
            face.format = FaceFormat::jpeg2000;
        } else {
            continue;
        }
        // In DER, the image is the value of a primitive element: cut it to that element.
        face.image.assign(rest.begin(), rest.end());
        return face;
    }
    return fail(Errc::malformed, "DG2: no JPEG or JPEG 2000 image in the biometric data block");
}

// ISO/IEC 19794-5:2005 facial record: 14-byte general header, 20-byte facial information,
// 8 bytes per feature point, 12-byte image information, then the image.
Result<FaceImageData> parse_19794_5(ByteView block)
{
    if (block.size() < 14 || block[0] != 'F' || block[1] != 'A' || block[2] != 'C' || block[3] != 0)
        return fail(Errc::malformed, "DG2: biometric data block is not an ISO 19794-5 face record");
    std::uint32_t const record_length = be32(block, 8);
    if (record_length > block.size() || record_length < 14 + 32)
        return fail(Errc::malformed, "DG2: face record length beyond the block");
    ByteView const record = block.first(record_length);
    if (be16(record, 12) == 0)
        return fail(Errc::malformed, "DG2: face record with no face");
    ByteView const face_block = record.subspan(14);
    std::uint32_t const face_length = be32(face_block, 0);
    std::size_t const feature_points = be16(face_block, 4);
    std::size_t const image_info = 20 + feature_points * 8;
    if (face_length > face_block.size() || face_length < image_info + 12)
        return fail(Errc::malformed, "DG2: facial information length beyond the record");
    ByteView const info = face_block.subspan(image_info, 12);
    FaceImageData face;
    std::uint8_t const data_type = info[1];
    if (data_type == 0)
        face.format = FaceFormat::jpeg;
    else if (data_type == 1)
        face.format = FaceFormat::jpeg2000;
    else
        return fail(Errc::malformed, "DG2: image data type is neither JPEG nor JPEG 2000");
    face.width = be16(info, 2);
    face.height = be16(info, 4);
    ByteView const image = face_block.subspan(image_info + 12, face_length - image_info - 12);
    if (image.empty())
        return fail(Errc::malformed, "DG2: empty face image");
    face.image.assign(image.begin(), image.end());
    return face;
}

// libjpeg reports fatal errors through error_exit, which must not return: jump back.
struct JpegError {
    jpeg_error_mgr manager;
    std::jmp_buf jump;
};

void jpeg_error_exit(j_common_ptr info)
{
    auto* error = reinterpret_cast<JpegError*>(info->err);
    std::longjmp(error->jump, 1);
}
void jpeg_silent(j_common_ptr /*info*/, int /*level*/) { }
void jpeg_silent_output(j_common_ptr /*info*/) { }

// Kept free of objects with destructors between setjmp and the last libjpeg call.
bool decode_jpeg(ByteView image, FacePixels& out)
{
    jpeg_decompress_struct info {};
    JpegError error {};
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = jpeg_error_exit;
    error.manager.emit_message = jpeg_silent;
    error.manager.output_message = jpeg_silent_output;
    if (setjmp(error.jump) != 0) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, image.data(), static_cast<unsigned long>(image.size()));
    if (jpeg_read_header(&info, TRUE) != JPEG_HEADER_OK || info.image_width == 0 || info.image_height == 0
        || info.image_width > MAX_SIDE || info.image_height > MAX_SIDE) {
        jpeg_destroy_decompress(&info);
        return false;
    }
    info.out_color_space = info.num_components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&info);
    out.width = static_cast<int>(info.output_width);
    out.height = static_cast<int>(info.output_height);
    out.channels = info.output_components;
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height)
        * static_cast<std::size_t>(out.channels));
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = out.pixels.data()
            + static_cast<std::size_t>(info.output_scanline) * static_cast<std::size_t>(out.width)
                * static_cast<std::size_t>(out.channels);
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return true;
}

// openjpeg streams over memory.
struct MemoryStream {
    ByteView input;
    Bytes* output = nullptr;
    std::size_t position = 0;
};

OPJ_SIZE_T stream_read(void* buffer, OPJ_SIZE_T count, void* user)
{
    auto* stream = static_cast<MemoryStream*>(user);
    if (stream->position >= stream->input.size())
        return static_cast<OPJ_SIZE_T>(-1);
    std::size_t const n = std::min<std::size_t>(count, stream->input.size() - stream->position);
    std::memcpy(buffer, stream->input.data() + stream->position, n);
    stream->position += n;
    return n;
}
OPJ_SIZE_T stream_write(void* buffer, OPJ_SIZE_T count, void* user)
{
    auto* stream = static_cast<MemoryStream*>(user);
    if (stream->output->size() < stream->position + count)
        stream->output->resize(stream->position + count);
    std::memcpy(stream->output->data() + stream->position, buffer, count);
    stream->position += count;
    return count;
}
std::size_t stream_size(MemoryStream const* stream)
{
    return stream->output != nullptr ? stream->output->size() : stream->input.size();
}
OPJ_OFF_T stream_skip(OPJ_OFF_T count, void* user)
{
    auto* stream = static_cast<MemoryStream*>(user);
    auto const target = static_cast<OPJ_OFF_T>(stream->position) + count;
    if (target < 0 || (stream->output == nullptr && static_cast<std::size_t>(target) > stream_size(stream)))
        return -1;
    stream->position = static_cast<std::size_t>(target);
    return count;
}
OPJ_BOOL stream_seek(OPJ_OFF_T offset, void* user)
{
    auto* stream = static_cast<MemoryStream*>(user);
    if (offset < 0 || (stream->output == nullptr && static_cast<std::size_t>(offset) > stream_size(stream)))
        return OPJ_FALSE;
    stream->position = static_cast<std::size_t>(offset);
    return OPJ_TRUE;
}
void opj_silent(char const* /*message*/, void* /*user*/) { }

struct OpjStreamFree {
    void operator()(opj_stream_t* stream) const noexcept { opj_stream_destroy(stream); }
};
struct OpjCodecFree {
    void operator()(opj_codec_t* codec) const noexcept { opj_destroy_codec(codec); }
};
struct OpjImageFree {
    void operator()(opj_image_t* image) const noexcept { opj_image_destroy(image); }
};
using OpjStream = std::unique_ptr<opj_stream_t, OpjStreamFree>;
using OpjCodec = std::unique_ptr<opj_codec_t, OpjCodecFree>;
using OpjImage = std::unique_ptr<opj_image_t, OpjImageFree>;

OpjStream make_stream(MemoryStream& memory, bool input)
{
    OpjStream stream(opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, input ? OPJ_TRUE : OPJ_FALSE));
    if (!stream)
        return stream;
    opj_stream_set_user_data(stream.get(), &memory, nullptr);
    if (input) {
        opj_stream_set_user_data_length(stream.get(), memory.input.size());
        opj_stream_set_read_function(stream.get(), stream_read);
    } else {
        opj_stream_set_write_function(stream.get(), stream_write);
    }
    opj_stream_set_skip_function(stream.get(), stream_skip);
    opj_stream_set_seek_function(stream.get(), stream_seek);
    return stream;
}

void silence(opj_codec_t* codec)
{
    opj_set_info_handler(codec, opj_silent, nullptr);
    opj_set_warning_handler(codec, opj_silent, nullptr);
    opj_set_error_handler(codec, opj_silent, nullptr);
}

bool decode_jpeg2000(ByteView image, FacePixels& out)
{
    MemoryStream memory { image, nullptr, 0 };
    OpjStream stream = make_stream(memory, true);
    OpjCodec codec(opj_create_decompress(starts_with(image, J2K_MAGIC) ? OPJ_CODEC_J2K : OPJ_CODEC_JP2));
    if (!stream || !codec)
        return false;
    silence(codec.get());
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (opj_setup_decoder(codec.get(), &parameters) == OPJ_FALSE)
        return false;
    opj_image_t* raw = nullptr;
    if (opj_read_header(stream.get(), codec.get(), &raw) == OPJ_FALSE) {
        opj_image_destroy(raw);
        return false;
    }
    OpjImage decoded(raw);
    if (decoded->numcomps == 0 || decoded->x1 <= decoded->x0 || decoded->y1 <= decoded->y0
        || decoded->x1 - decoded->x0 > MAX_SIDE || decoded->y1 - decoded->y0 > MAX_SIDE)
        return false;
    if (opj_decode(codec.get(), stream.get(), decoded.get()) == OPJ_FALSE
        || opj_end_decompress(codec.get(), stream.get()) == OPJ_FALSE)
        return false;
    int const channels = decoded->numcomps >= 3 ? 3 : 1;
    opj_image_comp_t const& first = decoded->comps[0];
    int const width = static_cast<int>(first.w);
    int const height = static_cast<int>(first.h);
    if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE)
        return false;
    for (int c = 0; c < channels; ++c) {
        auto const& comp = decoded->comps[c];
        if (comp.w != first.w || comp.h != first.h || comp.data == nullptr || comp.prec == 0 || comp.prec > 16)
            return false; // subsampled chroma is not a face image we expect
    }
    out.width = width;
    out.height = height;
    out.channels = channels;
    out.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * static_cast<std::size_t>(channels));
    for (int c = 0; c < channels; ++c) {
        auto const& comp = decoded->comps[c];
        int const shift = static_cast<int>(comp.prec) - 8;
        int const offset = comp.sgnd != 0 ? 1 << (comp.prec - 1) : 0;
        for (std::size_t i = 0; i < static_cast<std::size_t>(width) * static_cast<std::size_t>(height); ++i) {
            int value = comp.data[i] + offset;
            value = shift > 0 ? value >> shift : value << -shift;
            out.pixels[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)]
                = static_cast<std::uint8_t>(std::clamp(value, 0, 255));
        }
    }
    return true;
}

} // namespace

FaceImageData::~FaceImageData() { wipe_bytes(image); }
FacePixels::~FacePixels() { wipe_bytes(pixels); }

Result<FaceImageData> parse_dg2(ByteView file)
{
    auto const dg2 = KIOSK_TRY(parse_single(file));
    if (dg2.tag != 0x75)
        return fail(Errc::malformed, "DG2: tag is not 0x75");
    auto const group = KIOSK_TRY(find(dg2.value, 0x7F61));
    TlvReader templates(group.value);
    while (auto entry = KIOSK_TRY(templates.next())) {
        if (entry->tag != 0x7F60)
            continue;
        TlvReader parts(entry->value);
        while (auto part = KIOSK_TRY(parts.next())) {
            if (part->tag == 0x5F2E) {
                // Some issuers put a 39794-like block under 5F2E: fall back on the signature.
                auto face = parse_19794_5(part->value);
                if (face)
                    return face;
                return find_image_by_signature(part->value);
            }
            if (part->tag == 0x7F2E)
                return find_image_by_signature(part->value);
        }
    }
    return fail(Errc::malformed, "DG2: no biometric data block");
}

Result<FacePixels> decode_face_image(FaceImageData const& face)
{
    FacePixels out;
    ByteView const image { face.image.data(), face.image.size() };
    bool const ok = face.format == FaceFormat::jpeg ? decode_jpeg(image, out) : decode_jpeg2000(image, out);
    if (!ok)
        return fail(Errc::malformed, face.format == FaceFormat::jpeg ? "DG2: JPEG does not decode" : "DG2: JPEG 2000 does not decode");
    return out;
}

Bytes build_dg2(FaceFormat format, ByteView image, std::uint16_t width, std::uint16_t height)
{
    // ISO/IEC 19794-5 record: general header, facial information (no feature points),
    // image information, image.
    Bytes face;
    put32(face, static_cast<std::uint32_t>(20 + 12 + image.size())); // facial record data length
    put16(face, 0);                                                   // feature points
    face.push_back(0);                                                // gender unspecified
    face.push_back(0);                                                // eye colour
    face.push_back(0);                                                // hair colour
    face.insert(face.end(), { 0, 0, 0 });                             // property mask
    put16(face, 0);                                                   // expression
    face.insert(face.end(), { 0, 0, 0, 0, 0, 0 });                    // pose angle and uncertainty
    face.push_back(1);                                                // face image type: full frontal
    face.push_back(format == FaceFormat::jpeg ? 0 : 1);               // image data type
    put16(face, width);
    put16(face, height);
    face.push_back(1);          // colour space: sRGB
    face.push_back(2);          // source type: digital still camera
    put16(face, 0);             // device type
    put16(face, 0);             // quality
    face.insert(face.end(), image.begin(), image.end());
    Bytes record { 'F', 'A', 'C', 0, '0', '1', '0', 0 };
    put32(record, static_cast<std::uint32_t>(14 + face.size()));
    put16(record, 1);
    record.insert(record.end(), face.begin(), face.end());

    // The layout of typical passports, which simple readers rely on (Debian's mrtdreader
    // takes the image data type from byte 73 and looks for the image in the first 120
    // bytes): a 14-byte biometric header (type face, subtype none, format owner ISO/IEC JTC 1
    // SC 37, format type face image) and two-byte long-form lengths on the four outer
    // elements, so the image information starts at byte 72 and the image at byte 84.
    Bytes header;
    append_tlv(header, 0x81, ByteView(std::array<std::uint8_t, 1> { 0x02 }));
    append_tlv(header, 0x82, ByteView(std::array<std::uint8_t, 1> { 0x00 }));
    append_tlv(header, 0x87, ByteView(std::array<std::uint8_t, 2> { 0x01, 0x01 }));
    append_tlv(header, 0x88, ByteView(std::array<std::uint8_t, 2> { 0x00, 0x08 }));
    Bytes info;
    append_tlv(info, 0xA1, ByteView { header.data(), header.size() });
    append_long_form_tlv(info, 0x5F2E, ByteView { record.data(), record.size() });
    Bytes group = encode_unsigned(1);
    append_long_form_tlv(group, 0x7F60, ByteView { info.data(), info.size() });
    Bytes group_element;
    append_long_form_tlv(group_element, 0x7F61, ByteView { group.data(), group.size() });
    Bytes out;
    append_long_form_tlv(out, 0x75, ByteView { group_element.data(), group_element.size() });
    wipe_bytes(face);
    wipe_bytes(record);
    wipe_bytes(info);
    wipe_bytes(group);
    wipe_bytes(group_element);
    return out;
}

Result<Bytes> encode_jpeg(FacePixels const& pixels, int quality)
{
    if (pixels.width <= 0 || pixels.height <= 0 || (pixels.channels != 1 && pixels.channels != 3)
        || pixels.pixels.size()
            != static_cast<std::size_t>(pixels.width) * static_cast<std::size_t>(pixels.height)
                * static_cast<std::size_t>(pixels.channels))
        return fail(Errc::invalid_argument, "JPEG: pixel buffer does not match its size");
    jpeg_compress_struct info {};
    JpegError error {};
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = jpeg_error_exit;
    error.manager.emit_message = jpeg_silent;
    error.manager.output_message = jpeg_silent_output;
    if (setjmp(error.jump) != 0) {
        jpeg_destroy_compress(&info);
        std::free(buffer); // NOLINT(cppcoreguidelines-no-malloc): libjpeg allocates it with malloc
        return fail(Errc::internal, "JPEG: encoding failed");
    }
    jpeg_create_compress(&info);
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = static_cast<JDIMENSION>(pixels.width);
    info.image_height = static_cast<JDIMENSION>(pixels.height);
    info.input_components = pixels.channels;
    info.in_color_space = pixels.channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, std::clamp(quality, 1, 100), TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        // libjpeg takes non-const rows but does not write to them.
        auto* row = const_cast<JSAMPLE*>(pixels.pixels.data() // NOLINT(cppcoreguidelines-pro-type-const-cast)
            + static_cast<std::size_t>(info.next_scanline) * static_cast<std::size_t>(pixels.width)
                * static_cast<std::size_t>(pixels.channels));
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    Bytes out(buffer, buffer + size);
    std::free(buffer); // NOLINT(cppcoreguidelines-no-malloc): libjpeg allocates it with malloc
    return out;
}

Result<Bytes> encode_jpeg2000(FacePixels const& pixels, float ratio)
{
    if (pixels.width < 8 || pixels.height < 8 || (pixels.channels != 1 && pixels.channels != 3)
        || pixels.pixels.size()
            != static_cast<std::size_t>(pixels.width) * static_cast<std::size_t>(pixels.height)
                * static_cast<std::size_t>(pixels.channels))
        return fail(Errc::invalid_argument, "JPEG 2000: pixel buffer does not match its size");
    std::array<opj_image_cmptparm_t, 3> components {};
    for (int c = 0; c < pixels.channels; ++c) {
        auto& component = components[static_cast<std::size_t>(c)];
        component.dx = 1;
        component.dy = 1;
        component.w = static_cast<OPJ_UINT32>(pixels.width);
        component.h = static_cast<OPJ_UINT32>(pixels.height);
        component.prec = 8;
        component.sgnd = 0;
    }
    OpjImage image(opj_image_create(static_cast<OPJ_UINT32>(pixels.channels), components.data(),
        pixels.channels == 3 ? OPJ_CLRSPC_SRGB : OPJ_CLRSPC_GRAY));
    if (!image)
        return fail(Errc::internal, "JPEG 2000: out of memory");
    image->x0 = 0;
    image->y0 = 0;
    image->x1 = static_cast<OPJ_UINT32>(pixels.width);
    image->y1 = static_cast<OPJ_UINT32>(pixels.height);
    std::size_t const count = static_cast<std::size_t>(pixels.width) * static_cast<std::size_t>(pixels.height);
    for (int c = 0; c < pixels.channels; ++c) {
        for (std::size_t i = 0; i < count; ++i)
            image->comps[c].data[i] = pixels.pixels[i * static_cast<std::size_t>(pixels.channels) + static_cast<std::size_t>(c)];
    }
    opj_cparameters_t parameters;
    opj_set_default_encoder_parameters(&parameters);
    parameters.tcp_numlayers = 1;
    parameters.tcp_rates[0] = ratio;
    parameters.cp_disto_alloc = 1;
    parameters.numresolution = 3;
    if (pixels.channels == 3)
        parameters.tcp_mct = 1;
    OpjCodec codec(opj_create_compress(OPJ_CODEC_JP2));
    if (!codec)
        return fail(Errc::internal, "JPEG 2000: no codec");
    silence(codec.get());
    Bytes out;
    MemoryStream memory { {}, &out, 0 };
    OpjStream stream = make_stream(memory, false);
    if (!stream || opj_setup_encoder(codec.get(), &parameters, image.get()) == OPJ_FALSE
        || opj_start_compress(codec.get(), image.get(), stream.get()) == OPJ_FALSE
        || opj_encode(codec.get(), stream.get()) == OPJ_FALSE || opj_end_compress(codec.get(), stream.get()) == OPJ_FALSE)
        return fail(Errc::internal, "JPEG 2000: encoding failed");
    stream.reset(); // flushes the last chunk into out
    return out;
}

} // namespace kiosk::id
