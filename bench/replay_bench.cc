// Replay throughput on a generated record of one million events over 200 members (built in
// memory here, never written to the repository):
//   BM_ReplayFold        Replayer::Apply on decoded events (the fold alone)
//   BM_ReplayDecodeFold  DecodeEvent on each JSON line, then Replayer::Apply
// The record: sessions of a 200-member body; each session registers everyone (four absent in
// turn), tables five drafts, takes a position from every member present on each, puts each to
// decision (consensus with a quorum of all: ad referendum when someone is absent; every seventh
// draft meets an objection) and closes. items_per_second counts events.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "codec/event_json.h"
#include "concord/state.h"

namespace concord {
namespace {

constexpr int kMembers = 200;
constexpr int kDraftsPerSession = 5;
constexpr std::size_t kEvents = 1'000'000;

std::string MemberId(int i) { return "M" + std::to_string(1000 + i); }

std::shared_ptr<const Charter> BigCharter() {
  Charter c;
  c.id = "bench";
  c.name = "Benchmark Organization";
  c.version = "1";
  Clause art1;
  art1.id = "art1";
  art1.citation = "Art. 1";
  art1.text = "Consensus.";
  c.clauses["art1"] = art1;
  for (int i = 0; i < kMembers; ++i) {
    Member m;
    m.id = m.name = MemberId(i);
    c.members[MemberId(i)] = m;
  }
  Criterion consensus;
  consensus.id = "consensus";
  consensus.clause = "art1";
  consensus.kind = CriterionKind::kConsensus;
  c.rules["consensus"] = consensus;
  MatterRules m;
  m.id = "substantive";
  m.rule = "consensus";
  m.quorum.kind = QuorumKind::kAll;
  m.quorum.clause = "art1";
  m.without_quorum = WithoutQuorum::kAdReferendum;
  m.provisional = true;
  m.absence = AbsencePolicy::kPendingAccession;
  m.clause = "art1";
  Body b;
  b.id = "COUNCIL";
  b.name = "Council";
  b.matters["substantive"] = m;
  c.bodies["COUNCIL"] = b;
  return std::make_shared<const Charter>(std::move(c));
}

// Produces the record one event at a time into a reused Event, so that the fold is measured
// rather than the construction of a million strings.
class Generator {
 public:
  Generator() {
    for (int i = 0; i < kMembers; ++i) members_.push_back(MemberId(i));
  }

  // Fills `e` with the next event; false after kEvents.
  bool Next(Event& e) {
    if (produced_ == kEvents) return false;
    ++produced_;
    e.at.utc_seconds = 1'700'000'000 + static_cast<std::int64_t>(produced_);
    e.at.offset_minutes = 180;
    // step 0: convene; 1..kMembers: attendance; then per draft: table, positions, decide; close.
    const int per_draft = 2 + kMembers;
    const int per_session = 2 + kMembers + kDraftsPerSession * per_draft;
    const int step = static_cast<int>(step_);
    step_ = (step_ + 1) % static_cast<std::size_t>(per_session);
    if (step == 0) {
      ++session_no_;
      session_ = "s" + std::to_string(session_no_);
      Reset(e, EventType::kSessionConvened);
      e.session = session_;
      e.body = "COUNCIL";
      e.kind = "regular";
      return true;
    }
    if (step <= kMembers) {
      const int i = step - 1;
      const bool absent = (i + session_no_) % 50 == 0;
      Reset(e, absent ? EventType::kAttendanceAbsent : EventType::kAttendancePresent);
      e.session = session_;
      e.member = members_[static_cast<std::size_t>(i)];
      return true;
    }
    if (step == per_session - 1) {
      Reset(e, EventType::kSessionClosed);
      e.session = session_;
      return true;
    }
    const int in_draft = (step - 1 - kMembers) % per_draft;
    if (in_draft == 0) {
      ++draft_no_;
      draft_ = "d" + std::to_string(draft_no_);
      Reset(e, EventType::kDraftTabled);
      e.session = session_;
      e.draft = draft_;
      e.title = "Draft";
      e.kind = "decision";
      e.matter = "substantive";
      return true;
    }
    if (in_draft == per_draft - 1) {
      Reset(e, EventType::kDraftPutToDecision);
      e.draft = draft_;
      return true;
    }
    // Positions: members absent this session are skipped by taking the next present one's turn
    // twice (a later position replaces an earlier one), which keeps the count fixed.
    int i = in_draft - 1;
    if ((i + session_no_) % 50 == 0) i = (i + 1) % kMembers;
    Reset(e, EventType::kPositionTaken);
    e.draft = draft_;
    e.member = members_[static_cast<std::size_t>(i)];
    e.position = (draft_no_ % 7 == 0 && i == 3) ? "object" : (i % 11 == 0 ? "abstain" : "support");
    return true;
  }

 private:
  static void Reset(Event& e, EventType type) {
    e.type = type;
    e.session.clear(); e.member.clear(); e.body.clear(); e.kind.clear(); e.draft.clear();
    e.title.clear(); e.matter.clear(); e.position.clear();
  }

  std::vector<std::string> members_;
  std::size_t produced_ = 0, step_ = 0;
  int session_no_ = 0, draft_no_ = 0;
  std::string session_, draft_;
};

void BM_ReplayFold(benchmark::State& state) {
  const auto charter = BigCharter();
  std::size_t events = 0;
  for (auto _ : state) {
    auto r = std::make_unique<Replayer>(charter, nullptr);
    Generator g;
    Event e;
    while (g.Next(e)) {
      if (!r->Apply(e)) state.SkipWithError("an event was rejected");
      ++events;
    }
    benchmark::DoNotOptimize(r->state().events);
    // Freeing the state is not part of the replay.
    state.PauseTiming();
    r.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
}
BENCHMARK(BM_ReplayFold)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

void BM_ReplayDecodeFold(benchmark::State& state) {
  const auto charter = BigCharter();
  // The JSON lines, encoded once, in one buffer.
  std::string buffer;
  std::vector<std::pair<std::size_t, std::size_t>> lines;
  {
    Generator g;
    Event e;
    while (g.Next(e)) {
      const std::string line = EncodeEvent(e);
      lines.emplace_back(buffer.size(), line.size());
      buffer += line;
    }
  }
  std::size_t events = 0;
  for (auto _ : state) {
    auto r = std::make_unique<Replayer>(charter, nullptr);
    for (const auto& [at, len] : lines) {
      Result<Event> e = DecodeEvent(std::string_view(buffer).substr(at, len));
      if (!e || !r->Apply(*e)) state.SkipWithError("a line was rejected");
      ++events;
    }
    benchmark::DoNotOptimize(r->state().events);
    state.PauseTiming();
    r.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["bytes_per_line"] = static_cast<double>(buffer.size()) / static_cast<double>(lines.size());
}
BENCHMARK(BM_ReplayDecodeFold)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

}  // namespace
}  // namespace concord
