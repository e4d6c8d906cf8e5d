// RFC 9457 problem details (http_errors.h).
#include "server/http_errors.h"

#include <algorithm>
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
    {429, "Too Many Requests", "too-many-requests"},
    {431, "Request Header Fields Too Large", "header-fields-too-large"},
    {500, "Internal Server Error", "internal"},
    {503, "Service Unavailable", "unavailable"},
};

const StatusRow* FindRow(int status) {
  for (const auto& row : kStatuses) {
    if (row.status == status) return &row;
  }
  return nullptr;
}

bool IsFieldName(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

}  // namespace

std::string ProblemField(std::string_view detail) {
  // "missing field 'title' for draft.tabled", "field 'at': ...", "unknown field 'memebr' ..."
  for (std::string_view lead : {"missing field '", "unknown field '", "field '"}) {
    if (detail.substr(0, lead.size()) == lead) {
      const std::size_t end = detail.find('\'', lead.size());
      if (end != std::string_view::npos) return std::string(detail.substr(lead.size(), end - lead.size()));
    }
  }
  // "limit: expected 1 to 500, got '0'", "parties: ...": a parameter or field named first.
  const std::size_t colon = detail.find(": ");
  if (colon != std::string_view::npos && IsFieldName(detail.substr(0, colon))) return std::string(detail.substr(0, colon));
  return "";
}

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kRejected: return 422;
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

namespace {

// `text` with every byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD: a
// detail may quote what the client sent (a decoded "%ff%fe"), and a problem body is JSON, which
// must be valid UTF-8.
std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = n > 0 && i + n <= text.size() && !(n == 2 && c < 0xC2) && !(n == 4 && c > 0xF4);
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (ok && n == 3) {  // no overlong forms, no surrogates
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && n == 4) {
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

}  // namespace

HttpResponse Problem(int status, std::string_view raw_detail, std::string_view instance) {
  const std::string detail = ValidUtf8(raw_detail);
  const StatusRow* row = FindRow(status);
  boost::json::object o;
  o["type"] = std::string("/problems/") + std::string(row ? row->slug : "error");
  o["title"] = HttpStatusTitle(status);
  o["status"] = status;
  o["detail"] = detail;
  // The request field or parameter the problem concerns, where the message names one, so that
  // a form can show the error next to it.
  if (const std::string field = ProblemField(detail); !field.empty()) o["field"] = field;
  if (!instance.empty()) o["instance"] = ValidUtf8(instance);
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
