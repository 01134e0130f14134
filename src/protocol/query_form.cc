#include "protocol/query_form.h"

#include <algorithm>
#include <charconv>

#include "protocol/shape_values.h"

namespace cloudemu::protocol {
namespace {

using core::Document;

// The parameters as a tree of dotted segments; views into the parameters.
struct Node {
  std::string_view value;
  std::vector<std::pair<std::string_view, Node>> children;

  const Node* Find(std::string_view name) const {
    for (const auto& [key, child] : children) {
      if (key == name) return &child;
    }
    return nullptr;
  }
  Node& Child(std::string_view name) {
    for (auto& [key, child] : children) {
      if (key == name) return child;
    }
    return children.emplace_back(name, Node()).second;
  }
  // Children named 1, 2, ... in numeric order (AWS lists are 1-based).
  std::vector<std::pair<int, const Node*>> Indexed() const {
    std::vector<std::pair<int, const Node*>> items;
    for (const auto& [key, child] : children) {
      int index = 0;
      auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), index);
      if (ec == std::errc() && end == key.data() + key.size() && index > 0) items.emplace_back(index, &child);
    }
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return items;
  }
};

Node BuildTree(const FormParams& params) {
  Node root;
  for (const auto& [name, value] : params) {
    Node* node = &root;
    std::string_view rest = name;
    while (true) {
      size_t dot = rest.find('.');
      node = &node->Child(rest.substr(0, dot));
      if (dot == std::string_view::npos) break;
      rest.remove_prefix(dot + 1);
    }
    node->value = value;
  }
  return root;
}

class FormDecoder {
 public:
  explicit FormDecoder(const QueryNaming& naming) : naming_(naming) {}

  StatusOr<Document> Structure(const Node& node, const Shape& shape, const std::string& path) {
    Document out = Document::Map();
    for (const MemberRef& m : shape.members) {
      std::string name = naming_.InputName(m);
      const Node* child = node.Find(name);
      if (child == nullptr) continue;
      auto value = Value(*child, m, path.empty() ? name : path + "." + name);
      if (!value.ok()) return value.status();
      out.Set(m.name, std::move(value).value());
    }
    return out;
  }

 private:
  StatusOr<Document> Value(const Node& node, const MemberRef& ref, const std::string& path) {
    const Shape& shape = *ref.shape;
    switch (shape.type) {
      case ShapeType::kStructure:
        return Structure(node, shape, path);
      case ShapeType::kList: {
        const Node* items = &node;
        std::string items_path = path;
        if (naming_.dialect() == QueryDialect::kQuery && !naming_.Flattened(ref)) {
          std::string_view item_name = naming_.InputListItemName(shape);
          items = node.Find(item_name);
          items_path += "." + std::string(item_name);
        }
        Document list = Document::List();
        if (items == nullptr) return list;  // "Name=" is an empty list
        for (const auto& [index, item] : items->Indexed()) {
          auto value = Value(*item, *shape.member, items_path + "." + std::to_string(index));
          if (!value.ok()) return value.status();
          list.Append(std::move(value).value());
        }
        return list;
      }
      case ShapeType::kMap: {
        const Node* entries = naming_.Flattened(ref) ? &node : node.Find("entry");
        Document map = Document::Map();
        if (entries == nullptr) return map;
        std::string_view key_name = naming_.MapKeyName(shape);
        std::string_view value_name = naming_.MapValueName(shape);
        for (const auto& [index, entry] : entries->Indexed()) {
          const Node* key = entry->Find(key_name);
          const Node* value_node = entry->Find(value_name);
          if (key == nullptr || value_node == nullptr) continue;
          auto value =
              Value(*value_node, *shape.value, path + "." + std::to_string(index) + "." + std::string(value_name));
          if (!value.ok()) return value.status();
          map.Set(key->value, std::move(value).value());
        }
        return map;
      }
      default: {
        auto value = ScalarFromText(node.value, ref);
        if (!value) {
          return Status::InvalidArgument("InvalidParameterValue", "Value (" + std::string(node.value) +
                                                                      ") for parameter " + path + " is invalid.");
        }
        return std::move(*value);
      }
    }
  }

  const QueryNaming& naming_;
};

const std::string* FindParam(const FormParams& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) return &value;
  }
  return nullptr;
}

}  // namespace

StatusOr<Document> FormToDocument(const FormParams& params, const Shape* input, const QueryNaming& naming) {
  if (input == nullptr) return Document::Map();
  return FormDecoder(naming).Structure(BuildTree(params), *input, "");
}

StatusOr<DecodedRequest> DecodeQueryRequest(const ServiceModel& model, const HttpRequest& request,
                                            QueryDialect dialect) {
  FormParams params = request.query;
  if (request.method == "POST" && !request.body.empty()) {
    auto form = ParseQueryString(request.body, true);
    params.insert(params.end(), std::make_move_iterator(form.begin()), std::make_move_iterator(form.end()));
  }
  const std::string* action = FindParam(params, "Action");
  if (action == nullptr || action->empty()) {
    return Status::InvalidArgument("MissingAction", "The request must contain the parameter Action.");
  }
  const Operation* operation = model.FindOperation(*action);
  if (operation == nullptr) {
    return Status::InvalidArgument("InvalidAction", "The action " + *action + " is not valid for this web service.");
  }
  auto index = ModelIndex::For(model);
  auto input = FormToDocument(params, operation->input, QueryNaming(*index, dialect));
  if (!input.ok()) return input.status();
  return DecodedRequest{operation, std::move(input).value()};
}

}  // namespace cloudemu::protocol
