// src/cli/load.h
#include "cli/load.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/embedded.h"
#include "codec/charter_toml.h"

namespace concord {

Result<std::string> ReadTextFile(const std::string& path, std::size_t max_bytes) {
  constexpr std::string_view kEmbedded = "embedded:";
  if (path.rfind(kEmbedded, 0) == 0) {
    const std::string_view text = FindEmbedded(std::string_view(path).substr(kEmbedded.size()));
    if (text.empty()) return Fail(ErrorCode::kUnavailable, path + ": no such embedded file");
    return std::string(text);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kUnavailable, path + ": cannot open file");
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes) {
    return Fail(ErrorCode::kInvalidArgument, path + ": " + std::to_string(size) + " bytes, over the limit of " +
                                                 std::to_string(max_bytes) + " (split the file)");
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return Fail(ErrorCode::kUnavailable, path + ": read error");
  return s.str();
}

Result<std::shared_ptr<const Charter>> LoadCharter(const std::string& path) {
  const std::string p = path.empty() ? "embedded:charters/csto.toml" : path;
  auto text = ReadTextFile(p, kMaxCharterBytes);
  if (!text) return text.error();
  return ParseCharterText(*text, p);
}

std::vector<std::string> ShippedHistories() {
  std::vector<std::string> out;
  for (const auto& f : EmbeddedFiles()) {
    if (f.path.rfind("histories/", 0) == 0) out.push_back("embedded:" + std::string(f.path));
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<Record> LoadRecord(const ReplayOptions& options) {
  auto charter = LoadCharter(options.charter);
  if (!charter) return charter.error();
  std::vector<std::string> paths;
  for (const auto& h : options.histories) {
    if (h == "embedded") {
      for (const auto& s : ShippedHistories()) paths.push_back(s);
    } else {
      paths.push_back(h);
    }
  }
  std::vector<std::vector<HistoryLine>> parsed;
  for (const auto& p : paths) {
    auto text = ReadTextFile(p);
    if (!text) return text.error();
    auto lines = ParseHistory(*text, p);
    if (!lines) return lines.error();
    parsed.push_back(std::move(*lines));
  }
  Record rec;
  rec.lines = parsed.size() == 1 ? parsed.front() : MergeHistories(parsed);
  std::optional<Timestamp> as_of;
  if (!options.as_of.empty()) {
    auto t = ParseAsOf(options.as_of);
    if (!t) return Fail(ErrorCode::kInvalidArgument, "--as-of: " + t.error().message);
    as_of = *t;
  }
  rec.replayer = std::make_unique<Replayer>(*charter, CharterTomlParser());
  // Map each merged line back to its file by content: lines are unique after merging.
  std::map<std::string, std::pair<std::string, int>> where;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    for (const auto& l : parsed[i]) where.emplace(l.text, std::make_pair(paths[i], l.line));
  }
  std::size_t applied = 0;
  for (const auto& l : rec.lines) {
    if (as_of && Before(*as_of, l.event.at)) break;
    if (Status st = rec.replayer->Apply(l.event); !st) {
      const auto& [path, line] = where[l.text];
      return Fail(ErrorCode::kInvalidArgument, path + ":" + std::to_string(line) + ": error: " + st.error().message);
    }
    ++applied;
  }
  rec.lines.resize(applied);
  rec.as_of = as_of ? *as_of : (rec.replayer->state().last ? *rec.replayer->state().last : Timestamp{});
  return rec;
}

}  // namespace concord
