// SPDX-License-Identifier: MIT
#include "ui/widgets/widget.hpp"

namespace kiosk::ui {

bool Widget::press(Point, std::chrono::steady_clock::time_point) { return false; }
void Widget::move(Point, std::chrono::steady_clock::time_point) { }
void Widget::release(Point, std::chrono::steady_clock::time_point) { }
void Widget::cancel_press() { }
bool Widget::animate(std::chrono::steady_clock::time_point) { return false; }
void Widget::collect_texts(std::vector<TextHit>&) const { }
void Widget::set_echo(Widget*) { }

} // namespace kiosk::ui
