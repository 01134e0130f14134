#include "services/dynamodb/expression/projection.h"

#include <algorithm>
#include <memory>
#include <optional>

#include "services/dynamodb/expression/document_path.h"
#include "services/dynamodb/expression/parser.h"
#include "services/dynamodb/expressions.h"

namespace cloudemu::services::dynamodb {
namespace expression {
namespace {

using core::Document;

std::optional<Document> ProjectValue(const Document& value, const PathTrie& node) {
  if (node.leaf) return value;
  std::string_view type = TypeOf(value);
  const Document& payload = Payload(value);
  if (!node.members.empty() && type == "M") {
    core::DocumentMap projected;
    for (const auto& [name, child] : node.members) {
      const Document* member = payload.Find(name);
      if (member == nullptr) continue;
      if (std::optional<Document> part = ProjectValue(*member, child)) projected.emplace(name, std::move(*part));
    }
    if (!projected.empty()) return MakeValue("M", Document(std::move(projected)));
  } else if (!node.elements.empty() && type == "L") {
    core::DocumentList projected;
    const core::DocumentList& list = payload.AsList();
    for (const auto& [index, child] : node.elements) {
      if (static_cast<size_t>(index) >= list.size()) break;  // elements are in ascending order
      if (std::optional<Document> part = ProjectValue(list[static_cast<size_t>(index)], child)) {
        projected.push_back(std::move(*part));
      }
    }
    if (!projected.empty()) return MakeValue("L", Document(std::move(projected)));
  }
  return std::nullopt;
}

}  // namespace

Item ProjectItem(const Item& item, const PathTrie& trie) {
  Item projected;
  for (const auto& [name, child] : trie.members) {
    auto it = item.find(name);
    if (it == item.end()) continue;
    if (std::optional<Document> part = ProjectValue(it->second, child)) projected.emplace(name, std::move(*part));
  }
  return projected;
}

}  // namespace expression

namespace {

std::shared_ptr<const expression::ProjectionTree> TreeOf(const std::vector<expression::Path>& paths) {
  auto tree = std::make_shared<expression::ProjectionTree>();
  expression::PathCollector collector;
  for (const expression::Path& path : paths) {
    // AttributesToGet may repeat a name; expressions were checked by the parser.
    collector.Add(path);
    const std::string& top = path.front().name;
    if (std::find(tree->top_level.begin(), tree->top_level.end(), top) == tree->top_level.end()) {
      tree->top_level.push_back(top);
    }
  }
  tree->trie = collector.Release();
  return tree;
}

}  // namespace

StatusOr<ProjectionExpression> ProjectionExpression::Parse(std::string_view text,
                                                           const ExpressionAttributes& attributes,
                                                           ExpressionUsage& usage) {
  expression::Parser parser(text, "ProjectionExpression", attributes, usage);
  StatusOr<std::vector<expression::Path>> paths = parser.ParseProjection();
  if (!paths.ok()) return paths.status();
  return ProjectionExpression(TreeOf(*paths));
}

ProjectionExpression ProjectionExpression::FromAttributeNames(const std::vector<std::string>& names) {
  std::vector<expression::Path> paths;
  paths.reserve(names.size());
  for (const std::string& name : names) paths.push_back({expression::PathElement{name}});
  return ProjectionExpression(TreeOf(paths));
}

Item ProjectionExpression::Apply(Item item) const {
  if (tree_ == nullptr) return item;
  return expression::ProjectItem(item, tree_->trie);
}

std::vector<std::string> ProjectionExpression::TopLevelAttributes() const {
  return tree_ == nullptr ? std::vector<std::string>() : tree_->top_level;
}

}  // namespace cloudemu::services::dynamodb
