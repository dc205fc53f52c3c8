// SPDX-License-Identifier: MIT
#include "update/atomic_file.hpp"

#include <kiosk/hal/unique_fd.hpp>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace kiosk::update {

Result<void> write_file_atomically(std::filesystem::path const& file, std::string const& text)
{
    auto const temporary = file.string() + ".tmp";
    {
        UniqueFd const fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (!fd)
            return Unexpected(Error::from_errno(errno, "saving the update agent's state"));
        std::size_t done = 0;
        while (done < text.size()) {
            ssize_t const put = ::write(fd.get(), text.data() + done, text.size() - done);
            if (put < 0 && errno == EINTR)
                continue;
            if (put < 0)
                return fail(Errc::io, "saving the update agent's state", errno);
            done += static_cast<std::size_t>(put);
        }
        if (::fsync(fd.get()) != 0)
            return fail(Errc::io, "flushing the update agent's state", errno);
    }
    if (::rename(temporary.c_str(), file.c_str()) != 0)
        return fail(Errc::io, "replacing the update agent's state", errno);
    UniqueFd const folder(::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (folder)
        ::fsync(folder.get());
    return {};
}

Result<std::optional<std::string>> read_file_if_any(std::filesystem::path const& file)
{
    std::error_code error;
    if (!std::filesystem::exists(file, error))
        return std::optional<std::string>();
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return fail(Errc::io, "reading the update agent's state");
    std::ostringstream text;
    text << in.rdbuf();
    return std::optional<std::string>(text.str());
}

} // namespace kiosk::update
