#include "protocol/rest_binding.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "core/ascii.h"
#include "core/encoding.h"
#include "core/time_format.h"
#include "protocol/shape_values.h"

namespace cloudemu::protocol::rest {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string_view WireName(const MemberRef& ref) { return ref.WireName(ref.name); }

UriTemplate::Segment ParseSegment(std::string_view text) {
  UriTemplate::Segment segment;
  size_t open = text.find('{');
  size_t close = open == std::string_view::npos ? std::string_view::npos : text.find('}', open);
  if (close == std::string_view::npos) {
    segment.prefix = std::string(text);
    return segment;
  }
  segment.prefix = std::string(text.substr(0, open));
  std::string_view label = text.substr(open + 1, close - open - 1);
  if (!label.empty() && label.back() == '+') {
    segment.greedy = true;
    label.remove_suffix(1);
  }
  segment.label = std::string(label);
  segment.suffix = std::string(text.substr(close + 1));
  return segment;
}

// Matches `piece` against prefix + label value + suffix; the value must not be empty.
bool MatchPiece(const UriTemplate::Segment& segment, std::string_view piece, std::string_view* value) {
  if (piece.size() <= segment.prefix.size() + segment.suffix.size()) return false;
  if (piece.substr(0, segment.prefix.size()) != segment.prefix) return false;
  if (piece.substr(piece.size() - segment.suffix.size()) != segment.suffix) return false;
  *value = piece.substr(segment.prefix.size(), piece.size() - segment.prefix.size() - segment.suffix.size());
  return true;
}

Status InvalidValue(std::string_view code, std::string_view name, std::string_view text) {
  Status status = Status::InvalidArgument(std::string(code),
                                          "Invalid value for " + std::string(name) + ": " + std::string(text));
  status.WithDetail("ArgumentName", std::string(name)).WithDetail("ArgumentValue", std::string(text));
  return status;
}

}  // namespace

UriTemplate UriTemplate::Parse(std::string_view request_uri) {
  UriTemplate result;
  std::string_view path = request_uri;
  std::string_view query;
  if (size_t mark = request_uri.find('?'); mark != std::string_view::npos) {
    path = request_uri.substr(0, mark);
    query = request_uri.substr(mark + 1);
  }
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  while (!path.empty()) {
    size_t slash = path.find('/');
    result.segments.push_back(ParseSegment(path.substr(0, slash)));
    const Segment& segment = result.segments.back();
    if (segment.greedy) ++result.greedy_labels;
    if (segment.label.empty()) ++result.literal_segments;
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      QueryLiteral literal;
      size_t eq = pair.find('=');
      literal.key = std::string(pair.substr(0, eq));
      if (eq != std::string_view::npos) literal.value = std::string(pair.substr(eq + 1));
      result.query.push_back(std::move(literal));
    }
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return result;
}

bool UriTemplate::MatchPath(std::string_view path, std::vector<std::pair<std::string, std::string>>* labels) const {
  size_t pos = 0;
  for (const Segment& segment : segments) {
    if (pos >= path.size() || path[pos] != '/') return false;
    ++pos;
    std::string_view value;
    if (segment.greedy) {
      if (!MatchPiece(segment, path.substr(pos), &value)) return false;
      pos = path.size();
    } else {
      size_t end = std::min(path.find('/', pos), path.size());
      std::string_view piece = path.substr(pos, end - pos);
      pos = end;
      if (segment.label.empty()) {
        if (piece != segment.prefix) return false;
        continue;
      }
      if (!MatchPiece(segment, piece, &value)) return false;
    }
    if (labels) labels->emplace_back(segment.label, core::UriDecode(value));
  }
  std::string_view rest = path.substr(pos);
  return rest.empty() || rest == "/";
}

bool UriTemplate::MatchQuery(const HttpRequest& request) const {
  for (const QueryLiteral& literal : query) {
    const std::string* value = request.FindQuery(literal.key);
    if (!value || (literal.value && *value != *literal.value)) return false;
  }
  return true;
}

ShapeBindings ShapeBindings::For(const Shape* shape) {
  ShapeBindings bindings;
  bindings.shape = shape;
  if (!shape) return bindings;
  for (const MemberRef& member : shape->members) {
    std::string_view location = member.location;
    bool required = shape->IsRequired(member.name);
    if (location == "uri") {
      bindings.uri.push_back(&member);
    } else if (location == "querystring") {
      bindings.query.push_back(&member);
      if (required) bindings.required_query.push_back(&member);
    } else if (location == "header") {
      bindings.header_index.emplace(member.name, bindings.header.size());
      bindings.header.push_back(&member);
      bindings.header_by_name.emplace(core::AsciiLower(WireName(member)), &member);
      if (required) bindings.required_header.push_back(core::AsciiLower(WireName(member)));
      if (core::EqualsIgnoreCase(WireName(member), "Content-Range")) bindings.content_range = &member;
    } else if (location == "headers") {
      bindings.header_maps.push_back(&member);
    } else if (location == "statusCode") {
      bindings.status_code = &member;
    } else if (member.name == shape->payload) {
      bindings.payload = &member;
    } else if (location.empty() && shape->payload.empty()) {
      bindings.body.push_back(&member);
    }
  }
  return bindings;
}

RestIndex::RestIndex(const ServiceModel& model) {
  bindings_.reserve(model.operations.size());
  for (const Operation& operation : model.operations) {
    OperationBinding binding;
    binding.operation = &operation;
    binding.uri = UriTemplate::Parse(operation.request_uri);
    binding.input = ShapeBindings::For(operation.input);
    binding.output = ShapeBindings::For(operation.output);
    by_method_[std::string(operation.http_method)].push_back(bindings_.size());
    by_operation_[&operation] = bindings_.size();
    bindings_.push_back(std::move(binding));
  }
}

const RestIndex& RestIndex::For(const ServiceModel& model) {
  // Asked twice per request: each thread remembers the model it last served
  // rather than taking the lock (indexes are never destroyed).
  thread_local const ServiceModel* last_model = nullptr;
  thread_local const RestIndex* last_index = nullptr;
  if (last_model == &model) return *last_index;
  static std::mutex mu;
  static auto* indexes = new std::map<const ServiceModel*, std::unique_ptr<RestIndex>>();  // lives forever
  std::lock_guard lock(mu);
  std::unique_ptr<RestIndex>& index = (*indexes)[&model];
  if (!index) index = std::make_unique<RestIndex>(model);
  last_model = &model;
  last_index = index.get();
  return *index;
}

RouteMatch RestIndex::Route(const HttpRequest& request) const {
  RouteMatch best;
  std::tuple<size_t, size_t, int, int, bool> best_score{};
  auto method = by_method_.find(request.method);
  if (method != by_method_.end()) {
    std::vector<std::pair<std::string, std::string>> labels;
    for (size_t index : method->second) {
      const OperationBinding& binding = bindings_[index];
      if (!binding.uri.MatchQuery(request)) continue;
      auto has_query = [&](const MemberRef* m) { return request.HasQuery(WireName(*m)); };
      auto has_header = [&](const std::string& name) { return request.headers.Has(name); };
      const ShapeBindings& input = binding.input;
      if (!std::all_of(input.required_query.begin(), input.required_query.end(), has_query) ||
          !std::all_of(input.required_header.begin(), input.required_header.end(), has_header)) {
        continue;
      }
      labels.clear();
      if (!binding.uri.MatchPath(request.path, &labels)) continue;
      std::tuple<size_t, size_t, int, int, bool> score{
          binding.uri.query.size(), input.required_query.size() + input.required_header.size(),
          -binding.uri.greedy_labels, binding.uri.literal_segments, !binding.operation->deprecated};
      // Strictly better only: among equals the name that sorts first (model order) stays.
      if (!best.binding || score > best_score) {
        best.binding = &binding;
        best.labels = labels;
        best_score = score;
      }
    }
  }
  if (best.binding) return best;
  for (const OperationBinding& binding : bindings_) {
    if (binding.uri.MatchPath(request.path, nullptr)) {
      best.path_known = true;
      if (binding.uri.greedy_labels > 0) best.path_has_greedy_label = true;
    }
  }
  return best;
}

const OperationBinding* RestIndex::Find(const Operation& operation) const {
  auto it = by_operation_.find(&operation);
  return it == by_operation_.end() ? nullptr : &bindings_[it->second];
}

bool IsPresignParameter(std::string_view key) {
  static constexpr std::string_view kPresign[] = {
      "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",           "X-Amz-Expires",
      "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token", "x-id",
  };
  for (std::string_view presign : kPresign) {
    if (core::EqualsIgnoreCase(key, presign)) return true;
  }
  return false;
}

Status DecodeBindings(const OperationBinding& binding, const RouteMatch& route, const HttpRequest& request,
                      std::string_view invalid_code, core::Document& input) {
  const ShapeBindings& in = binding.input;
  auto set_scalar = [&](const MemberRef& ref, std::string_view name, std::string_view text,
                        core::Document* list) -> Status {
    auto value = ScalarFromText(text, ref);
    if (!value) return InvalidValue(invalid_code, name, text);
    if (list) {
      list->Append(std::move(*value));
    } else {
      input.Set(ref.name, std::move(*value));
    }
    return Status::Ok();
  };

  for (const MemberRef* member : in.uri) {
    for (const auto& [label, value] : route.labels) {
      if (label != WireName(*member)) continue;
      if (Status s = set_scalar(*member, label, value, nullptr); !s.ok()) return s;
    }
  }

  // Keys a map-of-string query member must not swallow.
  auto claimed = [&](std::string_view key) {
    return IsPresignParameter(key) ||
           std::any_of(binding.uri.query.begin(), binding.uri.query.end(),
                       [&](const UriTemplate::QueryLiteral& literal) { return literal.key == key; }) ||
           std::any_of(in.query.begin(), in.query.end(), [&](const MemberRef* m) {
             return m->shape->type != ShapeType::kMap && WireName(*m) == key;
           });
  };
  for (const MemberRef* member : in.query) {
    std::string_view name = WireName(*member);
    const Shape& shape = *member->shape;
    if (shape.type == ShapeType::kList) {
      core::Document list = core::Document::List();
      for (const auto& [key, value] : request.query) {
        if (key != name) continue;
        if (Status s = set_scalar(*shape.member, name, value, &list); !s.ok()) return s;
      }
      if (!list.empty()) input.Set(member->name, std::move(list));
    } else if (shape.type == ShapeType::kMap) {
      core::Document map = core::Document::Map();
      for (const auto& [key, value] : request.query) {
        if (claimed(key)) continue;
        auto parsed = ScalarFromText(
            value, shape.value->shape->type == ShapeType::kList ? *shape.value->shape->member : *shape.value);
        if (!parsed) return InvalidValue(invalid_code, key, value);
        if (shape.value->shape->type == ShapeType::kList) {
          core::Document& entry = map.MutableMap()[key];
          entry.MutableList();
          entry.Append(std::move(*parsed));
        } else {
          map.Set(key, std::move(*parsed));
        }
      }
      if (!map.empty()) input.Set(member->name, std::move(map));
    } else if (const std::string* value = request.FindQuery(name)) {
      if (Status s = set_scalar(*member, name, *value, nullptr); !s.ok()) return s;
    }
  }

  // Walk the few headers the request has rather than the many the model knows.
  for (const auto& [header, value] : request.headers.all()) {
    auto found = in.header_by_name.find(header);
    if (found == in.header_by_name.end()) continue;
    const MemberRef* member = found->second;
    std::string_view name = WireName(*member);
    const Shape& shape = *member->shape;
    if (member->json_value) {
      auto json = core::Base64Decode(value);
      if (!json) return InvalidValue(invalid_code, name, value);
      input.Set(member->name, std::move(*json));
    } else if (shape.type == ShapeType::kList) {
      core::Document list = core::Document::List();
      std::string_view rest = value;
      while (!rest.empty()) {
        size_t comma = rest.find(',');
        std::string_view item = Trim(rest.substr(0, comma));
        if (!item.empty()) {
          if (Status s = set_scalar(*shape.member, name, item, &list); !s.ok()) return s;
        }
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      }
      input.Set(member->name, std::move(list));
    } else if (shape.type == ShapeType::kString) {
      input.Set(member->name, value);
    } else if (!value.empty()) {
      // An HTTP date that does not parse is ignored, as HTTP says of
      // If-Modified-Since and friends; other mistyped values are errors.
      if (shape.type == ShapeType::kTimestamp && !core::ParseTimestamp(value)) continue;
      if (Status s = set_scalar(*member, name, value, nullptr); !s.ok()) return s;
    }
  }

  for (const MemberRef* member : in.header_maps) {
    std::string prefix = core::AsciiLower(member->location_name);
    core::Document map = core::Document::Map();
    const auto& headers = request.headers.all();
    for (auto it = headers.lower_bound(prefix); it != headers.end() && it->first.starts_with(prefix); ++it) {
      map.Set(it->first.substr(prefix.size()), it->second);
    }
    if (!map.empty()) input.Set(member->name, std::move(map));
  }
  return Status::Ok();
}

void EncodeBindings(const OperationBinding& binding, const core::Document& value, HttpResponse& response) {
  const ShapeBindings& out = binding.output;
  response.status = binding.operation->response_code;
  // Walk the few members the output has rather than the many the model
  // knows, writing them in model order.
  std::vector<std::pair<size_t, const core::Document*>> headers;
  if (value.is_map()) {
    for (const auto& [name, field] : value.AsMap()) {
      if (auto found = out.header_index.find(name); found != out.header_index.end()) {
        headers.emplace_back(found->second, &field);
      }
    }
  }
  std::sort(headers.begin(), headers.end());
  for (const auto& [index, field] : headers) {
    const MemberRef* member = out.header[index];
    std::string_view name = WireName(*member);
    std::string text;
    if (member->json_value) {
      text = core::Base64Encode(field->AsString());
    } else if (field->is_list()) {
      const MemberRef& item = *member->shape->member;
      for (const core::Document& element : field->AsList()) {
        if (!text.empty()) text += ",";
        text += ScalarToText(element, item, "rfc822");
      }
    } else {
      text = ScalarToText(*field, *member, "rfc822");
    }
    response.headers.Set(name, std::move(text));
    if (member == out.content_range) response.status = 206;
  }
  for (const MemberRef* member : out.header_maps) {
    const core::Document* field = value.Find(member->name);
    if (!field) continue;
    for (const auto& [key, item] : field->AsMap()) {
      response.headers.Set(std::string(member->location_name) + key, ScalarToText(item, *member->shape->value, "rfc822"));
    }
  }
  if (out.status_code) {
    if (const core::Document* code = value.Find(out.status_code->name); code && code->is_number()) {
      response.status = static_cast<int>(code->AsInt());
    }
  }
}

bool DecodeRawPayload(const ShapeBindings& input, const std::string& body, core::Document& value) {
  const MemberRef* payload = input.payload;
  if (!payload || payload->shape->type == ShapeType::kStructure) return false;
  if (payload->shape->type == ShapeType::kBlob) {
    value.Set(payload->name, core::Blob{body});
  } else if (!body.empty()) {
    value.Set(payload->name, body);
  }
  return true;
}

bool EncodeRawPayload(const ShapeBindings& output, const core::Document& value, HttpResponse& response) {
  const MemberRef* payload = output.payload;
  if (!payload || payload->shape->type == ShapeType::kStructure) return false;
  if (const core::Document* body = value.Find(payload->name)) response.body = body->AsString();
  return true;
}

}  // namespace cloudemu::protocol::rest
