// The request log: one JSON line per request on stderr, written by a background thread so that a
// request never waits for the terminal.
//
//   RequestLog log(/*enabled=*/true);
//   log.Write(R"({"ts":"...","method":"GET",...})");
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace concord {

class RequestLog {
 public:
  explicit RequestLog(bool enabled);
  // Writes what is buffered, then stops the writing thread.
  ~RequestLog();
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;

  // Queues one line (without its newline).
  void Write(std::string line);

 private:
  void Loop();
  bool enabled_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string buf_;
  bool stop_ = false;
  std::thread thread_;
};

// The time now as "YYYY-MM-DDTHH:MM:SS.mmmZ", for the log's "ts".
std::string NowIso();

}  // namespace concord
