// SPDX-License-Identifier: MIT
#include "scan/frame_set.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace kiosk::test {

namespace {

    bool parse_int(std::string const& text, int& value)
    {
        auto const* end = text.data() + text.size();
        auto [next, error] = std::from_chars(text.data(), end, value);
        return error == std::errc() && next == end && !text.empty();
    }

    bool same_file_contents(std::filesystem::path const& a, std::filesystem::path const& b)
    {
        std::ifstream in_a(a, std::ios::binary);
        std::ifstream in_b(b, std::ios::binary);
        if (!in_a || !in_b)
            return false;
        std::string const text_a { std::istreambuf_iterator<char>(in_a), std::istreambuf_iterator<char>() };
        std::string const text_b { std::istreambuf_iterator<char>(in_b), std::istreambuf_iterator<char>() };
        return text_a == text_b;
    }

} // namespace

std::optional<std::vector<FrameEntry>> read_frame_manifest(std::filesystem::path const& dir)
{
    std::ifstream in(dir / "manifest.tsv");
    if (!in)
        return std::nullopt;
    std::string line;
    if (!std::getline(in, line) || line.rfind("file\t", 0) != 0)
        return std::nullopt;
    std::vector<FrameEntry> entries;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream row(line);
        std::string field;
        while (std::getline(row, field, '\t'))
            fields.push_back(field);
        if (fields.size() == 6)
            fields.emplace_back(); // a frame with no code: empty text
        if (fields.size() != 7)
            return std::nullopt;
        FrameEntry entry;
        entry.file = dir / "frames" / fields[0];
        entry.category = fields[1];
        entry.kind = fields[5];
        entry.text = fields[6];
        if (!parse_int(fields[2], entry.width) || !parse_int(fields[3], entry.height)
            || !parse_int(fields[4], entry.module_px))
            return std::nullopt;
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::optional<std::vector<FrameEntry>> ensure_frame_set(std::filesystem::path const& dir, std::string const& set_name)
{
    std::filesystem::path const script = std::filesystem::path(KIOSK_SOURCE_DIR) / "tests/scan/make_frames.sh";
    // make_frames.sh leaves a copy of itself: a set made by another version of it is made again.
    if (auto entries = read_frame_manifest(dir);
        entries && !entries->empty() && same_file_contents(script, dir / "generator.sh")) {
        bool complete = true;
        for (auto const& entry : *entries)
            complete = complete && std::filesystem::exists(entry.file);
        if (complete)
            return entries;
    }
    std::string const command = "'" + script.string() + "' '" + dir.string() + "' --set " + set_name;
    // The test and benchmark binaries run single-threaded at this point.
    if (std::system(command.c_str()) != 0) { // NOLINT(cert-env33-c, concurrency-mt-unsafe): runs the generator script
        std::fprintf(stderr, "frame set: '%s' failed\n", command.c_str());
        return std::nullopt;
    }
    return read_frame_manifest(dir);
}

} // namespace kiosk::test
