// RFC 9457 problem details (http_errors.h).
#include "server/http_errors.h"

#include <boost/json.hpp>

namespace concord {
namespace {

struct StatusRow {
  int status;
  std::string_view title;
  std::string_view slug;  // the problem type: "/problems/<slug>" (documented in docs/api.md)
};

// Every status the API answers with an error, in one table.
constexpr StatusRow kStatuses[] = {
    {400, "Bad Request", "bad-request"},
    {401, "Unauthorized", "unauthorized"},
    {403, "Forbidden", "forbidden"},
    {404, "Not Found", "not-found"},
    {405, "Method Not Allowed", "method-not-allowed"},
    {409, "Conflict", "conflict"},
    {413, "Content Too Large", "content-too-large"},
    {422, "Unprocessable Content", "rule-violation"},
    {500, "Internal Server Error", "internal"},
    {503, "Service Unavailable", "unavailable"},
};

const StatusRow* FindRow(int status) {
  for (const auto& row : kStatuses) {
    if (row.status == status) return &row;
  }
  return nullptr;
}

}  // namespace

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kCorruption:
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

std::string_view HttpStatusTitle(int status) {
  if (const StatusRow* row = FindRow(status)) return row->title;
  return "Error";
}

HttpResponse Problem(int status, std::string_view detail, std::string_view instance) {
  const StatusRow* row = FindRow(status);
  boost::json::object o;
  o["type"] = std::string("/problems/") + std::string(row ? row->slug : "error");
  o["title"] = HttpStatusTitle(status);
  o["status"] = status;
  o["detail"] = detail;
  if (!instance.empty()) o["instance"] = instance;
  HttpResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(o) + "\n";
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"concord\"");
  return r;
}

HttpResponse ProblemFor(const Error& error, std::string_view instance) {
  return Problem(HttpStatusFor(error.code), error.message, instance);
}

}  // namespace concord
