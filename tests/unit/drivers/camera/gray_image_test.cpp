// SPDX-License-Identifier: MIT
// PNG and JPEG files made by ImageMagick -> gray frames; corrupt, truncated and foreign files
// are clear errors.
#include <camera/gray_image.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <fstream>
#include <iterator>
#include <string>

#include "contract/contract_support.hpp"

using kiosk::Errc;

TEST_GROUP(GrayImage)
{
    kiosk::test::TempDir m_dir;

    std::filesystem::path make(std::string const& name, std::vector<std::string> const& args) const
    {
        auto file = m_dir.path() / name;
        std::vector<std::string> argv { "/usr/bin/convert" };
        argv.insert(argv.end(), args.begin(), args.end());
        argv.push_back(file.string());
        CHECK_EQUAL(0, kiosk::test::run_process(argv).exit_code);
        return file;
    }

    std::string bytes_of(std::filesystem::path const& file)
    {
        std::ifstream in(file, std::ios::binary);
        return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
    }
};

TEST(GrayImage, colour_png_becomes_luma)
{
    // Pure red is a mid gray (libpng converts through linear light, so about 127, not 76).
    auto frame = kiosk::drivers::load_gray_image(make("red.png", { "-size", "7x5", "xc:#ff0000" }));
    KIOSK_CHECK_OK(frame);
    CHECK_EQUAL(7, frame->size.width);
    CHECK_EQUAL(5, frame->size.height);
    CHECK_EQUAL(7, frame->stride);
    CHECK_TRUE(frame->pixels[0] > 60 && frame->pixels[0] < 160);
}

TEST(GrayImage, jpeg_is_decoded_by_its_bytes_not_its_name)
{
    auto const file = make("white.jpg", { "-size", "16x8", "xc:white" });
    auto const renamed = m_dir.path() / "white.png";
    std::filesystem::rename(file, renamed);
    auto frame = kiosk::drivers::load_gray_image(renamed);
    KIOSK_CHECK_OK(frame);
    CHECK_EQUAL(16, frame->size.width);
    CHECK_TRUE(frame->pixels[0] >= 250);
}

TEST(GrayImage, truncated_and_corrupt_files_are_malformed)
{
    std::string const png = bytes_of(make("a.png", { "-size", "64x64", "plasma:fractal" }));
    std::string const jpeg = bytes_of(make("a.jpg", { "-size", "64x64", "plasma:fractal" }));
    KIOSK_CHECK_ERRC(Errc::malformed, kiosk::drivers::load_gray_image(m_dir.write("t.png", png.substr(0, png.size() / 2))));
    KIOSK_CHECK_ERRC(Errc::malformed, kiosk::drivers::load_gray_image(m_dir.write("t.jpg", jpeg.substr(0, 40))));
    std::string broken = png;
    for (std::size_t i = 40; i < broken.size(); i += 7)
        broken[i] = static_cast<char>(broken[i] ^ 0x5a);
    KIOSK_CHECK_ERRC(Errc::malformed, kiosk::drivers::load_gray_image(m_dir.write("b.png", broken)));
}

TEST(GrayImage, other_files_are_unsupported_or_not_found)
{
    KIOSK_CHECK_ERRC(Errc::unsupported, kiosk::drivers::load_gray_image(m_dir.write("gif.png", "GIF89a....")));
    KIOSK_CHECK_ERRC(Errc::unsupported, kiosk::drivers::load_gray_image(m_dir.write("empty.png", "")));
    KIOSK_CHECK_ERRC(Errc::not_found, kiosk::drivers::load_gray_image(m_dir.path() / "missing.png"));
}
