// RFC 9457 problem details: the one place where errors become HTTP statuses and bodies.
//
//   return Problem(404, "no decision or draft 'x'");
//   return ProblemFor(result.error());   // kNotFound -> 404, kConflict -> 409, ...
#pragma once

#include <string>
#include <string_view>

#include "concord/result.h"
#include "server/http_types.h"

namespace concord {

// The status an error code answers with. kInvalidArgument maps to 400: the caller decides when
// an invalid argument is a rule of the record (422) rather than a malformed request.
int HttpStatusFor(ErrorCode code);

// The standard title of a status, e.g. 422 -> "Unprocessable Content".
std::string_view HttpStatusTitle(int status);

// The field or parameter a problem's detail names ("missing field 'title' ..." -> "title",
// "limit: expected ..." -> "limit"), or "" if it names none.
std::string ProblemField(std::string_view detail);

// An application/problem+json response: {"type","title","status","detail"} (+ "field" where the
// detail names one, + "instance").
HttpResponse Problem(int status, std::string_view detail, std::string_view instance = "");
HttpResponse ProblemFor(const Error& error, std::string_view instance = "");

}  // namespace concord
