// The subcommands of `concord` as plain functions: main.cc parses the command line (CLI11 lives
// there only) and calls these. Each returns the process exit code (exit_codes.h) and writes its
// output to the given streams, so tests can call them directly.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace concord {

struct ReplayOptions {
  std::string charter;                 // path; empty: the embedded CSTO charter
  std::vector<std::string> histories;  // paths; "embedded:NAME" or "embedded" for all shipped
  std::string as_of;                   // RFC 3339 or YYYY-MM-DD; empty: everything
  std::string format = "text";         // text | json
  std::string lang = "en";             // explain: en | ru
};

int RunCheck(const std::string& charter_path, std::ostream& out, std::ostream& err);
int RunReplay(const ReplayOptions& options, std::ostream& out, std::ostream& err);
// Explains a decision (draft id) or a request id.
int RunExplain(const ReplayOptions& options, const std::string& id, std::ostream& out, std::ostream& err);

}  // namespace concord

namespace concord {

struct JournalOptions {
  std::string store = "sqlite:concord.db";
  std::string key;  // secretariat key file (64 hex chars of an Ed25519 seed); default: see KeyPathFor
};


// Creates a journal whose first entry holds the charter and the secretariat key (created in the
// key file if the file does not exist yet).
int RunInit(const JournalOptions& o, const std::string& charter_path, std::ostream& out, std::ostream& err);
// Validates every event with the engine and appends it; stops at the first bad line.
int RunImport(const JournalOptions& o, const std::vector<std::string>& histories, std::ostream& out,
              std::ostream& err);
int RunExport(const JournalOptions& o, const std::string& out_path, std::ostream& out, std::ostream& err);
// Verifies a store (--store) or an export file (--file) offline: chain, hashes, signatures against
// the journal's key registry, and every event (and recorded decision) re-derived by the engine.
// `expect_head` "SEQ:HASH" (or empty): the journal must hold that entry at that place.
int RunVerify(const std::string& store_url, const std::string& file, const std::string& expect_head,
              std::ostream& out, std::ostream& err);
// Writes a new key (seed hex) to `path` and prints its id and public key.
int RunKeyNew(const std::string& path, std::ostream& out, std::ostream& err);
// Registers a public key for a holder (secretariat or a member id), signed by the secretariat.
int RunKeyRegister(const JournalOptions& o, const std::string& public_hex, const std::string& holder,
                   std::ostream& out, std::ostream& err);
// Signs one event (JSON object text) with a key file: prints {"event":..,"key":..,"sig":..}.
int RunSign(const std::string& key_path, const std::string& event_json, std::ostream& out, std::ostream& err);
// Appends one signed event (the output of `sign`) to the journal.
int RunSubmit(const JournalOptions& o, const std::string& signed_json, std::ostream& out, std::ostream& err);

}  // namespace concord
