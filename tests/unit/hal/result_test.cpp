// SPDX-License-Identifier: MIT
#include <kiosk/hal/result.hpp>

#include <cerrno>
#include <memory>
#include <string>

#include <CppUTest/TestHarness.h>

using kiosk::Errc;
using kiosk::Error;
using kiosk::Expected;
using kiosk::fail;
using kiosk::Result;

namespace {

Result<int> parse_digit(char c)
{
    if (c < '0' || c > '9')
        return fail(Errc::invalid_argument, "not a digit");
    return c - '0';
}

Result<int> add_digits(char a, char b)
{
    int x = KIOSK_TRY(parse_digit(a));
    int y = KIOSK_TRY(parse_digit(b));
    return x + y;
}

Result<void> check_positive(int value)
{
    if (value <= 0)
        return fail(Errc::malformed, "not positive");
    return {};
}

Result<int> doubled_if_positive(int value)
{
    KIOSK_TRY(check_positive(value));
    return value * 2;
}

Result<std::unique_ptr<int>> make_boxed(int value) { return std::make_unique<int>(value); }

Result<int> unbox(int value)
{
    std::unique_ptr<int> box = KIOSK_TRY(make_boxed(value));
    return *box;
}

struct ParseError {
    int line;
};

Expected<int, ParseError> line_error() { return kiosk::Unexpected(ParseError { 7 }); }

Expected<std::string, ParseError> propagate_custom()
{
    int n = KIOSK_TRY(line_error());
    return std::to_string(n);
}

} // namespace

TEST_GROUP(Result) {};

TEST(Result, holds_value)
{
    auto r = parse_digit('7');
    CHECK_TRUE(r.has_value());
    LONGS_EQUAL(7, *r);
    LONGS_EQUAL(7, r.value_or(0));
}

TEST(Result, holds_error_with_static_context)
{
    auto r = parse_digit('x');
    CHECK_FALSE(r.has_value());
    CHECK(r.error() == Errc::invalid_argument);
    STRCMP_EQUAL("not a digit", r.error().context());
    LONGS_EQUAL(-1, r.value_or(-1));
}

TEST(Result, try_propagates_first_error)
{
    LONGS_EQUAL(9, *add_digits('4', '5'));
    auto r = add_digits('4', '?');
    CHECK_FALSE(r.has_value());
    STRCMP_EQUAL("not a digit", r.error().context());
}

TEST(Result, try_works_with_void_results)
{
    LONGS_EQUAL(6, *doubled_if_positive(3));
    CHECK(doubled_if_positive(0).error() == Errc::malformed);
}

TEST(Result, try_moves_move_only_values)
{
    LONGS_EQUAL(42, *unbox(42));
}

TEST(Result, try_propagates_custom_error_types)
{
    auto r = propagate_custom();
    CHECK_FALSE(r.has_value());
    LONGS_EQUAL(7, r.error().line);
}

TEST(Result, errno_maps_to_kinds_callers_act_on)
{
    CHECK(Error::from_errno(EACCES, "open").code() == Errc::permission_denied);
    CHECK(Error::from_errno(ENOENT, "open").code() == Errc::not_found);
    CHECK(Error::from_errno(ENODEV, "read").code() == Errc::disconnected);
    CHECK(Error::from_errno(EBUSY, "claim").code() == Errc::busy);
    CHECK(Error::from_errno(EIO, "write").code() == Errc::io);
    auto message = Error::from_errno(ENOENT, "opening /dev/ttyS9").message();
    STRCMP_CONTAINS("opening /dev/ttyS9: ", message.c_str());
    LONGS_EQUAL(ENOENT, Error::from_errno(ENOENT, "x").sys_errno());
}

TEST(Result, errc_names_are_snake_case)
{
    STRCMP_EQUAL("timeout", std::string(kiosk::errc_name(Errc::timeout)).c_str());
    STRCMP_EQUAL("not_found", std::string(kiosk::errc_name(Errc::not_found)).c_str());
    STRCMP_EQUAL("permission_denied", std::string(kiosk::errc_name(Errc::permission_denied)).c_str());
    STRCMP_EQUAL("not_ready", std::string(kiosk::errc_name(Errc::not_ready)).c_str());
}
