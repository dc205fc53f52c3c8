// SPDX-License-Identifier: MIT
#pragma once

#include "ui/app/chip_flow.hpp"
#include "ui/core/sdl_handles.hpp"
#include "ui/widgets/widget.hpp"

namespace kiosk::ui {

/// The card holder's face (CardPhoto, RGB pixels from the chip's DG2), drawn as large as fits
/// without changing its shape, framed. The pixels stay in the Session: the widget only points
/// at them, makes its texture at the first draw and zeroes it before destroying it (a photo is
/// personal data). Must not outlive the Session's photo (screens are destroyed before a wipe).
class PhotoImage final : public Widget {
public:
    explicit PhotoImage(CardPhoto const& photo) noexcept
        : m_photo(photo)
    {
    }
    ~PhotoImage() override;
    PhotoImage(PhotoImage const&) = delete;
    PhotoImage& operator=(PhotoImage const&) = delete;
    PhotoImage(PhotoImage&&) = delete;
    PhotoImage& operator=(PhotoImage&&) = delete;

    void draw(DrawContext& context) override;

    /// Where the picture goes inside @p box for a @p width x @p height image (centred, aspect kept).
    static Rect fit(Rect box, int width, int height) noexcept;

private:
    CardPhoto const& m_photo;
    TexturePtr m_texture;
};

} // namespace kiosk::ui
