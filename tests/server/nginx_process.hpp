#pragma once
// nginx as a real process for the operations tests (issue 17): Debian's nginx binary
// with a configuration of the test's own, in a temporary folder that is its prefix
// (-p), holding its pid file, logs and temporary files, listening on a free loopback
// port. It never touches /etc/nginx or the package's service. As root (CI) it runs as
// `nobody`, so it is never privileged. Without nginx the tests fail, naming what to
// install: they are never skipped.
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace care::server::testing {

class NginxProcess {
 public:
  // Starts nginx serving `site(port)`: the text of a conf.d file (upstreams and
  // servers) for the port nginx will listen on.
  explicit NginxProcess(const std::function<std::string(int port)>& site) {
    binary_ = find_binary();
    std::string pattern = (std::filesystem::temp_directory_path() / "care-nginx-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary folder");
    folder_ = pattern;
    // A port taken between our look and nginx's bind makes nginx exit: try another.
    for (int attempt = 0; attempt < 5; ++attempt) {
      port_ = free_port();
      write(folder_ / "site.conf", site(port_));
      write(folder_ / "nginx.conf", main_config());
      launch();
      if (wait_listening()) break;
      stop();
    }
    if (pid_ < 0) {
      // No destructor runs for a constructor that throws: the folder goes here.
      const std::string log = read(folder_ / "error.log");
      std::error_code ec;
      std::filesystem::remove_all(folder_, ec);
      throw std::runtime_error("nginx did not start:\n" + log);
    }
  }

  ~NginxProcess() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  }
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;

  int port() const { return port_; }
  std::string error_log() const { return read(folder_ / "error.log"); }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);  // fast shutdown: the master ends its workers and exits
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  // nginx is in /usr/sbin, which an unprivileged user's PATH may lack.
  static std::string find_binary() {
    std::stringstream folders(std::string(std::getenv("PATH") ? std::getenv("PATH") : "") +
                              ":/usr/sbin:/usr/local/sbin");
    std::string folder;
    while (std::getline(folders, folder, ':')) {
      if (!folder.empty() && ::access((folder + "/nginx").c_str(), X_OK) == 0)
        return folder + "/nginx";
    }
    throw std::runtime_error(
        "nginx is not installed: the tests of the sample nginx configuration need it. On "
        "Debian: apt-get install nginx (scripts/setup.sh does it)");
  }

  static int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
  }

  static void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text;
  }
  static std::string read(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // Everything nginx writes stays in the folder; in the foreground, so the test holds
  // the master's pid.
  std::string main_config() const {
    const std::string at = folder_.string() + "/";
    return "daemon off;\n"
           "worker_processes 1;\n"
           "pid " +
           at +
           "nginx.pid;\n"
           "error_log " +
           at +
           "error.log info;\n"
           "events { worker_connections 1024; }\n"
           "http {\n"
           "  access_log " +
           at +
           "access.log;\n"
           "  client_body_temp_path " +
           at +
           "client_body;\n"
           "  proxy_temp_path " +
           at +
           "proxy;\n"
           "  fastcgi_temp_path " +
           at +
           "fastcgi;\n"
           "  uwsgi_temp_path " +
           at +
           "uwsgi;\n"
           "  scgi_temp_path " +
           at +
           "scgi;\n"
           "  include " +
           at +
           "site.conf;\n"
           "}\n";
  }

  void launch() {
    // As root, the folder and nginx belong to `nobody`.
    uid_t uid = 0;
    gid_t gid = 0;
    if (::geteuid() == 0) {
      passwd* nobody = ::getpwnam("nobody");
      if (!nobody) throw std::runtime_error("running as root, nginx needs the `nobody` user");
      uid = nobody->pw_uid;
      gid = nobody->pw_gid;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(folder_))
        [[maybe_unused]] int ignored = ::chown(entry.path().c_str(), uid, gid);
      if (::chown(folder_.c_str(), uid, gid) != 0)
        throw std::runtime_error("cannot give " + folder_.string() + " to nobody");
    }
    const std::string prefix = folder_.string() + "/";
    const std::string config = prefix + "nginx.conf";
    const std::string early_log = prefix + "error.log";
    pid_ = ::fork();
    if (pid_ == 0) {
      if (uid != 0) {
        if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) ::_exit(126);
      }
      ::execl(binary_.c_str(), "nginx", "-p", prefix.c_str(), "-c", config.c_str(), "-e",
              early_log.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    if (pid_ < 0) throw std::runtime_error("cannot fork for nginx");
  }

  // Connects until nginx answers, or it exits (a port taken meanwhile).
  bool wait_listening() {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<uint16_t>(port_));
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
      ::close(fd);
      if (up) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  std::string binary_;
  std::filesystem::path folder_;
  pid_t pid_ = -1;
  int port_ = -1;
};

}  // namespace care::server::testing
