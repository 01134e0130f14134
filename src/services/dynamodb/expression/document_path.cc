#include "services/dynamodb/expression/document_path.h"

#include <algorithm>
#include <type_traits>

namespace cloudemu::services::dynamodb::expression {
namespace {

using core::Document;

std::string ElementText(const PathElement& element) {
  return element.is_index() ? "[" + std::to_string(element.index) + "]" : element.name;
}

std::string Overlap(const Path& one, const Path& two) {
  return "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: " +
         DescribePath(one) + ", path two: " + DescribePath(two);
}

std::string Conflict(const Path& one, const Path& two) {
  return "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: " +
         DescribePath(one) + ", path two: " + DescribePath(two);
}

template <typename Key>
PathTrie& ChildOf(std::vector<std::pair<Key, PathTrie>>& children, const Key& key, bool& created) {
  auto it = std::lower_bound(children.begin(), children.end(), key,
                             [](const auto& child, const Key& k) { return child.first < k; });
  created = it == children.end() || it->first != key;
  if (created) it = children.emplace(it, key, PathTrie{});
  return it->second;
}

// Walks path[from, to) from `value`; DocumentT is Document or const Document.
template <typename DocumentT>
DocumentT* Walk(DocumentT& value, const Path& path, size_t from, size_t to) {
  DocumentT* current = &value;
  for (size_t i = from; i < to; ++i) {
    const PathElement& element = path[i];
    if (!current->is_map() || current->size() != 1) return nullptr;
    auto& member = *current->AsMap().begin();
    if (member.first != (element.is_index() ? "L" : "M")) return nullptr;
    if constexpr (std::is_const_v<DocumentT>) {
      if (element.is_index()) {
        const core::DocumentList& list = member.second.AsList();
        if (static_cast<size_t>(element.index) >= list.size()) return nullptr;
        current = &list[static_cast<size_t>(element.index)];
      } else {
        current = member.second.Find(element.name);
      }
    } else {
      Document& payload = current->MutableMap().begin()->second;
      if (element.is_index()) {
        core::DocumentList& list = payload.MutableList();
        if (static_cast<size_t>(element.index) >= list.size()) return nullptr;
        current = &list[static_cast<size_t>(element.index)];
      } else {
        auto it = payload.MutableMap().find(element.name);
        current = it == payload.MutableMap().end() ? nullptr : &it->second;
      }
    }
    if (current == nullptr) return nullptr;
  }
  return current;
}

}  // namespace

const Document* ResolvePrefix(const Item& item, const Path& path, size_t length) {
  auto it = item.find(path.front().name);
  if (it == item.end()) return nullptr;
  return Walk<const Document>(it->second, path, 1, length);
}

Document* MutableResolvePrefix(Item& item, const Path& path, size_t length) {
  auto it = item.find(path.front().name);
  if (it == item.end()) return nullptr;
  return Walk<Document>(it->second, path, 1, length);
}

const Document* ResolvePath(const Item& item, const Path& path) { return ResolvePrefix(item, path, path.size()); }

std::string DescribePath(const Path& path) {
  std::string out = "[";
  for (size_t i = 0; i < path.size(); ++i) {
    if (i > 0) out += ", ";
    out += ElementText(path[i]);
  }
  return out + "]";
}

std::optional<std::string> PathCollector::Add(const Path& path) {
  const int id = static_cast<int>(paths_.size());
  paths_.push_back(path);
  PathTrie* node = &trie_;
  for (const PathElement& element : path) {
    if (node->leaf) return Overlap(paths_[static_cast<size_t>(node->path_id)], path);
    bool created = false;
    if (element.is_index()) {
      if (!node->members.empty())
        return Conflict(paths_[static_cast<size_t>(node->members.front().second.path_id)], path);
      node = &ChildOf(node->elements, element.index, created);
    } else {
      if (!node->elements.empty()) {
        return Conflict(paths_[static_cast<size_t>(node->elements.front().second.path_id)], path);
      }
      node = &ChildOf(node->members, element.name, created);
    }
    if (created) node->path_id = id;
  }
  if (node->path_id != id) return Overlap(paths_[static_cast<size_t>(node->path_id)], path);
  node->leaf = true;
  return std::nullopt;
}

}  // namespace cloudemu::services::dynamodb::expression
