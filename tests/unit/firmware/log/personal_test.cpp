// SPDX-License-Identifier: MIT
#include <log/personal.hpp>

#include <fmt/format.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <cstdint>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <CppUTest/TestHarness.h>

using kiosk::log::Personal;
using kiosk::log::personal;

namespace {

struct BirthDate {
    int year;
    int month;
    int day;
};

// Nothing of the value can be in a Personal, whatever its type.
static_assert(std::is_empty_v<Personal<std::string>>);
static_assert(std::is_empty_v<Personal<BirthDate>>);
static_assert(std::is_same_v<decltype(personal("NGUYEN VAN A")), Personal<char const*>>);
static_assert(std::is_same_v<decltype(personal(std::string_view("x"))), Personal<std::string_view>>);
static_assert(!std::is_convertible_v<Personal<std::string>, std::string>);
static_assert(!std::is_convertible_v<Personal<std::string>, std::string_view>);

} // namespace

TEST_GROUP(Personal) {};

TEST(Personal, formats_as_the_placeholder)
{
    std::string const name = "Nguyễn Văn A";
    STRCMP_EQUAL("[personal]", fmt::format("{}", personal(name)).c_str());
    STRCMP_EQUAL("id [personal]", fmt::format("id {}", personal(std::uint64_t { 79012345678 })).c_str());
    STRCMP_EQUAL("born [personal]", fmt::format("born {}", personal(BirthDate { 1990, 1, 1 })).c_str());
    STRCMP_EQUAL("[personal]", fmt::format("{}", personal("NGUYEN<<VAN<A")).c_str());
}

TEST(Personal, does_not_reveal_the_length)
{
    std::string const short_value = "A";
    std::string const long_value(500, 'x');
    CHECK(fmt::format("{}", personal(short_value)) == fmt::format("{}", personal(long_value)));
    CHECK(fmt::format("{}", personal(std::string())) == fmt::format("{}", personal(long_value)));
}

TEST(Personal, formats_inside_containers)
{
    std::vector<Personal<std::string>> const names { personal(std::string("A")), personal(std::string("B")) };
    STRCMP_EQUAL("[personal], [personal]", fmt::format("{}", fmt::join(names, ", ")).c_str());
}

TEST(Personal, outlives_its_value_harmlessly)
{
    auto marked = [] {
        std::string const temporary = "079012345678";
        return personal(temporary);
    }();
    STRCMP_EQUAL("[personal]", fmt::format("{}", marked).c_str());
}

TEST(Personal, rejects_a_format_specification_in_a_runtime_format_string)
{
    // Literal format strings with a specification do not compile; fmt reports a runtime one.
    std::string const id = "079012345678";
    CHECK_THROWS(fmt::format_error, (void)fmt::format(fmt::runtime("{:>20}"), personal(id)));
    CHECK_THROWS(fmt::format_error, (void)fmt::format(fmt::runtime("{:s}"), personal(id)));
}

TEST(Personal, a_bad_runtime_format_in_spdlog_is_caught_and_reveals_nothing)
{
    std::ostringstream output;
    spdlog::logger logger("test", std::make_shared<spdlog::sinks::ostream_sink_st>(output));
    logger.set_pattern("%v");
    std::string error;
    logger.set_error_handler([&error](std::string const& message) { error = message; });

    std::string const id = "079012345678";
    logger.info(fmt::runtime("id {:>20}"), personal(id));

    CHECK_FALSE(error.empty());
    CHECK(output.str().find(id) == std::string::npos);
    CHECK(error.find(id) == std::string::npos);
}
