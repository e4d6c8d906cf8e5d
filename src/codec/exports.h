// The record in open data formats (docs/exports.md): Popolo JSON, iCalendar, Akoma Ntoso XML and
// CSV tables. Pure functions of the state, the charter and the date asked about, so that the CLI
// (`concord export --format ...`) and the API (`GET /api/v0/export`) give the same bytes.
//
//   std::string ics = SessionsICalendar(state, state.CurrentCharter(), as_of);
//   Result<std::string> xml = DecisionAkomaNtoso(state, state.CurrentCharter(), "minsk-2023-budget", as_of);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "concord/state.h"

namespace concord {

// The organization, its bodies and its member states (organizations with classification
// "state"), the persons holding its posts, the memberships that join them, the posts, and one
// vote event per decided draft, with counts and each member's vote. Pretty-printed JSON.
std::string PopoloJson(const State& state, const Charter& charter, const Timestamp& as_of);

// RFC 5545: one VEVENT per session, CRLF line endings, lines folded at 75 octets.
std::string SessionsICalendar(const State& state, const Charter& charter, const Timestamp& as_of);

// One decision (or draft) as an Akoma Ntoso 1.0 document: FRBR identification, references,
// preface (title, body, date, status), and a table of each member's status and its date.
// kNotFound if there is no such draft.
Result<std::string> DecisionAkomaNtoso(const State& state, const Charter& charter, const std::string& id,
                                       const Timestamp& as_of);

// RFC 4180 tables (CRLF, fields quoted where needed), each with a header line.
// Every draft and decision, in the record's order.
std::string DecisionsCsv(const State& state, const Timestamp& as_of);
// The accession matrix: the given decisions (decided ones, in order) x the given members.
std::string AccessionsCsv(const std::vector<const DecisionState*>& decisions, const std::vector<std::string>& members);
// The whole matrix: every decided draft x every member of the record.
std::string AccessionsCsv(const State& state);
// Each request's stages as of `as_of`: the steps reached and the charter's stages not reached.
std::string RequestsCsv(const State& state, const Timestamp& as_of);

// The tables CsvTable names, and the table itself (kInvalidArgument for another name).
const std::vector<std::string>& CsvTables();
Result<std::string> CsvTable(const State& state, std::string_view table, const Timestamp& as_of);

// A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, quote or line break.
std::string CsvField(std::string_view s);

}  // namespace concord
