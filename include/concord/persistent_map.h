// PersistentMap: an ordered map whose copies share structure, so that copying costs O(1) and a
// change after a copy costs O(log n) plus one copy of the value changed.
//
// The engine keeps its state in these maps so that the ledger can publish a snapshot of the
// record after every commit without copying the record: the snapshot and the working state share
// every node until the working state changes one, and then only the path to that node is copied
// (path copying in an AVL tree). Reading is std::map's interface; writing is operator[] alone.
//
//   PersistentMap<std::string, int> working;
//   working["a"] = 1;
//   const PersistentMap<std::string, int> snapshot = working;  // O(1), shares every node
//   working["a"] = 2;                                          // copies one path
//   assert(snapshot.at("a") == 1 && working.at("a") == 2);
//
// Ownership rather than reference counts decides when a node may change in place: each map has
// an owner token, each node the token of the map that made it. Copying a map gives both sides
// fresh tokens, so every existing node becomes shared and is copied before it changes; nodes a
// map made since are its own and change in place (a batch of events touching one decision copies
// it once). A const map is never changed, so snapshots may be read from any thread.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <utility>

namespace concord {

namespace persistent_map_detail {
inline std::uint64_t NextOwner() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace persistent_map_detail

template <class K, class V, class Compare = std::less<>>
class PersistentMap {
 public:
  using key_type = K;
  using mapped_type = V;
  using value_type = std::pair<const K, V>;

 private:
  struct Node {
    Node(const K& key, std::uint64_t o) : kv(key, V{}), owner(o) {}
    Node(const Node& other, std::uint64_t o)
        : kv(other.kv), left(other.left), right(other.right), owner(o), height(other.height) {}
    value_type kv;
    std::shared_ptr<Node> left, right;
    std::uint64_t owner;
    std::uint8_t height = 1;
  };
  // An AVL tree of n nodes is at most 1.45·log2(n + 2) high: under 96 for any n a size_t holds,
  // which bounds every walk down the tree (and the iterator's stack) whatever the input.
  static constexpr int kMaxHeight = 96;

 public:
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = PersistentMap::value_type;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = const value_type&;

    const_iterator() = default;
    reference operator*() const { return stack_[depth_ - 1]->kv; }
    pointer operator->() const { return &stack_[depth_ - 1]->kv; }
    const_iterator& operator++() {
      const Node* n = stack_[--depth_];
      PushLeft(n->right.get());
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) {
      if (a.depth_ == 0 || b.depth_ == 0) return a.depth_ == b.depth_;
      return a.stack_[a.depth_ - 1] == b.stack_[b.depth_ - 1];
    }

   private:
    friend class PersistentMap;
    // The stack holds the current node on top and below it the ancestors still to visit.
    void Push(const Node* n) { stack_[depth_++] = n; }
    void PushLeft(const Node* n) {
      for (; n != nullptr; n = n->left.get()) Push(n);
    }
    std::array<const Node*, kMaxHeight> stack_{};
    int depth_ = 0;
  };
  using iterator = const_iterator;

  PersistentMap() : owner_(persistent_map_detail::NextOwner()) {}
  PersistentMap(const PersistentMap& other)
      : root_(other.root_), size_(other.size_), owner_(persistent_map_detail::NextOwner()) {
    other.owner_.store(persistent_map_detail::NextOwner(), std::memory_order_relaxed);
  }
  PersistentMap(PersistentMap&& other) noexcept
      : root_(std::move(other.root_)), size_(std::exchange(other.size_, 0)),
        owner_(other.owner_.load(std::memory_order_relaxed)) {
    other.owner_.store(persistent_map_detail::NextOwner(), std::memory_order_relaxed);
  }
  PersistentMap& operator=(const PersistentMap& other) {
    if (this != &other) *this = PersistentMap(other);
    return *this;
  }
  PersistentMap& operator=(PersistentMap&& other) noexcept {
    if (this != &other) {
      root_ = std::move(other.root_);
      size_ = std::exchange(other.size_, 0);
      owner_.store(other.owner_.load(std::memory_order_relaxed), std::memory_order_relaxed);
      other.owner_.store(persistent_map_detail::NextOwner(), std::memory_order_relaxed);
    }
    return *this;
  }
  // Destruction recurses through shared_ptr destructors no deeper than the tree is high.
  ~PersistentMap() = default;

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  const_iterator begin() const {
    const_iterator it;
    it.PushLeft(root_.get());
    return it;
  }
  const_iterator end() const { return const_iterator(); }

  template <class Key>
  const_iterator find(const Key& key) const {
    const_iterator it;
    for (const Node* n = root_.get(); n != nullptr;) {
      if (less_(key, n->kv.first)) {
        it.Push(n);  // an ancestor the in-order walk comes back to
        n = n->left.get();
      } else if (less_(n->kv.first, key)) {
        n = n->right.get();
      } else {
        it.Push(n);
        return it;
      }
    }
    return end();
  }
  template <class Key>
  std::size_t count(const Key& key) const { return find(key) == end() ? 0 : 1; }
  template <class Key>
  bool contains(const Key& key) const { return find(key) != end(); }
  template <class Key>
  const V& at(const Key& key) const {
    const_iterator it = find(key);
    if (it == end()) throw std::out_of_range("PersistentMap::at: no such key");
    return it->second;
  }

  // The entry with the greatest key not after `key`, or null.
  template <class Key>
  const value_type* last_not_after(const Key& key) const {
    const value_type* found = nullptr;
    for (const Node* n = root_.get(); n != nullptr;) {
      if (less_(key, n->kv.first)) {
        n = n->left.get();
      } else {
        found = &n->kv;
        n = n->right.get();
      }
    }
    return found;
  }

  // The value at `key`, inserted default-constructed if missing, ready to change: the nodes on
  // the way that this map shares with a copy are copied first. The reference stays valid until
  // the map is copied or destroyed (later inserts move no value).
  V& operator[](const K& key) {
    std::array<std::shared_ptr<Node>*, kMaxHeight> path{};
    int depth = 0;
    std::shared_ptr<Node>* slot = &root_;
    const std::uint64_t owner = owner_.load(std::memory_order_relaxed);
    while (*slot) {
      Own(*slot, owner);
      Node* n = slot->get();
      if (less_(key, n->kv.first)) {
        path[depth++] = slot;
        slot = &n->left;
      } else if (less_(n->kv.first, key)) {
        path[depth++] = slot;
        slot = &n->right;
      } else {
        return n->kv.second;
      }
    }
    *slot = std::make_shared<Node>(key, owner);
    V& inserted = (*slot)->kv.second;
    ++size_;
    while (depth > 0) Rebalance(*path[--depth], owner);
    return inserted;
  }

 private:
  static int Height(const std::shared_ptr<Node>& n) { return n ? n->height : 0; }
  static void FixHeight(Node& n) {
    n.height = static_cast<std::uint8_t>(1 + std::max(Height(n.left), Height(n.right)));
  }
  static void Own(std::shared_ptr<Node>& slot, std::uint64_t owner) {
    if (slot->owner != owner) slot = std::make_shared<Node>(*slot, owner);
  }
  // Rotations relink nodes without copying their values, so references handed out stay valid.
  static void RotateRight(std::shared_ptr<Node>& slot, std::uint64_t owner) {
    Own(slot->left, owner);
    std::shared_ptr<Node> n = std::move(slot);
    std::shared_ptr<Node> l = std::move(n->left);
    n->left = std::move(l->right);
    FixHeight(*n);
    l->right = std::move(n);
    FixHeight(*l);
    slot = std::move(l);
  }
  static void RotateLeft(std::shared_ptr<Node>& slot, std::uint64_t owner) {
    Own(slot->right, owner);
    std::shared_ptr<Node> n = std::move(slot);
    std::shared_ptr<Node> r = std::move(n->right);
    n->right = std::move(r->left);
    FixHeight(*n);
    r->left = std::move(n);
    FixHeight(*r);
    slot = std::move(r);
  }
  // `slot` is owned (it is on the path just walked down).
  static void Rebalance(std::shared_ptr<Node>& slot, std::uint64_t owner) {
    Node& n = *slot;
    FixHeight(n);
    const int balance = Height(n.left) - Height(n.right);
    if (balance > 1) {
      Own(n.left, owner);
      if (Height(n.left->left) < Height(n.left->right)) RotateLeft(n.left, owner);
      RotateRight(slot, owner);
    } else if (balance < -1) {
      Own(n.right, owner);
      if (Height(n.right->right) < Height(n.right->left)) RotateRight(n.right, owner);
      RotateLeft(slot, owner);
    }
  }
  std::shared_ptr<Node> root_;
  std::size_t size_ = 0;
  mutable std::atomic<std::uint64_t> owner_;
  [[no_unique_address]] Compare less_{};
};

}  // namespace concord
