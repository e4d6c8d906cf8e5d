// Golden votes: the shipped charters (loaded from TOML) on real votes, and on a few illustrations
// labelled as such, as data: each tests/golden/votes/*.vote file holds one or more cases, each a
// header (the charter, body and matter, who did what, the outcome expected; its sources as
// comments) and, after a line "----", the ballot, the outcome and every check of the derivation
// as text, compared byte for byte. Cases in one file are separated by a line "====". With
// CONCORD_UPDATE_GOLDEN=1 the expected texts are rewritten instead; every committed one was read
// and checked by hand against the real result its comments cite.
//
// Header keys: title, charter, expect (a status), provisional (yes|no); a ballot built directly:
// body, matter, members_on (a date: the charter's members that day), member_count, support,
// object, abstain (members' stances; the others present and in favour), absent, non_objection,
// chair, silence (deadline_passed|deadline_open), silence_broken_by; or a vote replayed through the
// engine (the body's members of the day present): replay (session and draft ids), draft_title,
// convened, decided, support, object, abstain.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <sstream>

#include "codec/charter_toml.h"
#include "concord/engine.h"
#include "concord/state.h"
#include "support/run.h"

namespace concord {
namespace {

Charter Load(const std::string& name) {
  Result<Charter> c = LoadCharterFile(std::string(CONCORD_SOURCE_DIR) + "/charters/" + name);
  if (!c) ADD_FAILURE() << c.error().message;
  return c ? *c : Charter{};
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// The ballot, the outcome and the derivation, for people to read and for the diff to guard.
std::string Render(const std::string& title, const Charter& charter, const Ballot& ballot, const Outcome& out) {
  std::string s = title + "\n";
  s += "charter: " + charter.id + " (" + charter.version + ")\n";
  s += "body: " + ballot.body + ", matter: " + ballot.matter + "\n";
  std::vector<std::string> yes, no, abstain, out_of, silent, absent, non_obj, parties;
  for (const Vote& v : ballot.votes) {
    if (v.party) parties.push_back(v.member);
    if (v.attendance == Attendance::kAbsent) { absent.push_back(v.member); continue; }
    if (v.attendance == Attendance::kNonObjection) { non_obj.push_back(v.member); continue; }
    switch (v.stance) {
      case Stance::kSupport: yes.push_back(v.member); break;
      case Stance::kObject: no.push_back(v.member); break;
      case Stance::kAbstain: abstain.push_back(v.member); break;
      case Stance::kNotInterested: out_of.push_back(v.member); break;
      case Stance::kNone: silent.push_back(v.member); break;
    }
  }
  auto line = [&](const char* label, const std::vector<std::string>& ids) {
    if (!ids.empty()) s += std::string(label) + " (" + std::to_string(ids.size()) + "): " + Join(ids) + "\n";
  };
  line("in favour", yes);
  line("against", no);
  line("abstaining", abstain);
  line("not interested", out_of);
  line("present without a position", silent);
  line("absent", absent);
  line("absent, declared non-objection", non_obj);
  line("parties to the dispute", parties);
  if (ballot.silence_opened) {
    s += std::string("silence procedure: deadline ") + (ballot.silence_deadline_passed ? "passed" : "not passed") +
         (ballot.silence_broken_by.empty() ? ", not broken" : ", broken by " + Join(ballot.silence_broken_by)) + "\n";
  }
  s += "\noutcome: " + std::string(DecisionStatusName(out.status)) + "\n";
  s += std::string("quorum met: ") + (out.quorum_met ? "yes" : "no") + "; rules passed: " +
       (out.rules_passed ? "yes" : "no") + "; provisional: " + (out.provisional ? "yes" : "no") + "\n";
  s += "\nderivation:\n";
  int n = 0;
  for (const Check& c : out.checks) {
    s += "  " + std::to_string(++n) + ". " + c.rule + " [" + c.clause + (c.citation.empty() ? "" : ": " + c.citation) +
         "] " + std::string(CheckVerdict(c)) + ": " + c.detail + "\n";
  }
  s += "\nmembers:\n";
  for (const auto& [m, st] : out.members) s += "  " + m + ": " + std::string(MemberStatusName(st)) + "\n";
  const auto binding = BindingOn(out.status, out.provisional, out.members);
  s += "binding on (" + std::to_string(binding.size()) + "): " + (binding.empty() ? "nobody" : Join(binding)) + "\n";
  return s;
}

// A ballot on `matter` of `body` with every member of `ids` present and in favour, then `changes`.
Ballot BallotOf(const std::string& body, const std::string& matter, const std::vector<std::string>& ids,
                const std::map<std::string, Stance>& stances = {},
                const std::map<std::string, Attendance>& attendance = {}) {
  Ballot b;
  b.body = body;
  b.matter = matter;
  for (const auto& id : ids) {
    Vote v;
    v.member = id;
    v.attendance = attendance.count(id) ? attendance.at(id) : Attendance::kPresent;
    v.stance = v.attendance == Attendance::kPresent ? (stances.count(id) ? stances.at(id) : Stance::kSupport)
                                                    : Stance::kNone;
    b.votes.push_back(v);
  }
  return b;
}

std::vector<std::string> MemberIds(const Charter& c, std::optional<Day> on = std::nullopt) {
  std::vector<std::string> out;
  for (const auto& [id, m] : c.members) {
    if (on && ((m.since && *m.since > *on) || (m.until && *m.until < *on))) continue;
    out.push_back(id);
  }
  return out;
}

Outcome Evaluate(const Charter& c, const Ballot& b) {
  Result<Outcome> out = EvaluateDraft(c, b);
  if (!out) ADD_FAILURE() << out.error().message;
  return out ? *out : Outcome{};
}

Event Ev(EventType type, const std::string& at) {
  Event e;
  e.type = type;
  e.at = *ParseTimestamp(at);
  return e;
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// One case of a .vote file: its header keys, its expected text.
struct VoteCase {
  std::map<std::string, std::string> keys;
  std::string header, expected;
  std::string Get(const std::string& k) const {
    auto it = keys.find(k);
    return it == keys.end() ? "" : it->second;
  }
};

std::vector<VoteCase> ParseVoteFile(const std::string& text) {
  std::vector<VoteCase> cases;
  VoteCase c;
  bool in_expected = false;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line == "====") {
      cases.push_back(std::move(c));
      c = VoteCase{};
      in_expected = false;
    } else if (in_expected) {
      c.expected += line + "\n";
    } else if (line == "----") {
      in_expected = true;
    } else {
      c.header += line + "\n";
      if (line.empty() || line[0] == '#') continue;
      const std::size_t colon = line.find(": ");
      if (colon == std::string::npos) {
        ADD_FAILURE() << "not a 'key: value' line: " << line;
        continue;
      }
      c.keys[line.substr(0, colon)] = line.substr(colon + 2);
    }
  }
  cases.push_back(std::move(c));
  return cases;
}

// A vote replayed through the engine: session, the body's members of the day present, the draft,
// the positions, the put to decision; the text is rendered from BallotFor + EvaluateDraft, which
// must agree with what the Replayer recorded.
std::string ReplayedVote(const VoteCase& v, std::shared_ptr<const Charter> charter, Outcome& out) {
  const auto ids = Words(v.Get("replay"));
  if (ids.size() != 2) {
    ADD_FAILURE() << "replay: expected a session id and a draft id";
    return "";
  }
  Replayer r(charter, nullptr);
  auto ok = [&](const Event& e) {
    Status s = r.Apply(e);
    if (!s) ADD_FAILURE() << EventTypeName(e.type) << ": " << s.error().message;
  };
  const std::string body = charter->bodies.begin()->first;
  Event conv = Ev(EventType::kSessionConvened, v.Get("convened"));
  conv.session = ids[0];
  conv.body = body;
  conv.kind = "regular";
  conv.place = "New York";
  ok(conv);
  const Day day = ParseTimestamp(v.Get("convened"))->LocalDay();
  for (const auto& [m, st] : r.state().members) {
    if (!MemberOn(r.state(), r.state().CurrentCharter(), m, day)) continue;  // the body of the day
    Event a = Ev(EventType::kAttendancePresent, v.Get("convened"));
    a.session = ids[0];
    a.member = m;
    ok(a);
  }
  Event tab = Ev(EventType::kDraftTabled, v.Get("convened"));
  tab.session = ids[0];
  tab.draft = ids[1];
  tab.title = v.Get("draft_title");
  tab.kind = "resolution";
  tab.matter = "substantive";
  ok(tab);
  for (const char* stance : {"support", "object", "abstain"}) {
    for (const auto& m : Words(v.Get(stance))) {
      Event e = Ev(EventType::kPositionTaken, v.Get("decided"));
      e.draft = ids[1];
      e.member = m;
      e.position = stance;
      ok(e);
    }
  }
  Event put = Ev(EventType::kDraftPutToDecision, v.Get("decided"));
  put.draft = ids[1];
  ok(put);
  const DecisionState& d = r.state().decisions.at(ids[1]);
  const Ballot ballot = BallotFor(r.state(), d, *ParseTimestamp(v.Get("decided")));
  out = Evaluate(*charter, ballot);
  EXPECT_EQ(out.status, d.outcome.status) << "the engine's record and the ballot disagree";
  EXPECT_EQ(out.checks.size(), d.outcome.checks.size());
  return Render(v.Get("title"), *charter, ballot, out);
}

// A ballot built directly from the header.
std::string DirectVote(const VoteCase& v, const Charter& c, Outcome& out) {
  std::optional<Day> on;
  if (!v.Get("members_on").empty()) {
    auto t = ParseTimestamp(v.Get("members_on") + "T12:00:00Z");
    if (t) {
      on = t->LocalDay();
    } else {
      ADD_FAILURE() << "members_on: not a date";
    }
  }
  const auto members = MemberIds(c, on);
  if (!v.Get("member_count").empty()) {
    EXPECT_EQ(members.size(), std::stoul(v.Get("member_count")));
  }
  std::map<std::string, Stance> stances;
  for (const auto& m : Words(v.Get("object"))) stances[m] = Stance::kObject;
  for (const auto& m : Words(v.Get("abstain"))) stances[m] = Stance::kAbstain;
  std::map<std::string, Attendance> attendance;
  for (const auto& m : Words(v.Get("absent"))) attendance[m] = Attendance::kAbsent;
  for (const auto& m : Words(v.Get("non_objection"))) attendance[m] = Attendance::kNonObjection;
  Ballot b = BallotOf(v.Get("body"), v.Get("matter"), members, stances, attendance);
  b.chair = v.Get("chair");
  if (const std::string silence = v.Get("silence"); !silence.empty()) {
    b.silence_opened = true;
    b.silence_deadline_passed = silence == "deadline_passed";
    b.silence_broken_by = Words(v.Get("silence_broken_by"));
  }
  out = Evaluate(c, b);
  return Render(v.Get("title"), c, b, out);
}

std::vector<std::string> VoteFiles() {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(test::Source("tests/golden/votes"))) {
    if (e.path().extension() == ".vote") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class GoldenVotes : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenVotes, MatchesItsExpectedText) {
  const std::string path = test::Source("tests/golden/votes/" + GetParam() + ".vote");
  std::vector<VoteCase> cases = ParseVoteFile(test::ReadFile(path));
  std::string rewritten;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    VoteCase& v = cases[i];
    SCOPED_TRACE(path + ", case " + std::to_string(i + 1) + ": " + v.Get("title"));
    const Charter charter = Load(v.Get("charter"));
    Outcome out;
    const std::string actual = v.Get("replay").empty()
                                   ? DirectVote(v, charter, out)
                                   : ReplayedVote(v, std::make_shared<const Charter>(charter), out);
    EXPECT_EQ(std::string(DecisionStatusName(out.status)), v.Get("expect"));
    if (!v.Get("provisional").empty()) {
      EXPECT_EQ(out.provisional, v.Get("provisional") == "yes");
    }
    EXPECT_EQ(actual, v.expected);
    rewritten += (i ? "====\n" : "") + v.header + "----\n" + actual;
  }
  if (const char* update = std::getenv("CONCORD_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    test::WriteFile(path, rewritten);
  }
}

INSTANTIATE_TEST_SUITE_P(Files, GoldenVotes, ::testing::ValuesIn(VoteFiles()), [](const auto& p) {
  std::string n = p.param;
  for (char& ch : n) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return n;
});

}  // namespace
}  // namespace concord

namespace concord::test {
namespace {

// Rule 18: the presidency of any month since the anchor (Tunisia, January 2021) follows from the
// members of each month in English alphabetical order, across the changes of composition.
TEST(SecurityCouncilPresidency, FollowsTheAlphabetMonthByMonth) {
  auto charter = std::make_shared<const Charter>(Load("un-security-council.toml"));
  Replayer r(charter, nullptr);
  auto president = [&](const char* day) { return ChairOn(r.state(), "SC", *ParseTimestamp(day)); };
  EXPECT_EQ(president("2021-01-15T12:00:00-05:00"), "TUN");
  EXPECT_EQ(president("2021-12-15T12:00:00-05:00"), "NER");
  EXPECT_EQ(president("2022-01-15T12:00:00-05:00"), "NOR");
  EXPECT_EQ(president("2022-02-24T12:00:00-05:00"), "RUS");  // not Panama, not a member then
  EXPECT_EQ(president("2022-03-15T12:00:00-05:00"), "ARE");
  EXPECT_EQ(president("2022-12-15T12:00:00-05:00"), "IND");
  EXPECT_EQ(president("2023-01-15T12:00:00-05:00"), "JPN");
  EXPECT_EQ(president("2024-01-15T12:00:00-05:00"), "FRA");
  EXPECT_EQ(president("2025-12-15T12:00:00-05:00"), "SVN");
  EXPECT_EQ(president("2026-01-15T12:00:00-05:00"), "SOM");
  EXPECT_EQ(president("2026-02-15T12:00:00-05:00"), "GBR");
}

}  // namespace
}  // namespace concord::test
