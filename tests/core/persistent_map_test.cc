#include "concord/persistent_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace concord {
namespace {

using Map = PersistentMap<std::string, int>;

std::map<std::string, int> Contents(const Map& m) {
  std::map<std::string, int> out;
  std::string last;
  for (const auto& [k, v] : m) {
    EXPECT_TRUE(out.empty() || last < k) << "iteration out of order at " << k;
    last = k;
    out.emplace(k, v);
  }
  return out;
}

TEST(PersistentMap, BehavesAsAnOrderedMapUnderRandomWrites) {
  std::mt19937 rng(7);
  Map map;
  std::map<std::string, int> model;
  for (int i = 0; i < 5000; ++i) {
    const std::string key = "k" + std::to_string(rng() % 1500);
    const int value = static_cast<int>(rng() % 1000);
    map[key] += value;
    model[key] += value;
  }
  EXPECT_EQ(map.size(), model.size());
  EXPECT_EQ(Contents(map), model);
  for (const auto& [k, v] : model) EXPECT_EQ(map.at(k), v);
  EXPECT_EQ(map.count("absent"), 0u);
  EXPECT_THROW((void)map.at("absent"), std::out_of_range);
}

TEST(PersistentMap, FindGivesAnIteratorThatWalksOnInOrder) {
  Map map;
  for (int i = 0; i < 100; ++i) map["k" + std::to_string(100 + i)] = i;
  auto it = map.find("k150");
  ASSERT_NE(it, map.end());
  std::vector<int> rest;
  for (; it != map.end(); ++it) rest.push_back(it->second);
  ASSERT_EQ(rest.size(), 50u);
  EXPECT_EQ(rest.front(), 50);
  EXPECT_EQ(rest.back(), 99);
}

TEST(PersistentMap, ACopyIsASnapshotThatLaterWritesLeaveAlone) {
  std::mt19937 rng(11);
  Map working;
  std::vector<std::pair<Map, std::map<std::string, int>>> snapshots;
  std::map<std::string, int> model;
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 40; ++i) {
      const std::string key = "k" + std::to_string(rng() % 300);
      working[key] = round * 1000 + i;
      model[key] = round * 1000 + i;
    }
    snapshots.emplace_back(working, model);
  }
  for (const auto& [snapshot, expected] : snapshots) EXPECT_EQ(Contents(snapshot), expected);
  EXPECT_EQ(Contents(working), model);
}

TEST(PersistentMap, WritingToACopyLeavesTheOriginalAlone) {
  Map original;
  original["a"] = 1;
  original["b"] = 2;
  Map copy = original;
  copy["a"] = 10;
  copy["c"] = 30;
  original["b"] = 20;
  EXPECT_EQ(Contents(original), (std::map<std::string, int>{{"a", 1}, {"b", 20}}));
  EXPECT_EQ(Contents(copy), (std::map<std::string, int>{{"a", 10}, {"b", 2}, {"c", 30}}));
}

TEST(PersistentMap, ReferencesSurviveLaterInsertsIntoTheSameMap) {
  Map map;
  int& first = map["m"];
  for (int i = 0; i < 1000; ++i) map["k" + std::to_string(i)] = i;  // many rotations
  first = 42;
  EXPECT_EQ(map.at("m"), 42);
}

TEST(PersistentMap, SequentialKeysKeepTheTreeShallow) {
  // Keys in order are the worst case of an unbalanced tree; the iterator's fixed stack would
  // overflow if the tree were not balanced.
  Map map;
  for (int i = 0; i < 100000; ++i) {
    char key[16];
    std::snprintf(key, sizeof key, "%08d", i);
    map[key] = i;
  }
  int expected = 0;
  for (const auto& [k, v] : map) EXPECT_EQ(v, expected++);
  EXPECT_EQ(expected, 100000);
}

}  // namespace
}  // namespace concord
