// concord: one program, many subcommands (README.md). This file only parses the command line;
// the work is done by the functions in commands.h. CLI11 is included here and nowhere else.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/export_command.h"
#include "cli/power_command.h"
#include "cli/whatif_command.h"
#include "cli/server_commands.h"

int main(int argc, char** argv) {
  using namespace concord;
  CLI::App app{"concord: a rules-of-procedure engine and secretariat server for multilateral bodies"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "concord 0.1.0");

  std::string charter_path;
  auto* check = app.add_subcommand("check", "Validate a charter file; errors as PATH:LINE:COL: error: MESSAGE");
  check->add_option("CHARTER", charter_path, "charter file (TOML)")->required();

  ReplayOptions replay_opts;
  auto add_record_options = [](CLI::App* cmd, ReplayOptions& o) {
    cmd->add_option("--charter", o.charter, "charter file (default: the embedded CSTO charter)");
    cmd->add_option("--as-of", o.as_of, "show the state on this date (YYYY-MM-DD) or instant (RFC 3339)");
    cmd->add_option("--format", o.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  };
  auto* replay = app.add_subcommand("replay", "Apply histories and print the resulting state");
  add_record_options(replay, replay_opts);
  replay->add_option("HISTORY", replay_opts.histories,
                     "history files (JSON Lines); 'embedded' for the shipped CSTO record")->required();

  ReplayOptions explain_opts;
  std::vector<std::string> explain_args;
  auto* explain = app.add_subcommand("explain", "Explain one decision (draft id) or request, rule by rule");
  add_record_options(explain, explain_opts);
  explain->add_option("ARGS", explain_args, "HISTORY... ID")->required()->expected(2, -1);
  explain->add_option("--lang", explain_opts.lang, "language of the explanation: en or ru")
      ->check(CLI::IsMember({"en", "ru"}))->capture_default_str();

  WhatIfOptions whatif_opts;
  std::vector<std::string> whatif_args;
  auto* whatif = app.add_subcommand("whatif", "A draft's outcome under changes, its pivotal members, the smallest changes that flip it");
  add_record_options(whatif, whatif_opts.record);
  whatif->add_option("ARGS", whatif_args, "HISTORY... DRAFT")->required()->expected(2, -1);
  whatif->add_option("--absent", whatif_opts.changes.absent, "members absent instead: M,...");
  whatif->add_option("--present", whatif_opts.changes.present, "members present instead: M,...");
  whatif->add_option("--non-objection", whatif_opts.changes.non_objection, "members absent with a declared non-objection: M,...");
  whatif->add_option("--position", whatif_opts.changes.positions, "positions instead: M=support|object|abstain|not_interested,...");
  whatif->add_option("--accedes", whatif_opts.changes.accedes, "members acceding after the decision: M,...");
  whatif->add_option("--refuses", whatif_opts.changes.refuses, "members refusing accession: M,...");
  whatif->add_option("--refuses-objecting", whatif_opts.changes.refuses_objecting, "members refusing with an objection: M,...");
  whatif->add_option("--max-changes", whatif_opts.max_changes, "the largest set of changes searched (1 to 4)")
      ->check(CLI::Range(1, 4))->capture_default_str();
  whatif->footer(
      "Example (the Minsk summit of 2023, had Armenia come and objected):\n"
      "  concord whatif embedded minsk-2023-declaration --position ARM=object");

  JournalOptions jopts;
  auto add_store = [&](CLI::App* cmd) {
    cmd->add_option("--store", jopts.store, "journal store: sqlite:PATH or postgresql://...")->capture_default_str();
    cmd->add_option("--key", jopts.key, "secretariat key file (default: PATH.key beside an sqlite store)");
  };
  std::string init_charter;
  auto* init = app.add_subcommand("init", "Create a journal whose first entry holds the charter");
  add_store(init);
  init->add_option("--charter", init_charter, "charter file (default: the embedded CSTO charter)");

  std::vector<std::string> import_files;
  auto* import = app.add_subcommand("import", "Validate histories with the engine and append them to a journal");
  add_store(import);
  import->add_option("HISTORY", import_files, "history files; 'embedded' for the shipped CSTO record")->required();

  // The journal, or the record in an open data format (src/cli/export_command.h, docs/exports.md).
  ExportOptions export_opts;
  auto* exp = app.add_subcommand("export", "Print the journal as JSON Lines, or the record as Popolo, iCalendar, "
                                           "Akoma Ntoso or CSV");
  auto* export_store = exp->add_option("--store", export_opts.journal.store, "journal store: sqlite:PATH or postgresql://...")
                           ->capture_default_str();
  exp->add_option("--out", export_opts.out, "write to this file instead of standard output");
  exp->add_option("--format", export_opts.format, "journal (the default), popolo, ical, akn or csv")
      ->check(CLI::IsMember({"journal", "popolo", "ical", "akn", "csv"}))->capture_default_str();
  exp->add_option("--table", export_opts.table, "with --format csv: decisions, accessions or requests");
  exp->add_option("--decision", export_opts.decision, "with --format akn: the decision (draft id)");
  exp->add_option("--charter", export_opts.record.charter, "with HISTORY: charter file (default: the embedded CSTO charter)");
  exp->add_option("--as-of", export_opts.record.as_of, "the record on this date (YYYY-MM-DD) or instant (RFC 3339)");
  exp->add_option("HISTORY", export_opts.record.histories,
                  "for the record formats: history files; 'embedded' for the shipped CSTO record");
  exp->footer(
      "Examples:\n"
      "  concord export --store sqlite:concord.db --out journal.jsonl\n"
      "  concord export --format ical embedded > sessions.ics\n"
      "  concord export --format akn --decision minsk-2023-budget embedded");

  std::string verify_store, verify_file, verify_expect_head;
  auto* verify = app.add_subcommand("verify", "Verify a journal offline: chain, signatures, every decision");
  auto* vs = verify->add_option("--store", verify_store, "journal store URL");
  auto* vf = verify->add_option("--file", verify_file, "an exported journal (JSON Lines)");
  verify->add_option("--expect-head", verify_expect_head,
                     "SEQ:HASH of an entry seen before (the latest checkpoint kept): exit 3 if the journal "
                     "does not hold it there or ends before it");
  vs->excludes(vf);
  verify->require_option(1, 2);  // --store or --file, and --expect-head if wanted

  auto* key = app.add_subcommand("key", "Manage signing keys");
  key->require_subcommand(1);
  std::string key_out, key_public, key_holder;
  auto* key_new = key->add_subcommand("new", "Generate a key file (Ed25519 seed, hex)");
  key_new->add_option("FILE", key_out, "where to write the key")->required();
  auto* key_register = key->add_subcommand("register", "Register a public key in the journal for a holder");
  add_store(key_register);
  key_register->add_option("--public", key_public, "the public key, 64 hex chars")->required();
  key_register->add_option("--holder", key_holder, "secretariat or a member id")->required();

  std::string sign_key, sign_event;
  auto* sign = app.add_subcommand("sign", "Sign one event offline with your key; prints the signed event");
  sign->add_option("--key", sign_key, "your key file")->required();
  sign->add_option("EVENT", sign_event, "the event as one JSON object")->required();

  std::string submit_event;
  auto* submit = app.add_subcommand("submit", "Append an event signed elsewhere (the output of sign)");
  add_store(submit);
  submit->add_option("SIGNED", submit_event, "the signed event JSON")->required();

  // The secretariat server (src/server/server.h, src/server/tokens.h).
  ServeOptions serve_opts;
  bool serve_no_log = false;
  auto* serve = app.add_subcommand("serve", "Serve the HTTP API over a journal (SIGTERM: finish in-flight work, exit 0)");
  serve->add_option("--store", serve_opts.store, "journal store: sqlite:PATH or postgresql://...")->capture_default_str();
  serve->add_option("--listen", serve_opts.listen, "HOST:PORT to listen on (port 0 picks a free port)")->capture_default_str();
  serve->add_option("--key", serve_opts.key, "secretariat key file (default: PATH.key beside an sqlite store)");
  serve->add_option("--tokens", serve_opts.tokens, "token file (default: PATH.tokens beside an sqlite store)");
  serve->add_option("--read-store", serve_opts.read_store,
                    "a streaming replica of the PostgreSQL store: journal pages and stream backfill are read there");
  serve->add_option("--threads", serve_opts.io_threads, "I/O threads")->capture_default_str();
  serve->add_flag("--no-log", serve_no_log, "do not log requests on stderr");
  serve->add_option("--web-root", serve_opts.web_root, "serve the web application from this folder (development)");
  serve->add_option("--rate-limit", serve_opts.limits.requests_per_second,
                    "requests per second one token may send, sustained (0: no limit; 429 beyond)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  serve->add_option("--burst", serve_opts.limits.burst, "requests a quiet token may send at once")
      ->check(CLI::PositiveNumber)->capture_default_str();
  serve->add_option("--streams-per-token", serve_opts.limits.streams_per_token,
                    "live streams one token may hold open (0: no limit; 429 beyond)")
      ->check(CLI::NonNegativeNumber)->capture_default_str();

  TokenCommandOptions token_opts;
  auto* token = app.add_subcommand("token", "Manage API tokens (kept only as SHA-256 hashes)");
  token->require_subcommand(1);
  auto add_token_store = [&](CLI::App* cmd) {
    cmd->add_option("--store", token_opts.store, "journal store the tokens belong to")->capture_default_str();
    cmd->add_option("--tokens", token_opts.tokens, "token file (default: PATH.tokens beside an sqlite store)");
  };
  auto* token_create = token->add_subcommand("create", "Create a token; it is printed once, alone on the last line");
  add_token_store(token_create);
  token_create->add_option("--role", token_opts.role, "secretariat, delegation:MEMBER, observer or auditor")->required();
  auto* token_revoke = token->add_subcommand("revoke", "Revoke a token (given as itself or by its id)");
  add_token_store(token_revoke);
  token_revoke->add_option("TOKEN", token_opts.token, "the token or its 12-character id")->required();
  auto* token_list = token->add_subcommand("list", "List tokens by id and role");
  add_token_store(token_list);

  DemoOptions demo_opts;
  bool demo_no_log = false;
  auto* demo = app.add_subcommand("demo", "Serve the shipped CSTO record from a fresh journal, with a token per role");
  demo->add_option("--listen", demo_opts.listen, "HOST:PORT to listen on (port 0 picks a free port)")->capture_default_str();
  demo->add_option("--dir", demo_opts.dir, "directory for the journal (default: a new temporary directory)");
  demo->add_flag("--no-log", demo_no_log, "do not log requests on stderr");
  demo->add_option("--web-root", demo_opts.web_root, "serve the web application from this folder (development)");

  // Voting power (src/analysis/, docs/analysis.md).
  PowerCommandOptions power_opts;
  auto* power = app.add_subcommand("power", "Exact voting power (Banzhaf, Penrose, Shapley-Shubik) of each member under a rule");
  power->add_option("--charter", power_opts.charter, "charter file (default: the embedded CSTO charter)");
  power->add_option("--body", power_opts.body, "the body whose rule to weigh (with --matter)");
  power->add_option("--matter", power_opts.matter, "the matter of the body (its rule)");
  power->add_option("--as-of", power_opts.as_of, "YYYY-MM-DD: the body's members on that day (default: today)");
  power->add_option("--weights", power_opts.weights, "a plain weighted game instead: W1,W2,... (with --quota)");
  power->add_option("--quota", power_opts.quota, "the weight a coalition needs to win");
  power->add_option("--names", power_opts.names, "names of the weighted game's players: N1,N2,...");
  power->add_option("--index", power_opts.index, "banzhaf, shapley-shubik or all")->capture_default_str();
  power->add_option("--format", power_opts.format, "text or json")->capture_default_str();
  power->footer(
      "Examples:\n"
      "  concord power --charter embedded:charters/un-security-council.toml --body SC --matter substantive\n"
      "  concord power --weights 4,4,4,2,2,1 --quota 12 --names FR,DE,IT,BE,NL,LU --format json");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  }

  if (check->parsed()) return RunCheck(charter_path, std::cout, std::cerr);
  if (power->parsed()) return RunPower(power_opts, std::cout, std::cerr);
  if (replay->parsed()) return RunReplay(replay_opts, std::cout, std::cerr);
  if (explain->parsed()) {
    const std::string id = explain_args.back();
    explain_args.pop_back();
    explain_opts.histories = explain_args;
    return RunExplain(explain_opts, id, std::cout, std::cerr);
  }
  if (whatif->parsed()) {
    whatif_opts.draft = whatif_args.back();
    whatif_args.pop_back();
    whatif_opts.record.histories = whatif_args;
    return RunWhatIf(whatif_opts, std::cout, std::cerr);
  }
  if (init->parsed()) return RunInit(jopts, init_charter, std::cout, std::cerr);
  if (import->parsed()) return RunImport(jopts, import_files, std::cout, std::cerr);
  if (exp->parsed()) {
    export_opts.store_given = export_store->count() > 0;
    return RunExportCommand(export_opts, std::cout, std::cerr);
  }
  if (verify->parsed()) return RunVerify(verify_store, verify_file, verify_expect_head, std::cout, std::cerr);
  if (key_new->parsed()) return RunKeyNew(key_out, std::cout, std::cerr);
  if (key_register->parsed()) return RunKeyRegister(jopts, key_public, key_holder, std::cout, std::cerr);
  if (sign->parsed()) return RunSign(sign_key, sign_event, std::cout, std::cerr);
  if (submit->parsed()) return RunSubmit(jopts, submit_event, std::cout, std::cerr);
  if (serve->parsed()) {
    serve_opts.log_requests = !serve_no_log;
    return RunServer(serve_opts, std::cout, std::cerr);
  }
  if (token_create->parsed()) return RunTokenCreate(token_opts, std::cout, std::cerr);
  if (token_revoke->parsed()) return RunTokenRevoke(token_opts, std::cout, std::cerr);
  if (token_list->parsed()) return RunTokenList(token_opts, std::cout, std::cerr);
  if (demo->parsed()) {
    demo_opts.log_requests = !demo_no_log;
    demo_opts.populate = [](const std::string& store, std::ostream& out, std::ostream& err) {
      JournalOptions o;
      o.store = store;
      if (int code = RunInit(o, "", out, err); code != 0) return code;
      return RunImport(o, {"embedded"}, out, err);
    };
    return RunDemo(demo_opts, std::cout, std::cerr);
  }
  return static_cast<int>(ExitCode::kUsage);
}
