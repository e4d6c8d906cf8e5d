// The record as JSON objects, one builder per kind of thing: the pieces StateJson (report.h)
// assembles into the whole state, and the pieces the HTTP API serves a page at a time.
//
//   json::object d = DecisionObject(state, state.decisions.at("minsk-2023-budget"), as_of);
//   d["status"];     // "adopted_limited"
//   d["positions"];  // [{"member": "BLR", "position": "support", "reservation": false}, ...]
#pragma once

#include <boost/json/fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "concord/state.h"

namespace concord {

// {id, name, names, version, languages, bodies, members, posts, measures, draft_kinds, clauses}:
// what a client needs to label things and fill its forms.
boost::json::object CharterObject(const Charter& charter);

// {id, name, names, member_on_date, since, until, status, participation, changed, reason}:
// member_on_date says whether it is a member on `as_of` (the charter's dates, else the record).
boost::json::object MemberObject(const State& state, const std::string& id, const MemberState& member,
                                 const Timestamp& as_of);

// {id, name, names, chair}: the chair on `as_of`.
boost::json::object BodyObject(const State& state, const Body& body, const Timestamp& as_of);

// {id, body, kind, host, place, format, convened, closed, quorum_met, present, absent,
//  non_objection, drafts, attendance: [{member, status, representative?, level?, reason?, drafts?}]}
boost::json::object SessionObject(const State& state, const SessionState& session);

// A draft or decision: status, members, the derivation (each check with its clause quoted),
// acts, and the positions taken. A draft still pending also carries `not_yet_spoken` and
// `if_decided_now`: the outcome the engine would derive were it put to decision on `as_of`.
// `lang` ("en", "ru"): the language of each check's `detail`, citation and clause text (the
// charter's own where it gives none); `statements` carry the same as data.
boost::json::object DecisionObject(const State& state, const DecisionState& decision, const Timestamp& as_of,
                                   std::string_view lang = "en");

// A request with its measures and its stages as of `as_of`.
boost::json::object RequestObject(const State& state, const RequestState& request, const Timestamp& as_of);

// {post, name, names, holder, since, provisional, decision, term_end, vacated?, ...}
boost::json::object PostObject(const State& state, const std::string& id, const PostState& post,
                               const Timestamp& as_of);

// One row of the accession matrix, the way a depositary shows a treaty's status:
// {decision, title, session, body, status, decided, cells: {MEMBER: {state, date, transmitted?}}}
// for the `members` given (a member the decision does not concern has no cell).
boost::json::object AccessionRow(const DecisionState& decision, const std::vector<std::string>& members);

}  // namespace concord
