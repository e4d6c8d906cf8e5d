#include "server/request_log.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace concord {

RequestLog::RequestLog(bool enabled) : enabled_(enabled) {
  if (enabled_) thread_ = std::thread([this] { Loop(); });
}

RequestLog::~RequestLog() {
  if (!enabled_) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void RequestLog::Write(std::string line) {
  if (!enabled_) return;
  std::lock_guard lock(mu_);
  buf_ += line;
  buf_ += '\n';
}

void RequestLog::Loop() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait_for(lock, std::chrono::milliseconds(50), [this] { return stop_; });
    std::string out;
    out.swap(buf_);
    const bool stop = stop_;
    lock.unlock();
    if (!out.empty()) {
      std::fwrite(out.data(), 1, out.size(), stderr);
      std::fflush(stderr);
    }
    lock.lock();
    if (stop && buf_.empty()) return;
  }
}

std::string NowIso() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

}  // namespace concord
