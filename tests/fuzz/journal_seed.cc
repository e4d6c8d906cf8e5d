// Writes journal_fuzz's seeds into a folder: the board journal (board_journal.h) whole, its first
// entry alone and its first half.
//
//   journal_seed OUT_DIR
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "board_journal.h"

int main(int argc, char** argv) {
  if (argc != 2) concord::fuzz::Die("usage: journal_seed OUT_DIR");
  const std::string out = argv[1];
  const std::vector<concord::StoredEntry> entries = concord::fuzz::BoardJournal();
  for (const std::size_t n : {entries.size(), std::size_t{1}, entries.size() / 2}) {
    const std::string path = out + "/journal-" + std::to_string(n) + ".jsonl";
    std::ofstream f(path, std::ios::binary);
    for (std::size_t i = 0; i < n; ++i) f << entries[i].line << '\n';
    if (!f) concord::fuzz::Die("cannot write " + path);
  }
  std::printf("journal_seed: %zu entries in %s\n", entries.size(), out.c_str());
  return 0;
}
