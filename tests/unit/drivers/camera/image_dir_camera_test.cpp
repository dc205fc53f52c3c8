// SPDX-License-Identifier: MIT
// ImageDirCamera beyond the camera contract: file order, fitting, unreadable files, empty folders.
#include <camera/image_dir_camera.hpp>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

#include <string>

#include "contract/contract_support.hpp"

using namespace std::chrono_literals;
using kiosk::Errc;
using kiosk::drivers::ImageDirCamera;

TEST_GROUP(ImageDirCamera)
{
    kiosk::test::TempDir m_dir;

    void make(std::string const& name, std::string const& colour, std::string const& size = "8x6") const
    {
        CHECK_EQUAL(0,
            kiosk::test::run_process({ "/usr/bin/convert", "-size", size, "xc:" + colour, (m_dir.path() / name).string() })
                .exit_code);
    }
};

TEST(ImageDirCamera, files_are_shown_in_name_order_and_the_sequence_loops)
{
    make("b.png", "white");
    make("a.png", "black");
    m_dir.write("notes.txt", "ignored");
    auto camera = ImageDirCamera::open(m_dir.path(), { 8, 6 }, 100);
    KIOSK_CHECK_OK(camera);
    KIOSK_CHECK_OK((*camera)->start());
    std::vector<int> seen;
    std::uint64_t last = 0;
    while (seen.size() < 4) {
        auto frame = (*camera)->next_frame(1s);
        KIOSK_CHECK_OK(frame);
        CHECK_TRUE(frame->has_value());
        // Frames may be dropped; the sequence number says which file each one shows.
        CHECK_TRUE((*frame)->sequence > last);
        last = (*frame)->sequence;
        bool const white = (*frame)->pixels[0] > 128;
        CHECK_EQUAL((last - 1) % 2 == 1, white); // a.png (black) at odd sequence numbers
        seen.push_back(white ? 1 : 0);
    }
}

TEST(ImageDirCamera, images_are_centred_cropped_or_padded_never_scaled)
{
    kiosk::hal::Frame image;
    image.size = { 4, 2 };
    image.stride = 4;
    image.pixels = { 1, 2, 3, 4, 5, 6, 7, 8 };
    auto padded = kiosk::drivers::fit_frame(image, { 6, 4 });
    CHECK_EQUAL(128, padded.pixels[0]);
    CHECK_EQUAL(1, padded.pixels[6 + 1]);
    CHECK_EQUAL(8, padded.pixels[2 * 6 + 4]);
    auto cropped = kiosk::drivers::fit_frame(image, { 2, 1 });
    CHECK_EQUAL(2U, cropped.pixels.size());
    CHECK_EQUAL(2, cropped.pixels[0]);
    CHECK_EQUAL(3, cropped.pixels[1]);
}

TEST(ImageDirCamera, unreadable_files_are_skipped_and_a_folder_of_them_is_a_failure)
{
    make("a.png", "white");
    m_dir.write("b.png", "corrupt");
    auto camera = ImageDirCamera::open(m_dir.path(), { 8, 6 }, 100);
    KIOSK_CHECK_OK(camera);
    KIOSK_CHECK_OK((*camera)->start());
    for (int i = 0; i < 3; ++i) {
        auto frame = (*camera)->next_frame(1s);
        KIOSK_CHECK_OK(frame);
        CHECK_TRUE((*frame)->pixels[0] > 128);
    }
    CHECK_TRUE((*camera)->skipped_files() >= 1U);

    kiosk::test::TempDir bad;
    bad.write("x.png", "corrupt");
    auto broken = ImageDirCamera::open(bad.path(), { 8, 6 }, 100);
    KIOSK_CHECK_OK(broken);
    KIOSK_CHECK_OK((*broken)->start());
    KIOSK_CHECK_ERRC(Errc::disconnected, (*broken)->next_frame(1s));
    KIOSK_CHECK_ERRC(Errc::unsupported, (*broken)->self_test()); // "corrupt" is no PNG at all
}

TEST(ImageDirCamera, a_missing_or_empty_folder_is_not_found)
{
    KIOSK_CHECK_ERRC(Errc::not_found, ImageDirCamera::open(m_dir.path() / "none", { 8, 6 }, 10));
    KIOSK_CHECK_ERRC(Errc::not_found, ImageDirCamera::open(m_dir.path(), { 8, 6 }, 10));
    KIOSK_CHECK_ERRC(Errc::invalid_argument, ImageDirCamera::open(m_dir.path(), { 0, 6 }, 10));
}
