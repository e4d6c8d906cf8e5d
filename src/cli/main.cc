// concord: one program, many subcommands (contract.md §3). This file only parses the command line;
// the work is done by the functions in commands.h. CLI11 is included here and nowhere else.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/exit_codes.h"

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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  }

  if (check->parsed()) return RunCheck(charter_path, std::cout, std::cerr);
  if (replay->parsed()) return RunReplay(replay_opts, std::cout, std::cerr);
  if (explain->parsed()) {
    const std::string id = explain_args.back();
    explain_args.pop_back();
    explain_opts.histories = explain_args;
    return RunExplain(explain_opts, id, std::cout, std::cerr);
  }
  return static_cast<int>(ExitCode::kUsage);
}
