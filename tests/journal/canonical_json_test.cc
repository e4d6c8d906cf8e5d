#include "journal/canonical_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace concord {
namespace {

namespace json = boost::json;

std::string Canon(std::string_view text) {
  Result<std::string> out = CanonicalJson(json::parse(text));
  EXPECT_TRUE(out) << out.error().message;
  return out ? *out : std::string();
}

TEST(CanonicalJsonTest, RfcStringEscaping) {
  // RFC 8785 section 3.2.2.2: the string example.
  EXPECT_EQ(Canon(R"(["\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/"])"),
            "[\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"]");
}

TEST(CanonicalJsonTest, RfcLiteralsAndKeyOrderWithoutWhitespace) {
  EXPECT_EQ(Canon(R"({ "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
                      "literals": [null, true, false] })"),
            "{\"literals\":[null,true,false],\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\"
            "\\\"/\"}");
}

TEST(CanonicalJsonTest, RfcSortsKeysByUtf16CodeUnits) {
  // RFC 8785 section 3.2.3: the emoji (a surrogate pair, 0xD83D...) sorts before U+FB33,
  // although its code point is larger.
  std::string out = Canon(R"({
    "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"})");
  EXPECT_EQ(out,
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xC2\x80\":\"Control\","
            "\"\xC3\xB6\":\"Latin Small Letter O With Diaeresis\",\"\xE2\x82\xAC\":\"Euro Sign\","
            "\"\xF0\x9F\x98\x80\":\"Emoji: Grinning Face\","
            "\"\xEF\xAC\xB3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

TEST(CanonicalJsonTest, NestedObjectsAndControlCharacters) {
  EXPECT_EQ(Canon(R"({"b": {"z": [1, -2, {"y": "", "x": "\u001f\u007f"}]}, "a": 0})"),
            "{\"a\":0,\"b\":{\"z\":[1,-2,{\"x\":\"\\u001f\x7f\",\"y\":\"\"}]}}");
  EXPECT_EQ(Canon("{}"), "{}");
  EXPECT_EQ(Canon("[]"), "[]");
  // U+2028 stays literal, as ECMAScript's JSON.stringify leaves it.
  EXPECT_EQ(Canon(R"(["\u2028"])"), "[\"\xE2\x80\xA8\"]");
}

TEST(CanonicalJsonTest, IntegersInSafeRangeOnly) {
  EXPECT_EQ(Canon("[9007199254740991,-9007199254740991,0,-7]"),
            "[9007199254740991,-9007199254740991,0,-7]");
  Result<std::string> big = CanonicalJson(json::parse("[9007199254740992]"));
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().message, "canonical JSON: integer outside +-(2^53-1) at $[0]");
  EXPECT_FALSE(CanonicalJson(json::parse("[18446744073709551615]")));
  EXPECT_FALSE(CanonicalJson(json::parse("[-9007199254740992]")));
}

TEST(CanonicalJsonTest, RejectsDoublesWithPath) {
  Result<std::string> out = CanonicalJson(json::parse(R"({"event": {"votes": [1, 2, 2.5]}})"));
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(out.error().message,
            "canonical JSON: non-integer number (only integers are allowed) at $.event.votes[2]");
  EXPECT_FALSE(CanonicalJson(json::parse("[1.0]")));
  EXPECT_FALSE(CanonicalJson(json::parse("[1e3]")));
}

TEST(CanonicalJsonTest, RejectsInvalidUtf8) {
  json::value v = json::array{json::string("ab\xC3")};
  Result<std::string> out = CanonicalJson(v);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().message, "canonical JSON: invalid UTF-8 in string at $[0]");
  json::value overlong = json::array{json::string("\xC0\xAF")};
  EXPECT_FALSE(CanonicalJson(overlong));
  json::value surrogate = json::array{json::string("\xED\xA0\x80")};
  EXPECT_FALSE(CanonicalJson(surrogate));
}

TEST(CanonicalJsonTest, ParseCanonicalAcceptsOnlyCanonicalBytes) {
  EXPECT_TRUE(ParseCanonicalJson(R"({"a":1,"b":[true,null]})"));
  Result<json::value> spaced = ParseCanonicalJson(R"({"a": 1})");
  ASSERT_FALSE(spaced);
  EXPECT_EQ(spaced.error().message,
            "not in canonical form (RFC 8785): first difference at byte 5");
  EXPECT_FALSE(ParseCanonicalJson(R"({"b":1,"a":2})"));
  EXPECT_FALSE(ParseCanonicalJson(R"(["\u0041"])"));   // escaped where a literal is due
  EXPECT_FALSE(ParseCanonicalJson(R"({"a":1,"a":1})"));  // duplicate keys
  EXPECT_FALSE(ParseCanonicalJson("[-0]"));
  Result<json::value> broken = ParseCanonicalJson("{\"a\":");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().message.rfind("not valid JSON: ", 0), 0u);
}

}  // namespace
}  // namespace concord
