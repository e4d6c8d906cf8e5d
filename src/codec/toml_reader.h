// Reading a TOML table with every problem located: the reader behind the charter builder
// (charter_toml.cc). toml++ gives every key and value its line and column; a Reader reads the
// keys of one table as typed values, reports a missing or mistyped key at its place, and at the
// end reports every key nobody read. Private to the codec: only its .cc files include it.
//
//   Sink sink("charters/csto.toml");
//   Reader r(sink, table, "[bodies.CSC]");
//   std::optional<std::string> name = r.Str("name", /*required=*/true);
//   r.Finish();                    // "unknown key 'nmae' in [bodies.CSC]"
//   sink.Take();                   // every Diagnostic, sorted by line and column
#pragma once

#include <toml++/toml.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "codec/charter_toml.h"

namespace concord::toml_reading {

using Region = toml::source_region;

inline std::string DateText(const toml::date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year),
                static_cast<unsigned>(d.month), static_cast<unsigned>(d.day));
  return buf;
}

inline const char* TypeName(toml::node_type t) {
  switch (t) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

inline std::string Quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// Collects diagnostics for one file.
class Sink {
 public:
  explicit Sink(std::string_view path) : path_(path) {}
  void Error(const Region& at, std::string message) {
    errors_.push_back(Diagnostic{path_, static_cast<int>(at.begin.line),
                                 static_cast<int>(at.begin.column), std::move(message)});
  }
  std::vector<Diagnostic> Take() {
    std::stable_sort(errors_.begin(), errors_.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    return std::move(errors_);
  }

 private:
  std::string path_;
  std::vector<Diagnostic> errors_;
};

// A string value with the place it was written.
struct Located {
  std::string value;
  Region at;
};

// What each typed read wants, for "'key' in [table] must be a string, not an integer".
template <class T>
struct ValueKind;
template <>
struct ValueKind<std::string> {
  static constexpr const char* kWanted = "a string";
};
template <>
struct ValueKind<std::int64_t> {
  static constexpr const char* kWanted = "an integer";
};
template <>
struct ValueKind<bool> {
  static constexpr const char* kWanted = "a boolean";
};
template <>
struct ValueKind<toml::date> {
  static constexpr const char* kWanted = "a date (YYYY-MM-DD, unquoted)";
};

template <class E>
using EnumTable = std::vector<std::pair<std::string_view, E>>;

// Reads the keys of one table. Every key read (or declared known) is remembered, so that Finish()
// can report the keys nobody asked for.
class Reader {
 public:
  Reader(Sink& sink, const toml::table& table, std::string context)
      : sink_(sink), table_(table), ctx_(std::move(context)) {}

  const std::string& ctx() const { return ctx_; }
  const Region& at() const { return table_.source(); }
  Sink& sink() { return sink_; }

  // The node under `key`, or null; marks the key as known either way.
  const toml::node* Get(std::string_view key) {
    known_.insert(std::string(key));
    return table_.get(key);
  }
  bool Has(std::string_view key) { return Get(key) != nullptr; }
  Region KeyAt(std::string_view key) const {
    auto it = table_.find(key);
    return it == table_.end() ? table_.source() : it->first.source();
  }

  void Missing(std::string_view key) {
    sink_.Error(at(), "missing required key " + Quote(key) + " in " + ctx_);
  }
  void WrongType(std::string_view key, const toml::node& node, std::string_view want) {
    sink_.Error(node.source(), Quote(key) + " in " + ctx_ + " must be " + std::string(want) +
                                   ", not " + TypeName(node.type()));
  }

  std::optional<std::string> Str(std::string_view key, bool required) { return Value<std::string>(key, required); }
  std::optional<std::int64_t> Int(std::string_view key, bool required) { return Value<std::int64_t>(key, required); }

  // An integer that must be > 0 (positive) or >= 0 and fit an int.
  std::optional<int> SmallInt(std::string_view key, bool required, bool allow_zero) {
    auto v = Int(key, required);
    if (!v) return std::nullopt;
    const Region& where = Get(key)->source();
    if (*v < 0 || (*v == 0 && !allow_zero)) {
      sink_.Error(where, Quote(key) + " in " + ctx_ + " must be " +
                             (allow_zero ? "zero or more" : "positive") + ", not " +
                             std::to_string(*v));
      return std::nullopt;
    }
    if (*v > INT_MAX) {
      sink_.Error(where, Quote(key) + " in " + ctx_ + " is too large");
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }

  std::optional<bool> Bool(std::string_view key) { return Value<bool>(key, false); }
  std::optional<toml::date> Date(std::string_view key, bool required) { return Value<toml::date>(key, required); }

  // A value of one TOML type (ValueKind below) under `key`: missing and mistyped keys reported.
  template <class T>
  std::optional<T> Value(std::string_view key, bool required) {
    const toml::node* n = Get(key);
    if (!n) {
      if (required) Missing(key);
      return std::nullopt;
    }
    const auto* v = n->as<T>();
    if (v == nullptr) {
      WrongType(key, *n, ValueKind<T>::kWanted);
      return std::nullopt;
    }
    return T(v->get());
  }

  // [numerator, denominator] with 0 <= numerator <= denominator and denominator > 0.
  std::optional<Fraction> Frac(std::string_view key, bool required) {
    const toml::node* n = Get(key);
    if (!n) {
      if (required) Missing(key);
      return std::nullopt;
    }
    const toml::array* a = n->as_array();
    if (!a || a->size() != 2 || !(*a)[0].is_integer() || !(*a)[1].is_integer()) {
      sink_.Error(n->source(), Quote(key) + " in " + ctx_ +
                                   " must be [numerator, denominator], e.g. [2, 3]");
      return std::nullopt;
    }
    Fraction f{(*a)[0].as_integer()->get(), (*a)[1].as_integer()->get()};
    const std::string shown = Quote(key) + " [" + std::to_string(f.num) + ", " +
                              std::to_string(f.den) + "] in " + ctx_;
    if (f.den <= 0) {
      sink_.Error(n->source(), shown + " needs a positive denominator");
      return std::nullopt;
    }
    if (f.num < 0) {
      sink_.Error(n->source(), shown + " has a negative numerator");
      return std::nullopt;
    }
    if (f.num > f.den) {
      sink_.Error(n->source(), shown + " is more than the whole");
      return std::nullopt;
    }
    return f;
  }

  // An array of strings; reports non-strings element by element.
  std::optional<std::vector<Located>> StrList(std::string_view key, bool required) {
    const toml::node* n = Get(key);
    if (!n) {
      if (required) Missing(key);
      return std::nullopt;
    }
    const toml::array* a = n->as_array();
    if (!a) {
      WrongType(key, *n, "an array of strings");
      return std::nullopt;
    }
    std::vector<Located> out;
    for (const toml::node& e : *a) {
      if (!e.is_string()) {
        sink_.Error(e.source(), "elements of " + Quote(key) + " in " + ctx_ +
                                    " must be strings, not " + TypeName(e.type()));
        continue;
      }
      out.push_back(Located{std::string(e.as_string()->get()), e.source()});
    }
    return out;
  }

  const toml::table* Table(std::string_view key, bool required) {
    const toml::node* n = Get(key);
    if (!n) {
      if (required) Missing(key);
      return nullptr;
    }
    if (!n->is_table()) {
      WrongType(key, *n, "a table");
      return nullptr;
    }
    return n->as_table();
  }

  template <class E>
  std::optional<E> Enum(std::string_view key, const EnumTable<E>& values, bool required) {
    auto s = Str(key, required);
    if (!s) return std::nullopt;
    for (const auto& [name, value] : values) {
      if (name == *s) return value;
    }
    std::string allowed;
    for (const auto& [name, value] : values) {
      if (!allowed.empty()) allowed += ", ";
      allowed += name;
    }
    sink_.Error(Get(key)->source(), "unknown value " + Quote(*s) + " for " + Quote(key) + " in " +
                                        ctx_ + " (expected one of: " + allowed + ")");
    return std::nullopt;
  }

  // Reports keys nobody read. Keys of `family` (keys that belong to other variants of this
  // table) are reported as not applying to `variant`.
  void Finish(const std::set<std::string>* family = nullptr, std::string_view variant = {}) {
    for (auto&& [k, v] : table_) {
      const std::string key(k.str());
      if (known_.count(key)) continue;
      if (family && family->count(key)) {
        sink_.Error(k.source(), "key " + Quote(key) + " does not apply to " +
                                    std::string(variant) + " in " + ctx_);
      } else {
        sink_.Error(k.source(), "unknown key " + Quote(key) + " in " + ctx_);
      }
    }
  }

  // Marks keys as known without reading them (used when a variant could not be determined, so
  // that a bad `kind` does not also flood the output with "does not apply").
  void KnowAll(const std::set<std::string>& keys) { known_.insert(keys.begin(), keys.end()); }

 private:
  Sink& sink_;
  const toml::table& table_;
  std::string ctx_;
  std::set<std::string> known_;
};

}  // namespace concord::toml_reading
