// Properties of the shipped record (histories/*.jsonl with charters/csto.toml), each file alone and
// all five merged: every prefix replays, and replaying it from scratch gives the same bytes as
// the state reached step by step; two replays give identical StateJson; swapping two adjacent
// events is either rejected or, when neither depends on the other, gives the same StateJson.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "codec/charter_toml.h"
#include "codec/event_json.h"
#include "codec/report.h"
#include "concord/state.h"

namespace concord {
namespace {

const std::vector<std::string> kHistories = {"csto-2022-armenia", "csto-2022-kazakhstan", "csto-2022-yerevan",
                                             "csto-2023-minsk", "csto-2024-astana"};

std::shared_ptr<const Charter> Csto() {
  static const std::shared_ptr<const Charter> charter = [] {
    Result<Charter> c = LoadCharterFile(std::string(CONCORD_SOURCE_DIR) + "/charters/csto.toml");
    if (!c) ADD_FAILURE() << c.error().message;
    return std::make_shared<const Charter>(c ? *c : Charter{});
  }();
  return charter;
}

CharterParser Parser() {
  return [](const std::string& text) -> Result<std::shared_ptr<const Charter>> {
    CharterParse p = ParseCharter(text, "amendment");
    if (!p.charter) return Fail(ErrorCode::kInvalidArgument, p.errors.empty() ? "invalid" : p.errors[0].message);
    return std::make_shared<const Charter>(std::move(*p.charter));
  };
}

std::vector<Event> Load(const std::string& name) {
  const std::string path = std::string(CONCORD_SOURCE_DIR) + "/histories/" + name + ".jsonl";
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  auto h = ParseHistory(text.str(), path);
  if (!h) ADD_FAILURE() << h.error().message;
  std::vector<Event> out;
  if (h) for (const auto& l : *h) out.push_back(l.event);
  return out;
}

std::vector<Event> Merged() {
  std::vector<std::vector<HistoryLine>> all;
  for (const auto& name : kHistories) {
    const std::string path = std::string(CONCORD_SOURCE_DIR) + "/histories/" + name + ".jsonl";
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    auto h = ParseHistory(text.str(), path);
    if (!h) ADD_FAILURE() << h.error().message;
    if (h) all.push_back(*h);
  }
  std::vector<Event> out;
  for (const auto& l : MergeHistories(all)) out.push_back(l.event);
  return out;
}

// Replays `events`; on success the StateJson as of the last event, else "rejected at N: why".
std::string Replay(const std::vector<Event>& events, std::size_t n) {
  Replayer r(Csto(), Parser());
  for (std::size_t i = 0; i < n; ++i) {
    if (Status s = r.Apply(events[i]); !s) return "rejected at " + std::to_string(i) + ": " + s.error().message;
  }
  if (!r.state().last) return "empty";
  return StateJson(r.state(), *r.state().last);
}

struct Case {
  std::string name;
  std::vector<Event> events;
};

std::vector<Case> Cases() {
  std::vector<Case> out;
  for (const auto& name : kHistories) out.push_back({name, Load(name)});
  out.push_back({"merged", Merged()});
  return out;
}

TEST(HistoryProperty, EveryPrefixReplaysAndMatchesAFreshReplay) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    ASSERT_FALSE(c.events.empty());
    Replayer step(Csto(), Parser());
    for (std::size_t i = 0; i < c.events.size(); ++i) {
      Status s = step.Apply(c.events[i]);
      ASSERT_TRUE(s) << "event " << i << " (" << EventTypeName(c.events[i].type) << "): " << s.error().message;
      const std::string incremental = StateJson(step.state(), *step.state().last);
      ASSERT_EQ(Replay(c.events, i + 1), incremental) << "prefix of " << i + 1;
    }
  }
}

TEST(HistoryProperty, ReplayingTwiceGivesIdenticalBytes) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    const std::string a = Replay(c.events, c.events.size());
    const std::string b = Replay(c.events, c.events.size());
    ASSERT_EQ(a.rfind("rejected", 0), std::string::npos) << a;
    EXPECT_EQ(a, b);
  }
}

// What an event reads or writes, so that two events that share nothing can be swapped freely.
// "S/M" is a member's registration at session S; "S*" marks an event that reads or changes the whole
// session (its opening, closing, tabling and deciding), which depends on every registration there.
std::set<std::string> Touches(const Event& e, const std::map<std::string, std::string>& session_of) {
  std::set<std::string> k;
  auto draft = [&](const std::string& d) {
    if (d.empty()) return;
    k.insert("draft:" + d);
    if (auto it = session_of.find(d); it != session_of.end()) k.insert(it->second + "*");
  };
  switch (e.type) {
    case EventType::kAttendancePresent:
    case EventType::kAttendanceAbsent:
    case EventType::kAbsenceNonObjection:
      k.insert(e.session + "/" + e.member);
      for (const auto& d : e.drafts) k.insert("draft:" + d);
      break;
    case EventType::kMemberAdmitted: case EventType::kMemberSuspended: case EventType::kMemberReinstated:
    case EventType::kMemberWithdrew: case EventType::kParticipationFrozen: case EventType::kParticipationResumed:
    case EventType::kCharterAmended:
      k.insert("*");  // changes what every later check reads
      break;
    default:
      if (!e.session.empty()) k.insert(e.session + "*");
      draft(e.draft);
      draft(e.decision);
      if (!e.request.empty()) k.insert("request:" + e.request);
      if (!e.post.empty()) k.insert("post:" + e.post);
      break;
  }
  return k;
}

bool Dependent(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.count("*") || b.count("*")) return true;
  for (const auto& x : a) {
    for (const auto& y : b) {
      if (x == y) return true;
      // A whole-session event against a registration at that session.
      auto session_wide = [](const std::string& w, const std::string& r) {
        return w.back() == '*' && r.size() > w.size() && r.compare(0, w.size() - 1, w, 0, w.size() - 1) == 0 &&
               r[w.size() - 1] == '/';
      };
      if (session_wide(x, y) || session_wide(y, x)) return true;
    }
  }
  return false;
}

TEST(HistoryProperty, SwappingAdjacentEventsIsRejectedOrChangesNothingWhenIndependent) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    std::map<std::string, std::string> session_of;
    for (const auto& e : c.events) {
      if (e.type == EventType::kDraftTabled) session_of[e.draft] = e.session;
    }
    const std::string original = Replay(c.events, c.events.size());
    int rejected = 0, same = 0, dependent_differs = 0;
    for (std::size_t i = 0; i + 1 < c.events.size(); ++i) {
      std::vector<Event> swapped = c.events;
      std::swap(swapped[i], swapped[i + 1]);
      const std::string result = Replay(swapped, swapped.size());
      if (result.rfind("rejected", 0) == 0) {
        ++rejected;
        continue;
      }
      if (result == original) {
        ++same;
        continue;
      }
      const bool dependent = Dependent(Touches(c.events[i], session_of), Touches(c.events[i + 1], session_of));
      EXPECT_TRUE(dependent) << "swapping events " << i << " (" << EventTypeName(c.events[i].type) << ") and "
                             << i + 1 << " (" << EventTypeName(c.events[i + 1].type)
                             << "), which share nothing, changed the state";
      ++dependent_differs;
      std::cout << "[ " << c.name << " ] dependent: " << EventTypeName(c.events[i].type) << " / "
                << EventTypeName(c.events[i + 1].type) << " at " << c.events[i].at.ToString() << "\n";
    }
    // The record is in time order, so most swaps put time backwards; the rest must mostly commute.
    EXPECT_GT(rejected, 0);
    EXPECT_GT(same, 0);
    std::cout << "[ " << c.name << " ] " << c.events.size() - 1 << " swaps: " << rejected << " rejected, " << same
              << " same state, " << dependent_differs << " dependent and different\n";
  }
}

}  // namespace
}  // namespace concord
