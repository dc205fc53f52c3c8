// SPDX-License-Identifier: MIT
#include "tiny_peer.hpp"

#include <arpa/inet.h>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace kiosk::test {

namespace {

int listen_socket(int& port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(fd, 16) != 0) {
        std::perror("TinyPeer: listen");
        std::abort();
    }
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
    return fd;
}

} // namespace

TinyPeer::TinyPeer(Mode mode, std::string reply)
    : m_mode(mode)
    , m_reply(std::move(reply))
{
    m_listen = listen_socket(m_port);
    if (pipe(m_wake) != 0)
        std::abort();
    m_thread = std::thread([this] { serve(); });
}

TinyPeer::~TinyPeer()
{
    char byte = 0;
    (void)!write(m_wake[1], &byte, 1);
    m_thread.join();
    close(m_listen);
    close(m_wake[0]);
    close(m_wake[1]);
}

std::string TinyPeer::response(int status, std::string const& body)
{
    return "HTTP/1.1 " + std::to_string(status) + " Test\r\nContent-Type: application/json\r\nContent-Length: "
        + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

void TinyPeer::serve()
{
    std::vector<int> clients;
    std::vector<std::string> requests;
    for (;;) {
        std::vector<pollfd> fds { pollfd { m_wake[0], POLLIN, 0 }, pollfd { m_listen, POLLIN, 0 } };
        for (int client : clients)
            fds.push_back(pollfd { client, POLLIN, 0 });
        if (poll(fds.data(), fds.size(), -1) < 0)
            continue;
        if (fds[0].revents != 0)
            break;
        if (fds[1].revents & POLLIN) {
            int client = accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) {
                ++m_connections;
                clients.push_back(client);
                requests.emplace_back();
            }
        }
        for (std::size_t i = 2; i < fds.size(); ++i) {
            if (fds[i].revents == 0)
                continue;
            std::size_t index = i - 2;
            std::array<char, 4096> buffer {};
            auto got = read(fds[i].fd, buffer.data(), buffer.size());
            if (got <= 0) {
                close(fds[i].fd);
                clients[index] = -1;
                continue;
            }
            requests[index].append(buffer.data(), static_cast<std::size_t>(got));
            // Silent peers read and hold the connection; canned peers answer once the
            // request's head is in (the client's requests here carry small bodies).
            if (m_mode == Mode::canned && requests[index].find("\r\n\r\n") != std::string::npos) {
                (void)!write(fds[i].fd, m_reply.data(), m_reply.size());
                shutdown(fds[i].fd, SHUT_WR);
                requests[index].clear();
            }
        }
        for (std::size_t i = clients.size(); i-- > 0;) {
            if (clients[i] < 0) {
                clients.erase(clients.begin() + static_cast<long>(i));
                requests.erase(requests.begin() + static_cast<long>(i));
            }
        }
    }
    for (int client : clients)
        close(client);
}

int closed_port()
{
    int port = 0;
    int fd = listen_socket(port);
    close(fd);
    return port;
}

} // namespace kiosk::test
