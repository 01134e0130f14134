#include "protocol/validation.h"

#include <string>
#include <vector>

#include "protocol/model_index.h"

namespace cloudemu::protocol {
namespace {

using core::Document;

enum class Constraint { kNotNull, kMinLength, kMaxLength, kMinValue, kMaxValue };

struct Violation {
  std::string path;  // Coral's form: keySchema.1.member.attributeName
  std::string name;  // parameter form: KeySchema.1.AttributeName
  Constraint constraint = Constraint::kNotNull;
  int64_t limit = 0;
  std::string value;                  // rendered as Coral prints it; empty for null
  const MemberRef* member = nullptr;  // the member that failed
  bool top_level = false;
};

// Java's toString of the value, which is what Coral quotes.
std::string Render(const Document& doc) {
  switch (doc.kind()) {
    case Document::Kind::kString:
      return doc.AsString();
    case Document::Kind::kBool:
      return doc.AsBool() ? "true" : "false";
    case Document::Kind::kInt:
      return std::to_string(doc.AsInt());
    case Document::Kind::kDouble:
      return std::to_string(doc.AsDouble());
    case Document::Kind::kTimestamp:
      return std::to_string(doc.AsTimestampMillis());
    case Document::Kind::kBlob: {
      std::string size = std::to_string(doc.AsString().size());
      return "java.nio.HeapByteBuffer[pos=0 lim=" + size + " cap=" + size + "]";
    }
    case Document::Kind::kList: {
      std::string out = "[";
      for (const Document& item : doc.AsList()) out += (out.size() > 1 ? ", " : "") + Render(item);
      return out + "]";
    }
    case Document::Kind::kMap: {
      std::string out = "{";
      for (const auto& [key, value] : doc.AsMap()) out += (out.size() > 1 ? ", " : "") + key + "=" + Render(value);
      return out + "}";
    }
    case Document::Kind::kNull:
      break;
  }
  return "";
}

size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// One walk over the input, collecting every violation.
class Walker {
 public:
  Walker(const ModelIndex& index, bool skip_uri_members, bool check_limits)
      : index_(index), skip_uri_members_(skip_uri_members), check_limits_(check_limits) {}

  void Structure(const Document& doc, const Shape& shape, bool top_level) {
    for (const MemberRef& m : shape.members) {
      const bool required = !m.idempotency_token && shape.IsRequired(m.name);
      const bool checked = index_.MayFailValidation(m.shape);
      // Most members of a large input (S3's PutObject) have nothing to
      // check: skip looking them up.
      if (!required && !checked) continue;
      if (top_level && skip_uri_members_ && m.location == "uri") continue;
      const Document* value = doc.Find(m.name);
      bool present = value != nullptr && !value->is_null();
      if (!present && required) {
        Push(m.name, true);
        Add(Constraint::kNotNull, 0, nullptr, &m, top_level);
        Pop();
      }
      if (!present || !checked) continue;
      Push(m.name, true);
      Value(*value, m, top_level);
      Pop();
    }
  }

  std::vector<Violation> violations;

 private:
  void Value(const Document& doc, const MemberRef& ref, bool top_level) {
    const Shape& shape = *ref.shape;
    switch (shape.type) {
      case ShapeType::kStructure:
        Structure(doc, shape, false);
        return;
      case ShapeType::kList: {
        Limits(doc, ref, doc.size(), top_level);
        if (!index_.MayFailValidation(shape.member->shape)) return;
        size_t i = 0;
        for (const Document& item : doc.AsList()) {
          Push(std::to_string(++i), false);
          path_ += ".member";
          Value(item, *shape.member, false);
          Pop();
        }
        return;
      }
      case ShapeType::kMap: {
        Limits(doc, ref, doc.size(), top_level);
        if (!index_.MayFailValidation(shape.value->shape)) return;
        for (const auto& [key, item] : doc.AsMap()) {
          Push(key, false);
          path_ += ".member";
          Value(item, *shape.value, false);
          Pop();
        }
        return;
      }
      case ShapeType::kString:
        Limits(doc, ref, CodePoints(doc.AsString()), top_level);
        return;
      case ShapeType::kBlob:
        Limits(doc, ref, doc.AsString().size(), top_level);
        return;
      case ShapeType::kInteger:
      case ShapeType::kLong:
      case ShapeType::kFloat:
      case ShapeType::kDouble:
        NumberLimits(doc, ref, top_level);
        return;
      case ShapeType::kBoolean:
      case ShapeType::kTimestamp:
        return;
    }
  }

  void Limits(const Document& doc, const MemberRef& ref, size_t length, bool top_level) {
    if (!check_limits_) return;
    const Shape& shape = *ref.shape;
    auto n = static_cast<int64_t>(length);
    if (shape.min && n < *shape.min) Add(Constraint::kMinLength, *shape.min, &doc, &ref, top_level);
    if (shape.max && n > *shape.max) Add(Constraint::kMaxLength, *shape.max, &doc, &ref, top_level);
  }

  void NumberLimits(const Document& doc, const MemberRef& ref, bool top_level) {
    if (!check_limits_) return;
    const Shape& shape = *ref.shape;
    double v = doc.AsDouble();
    if (shape.min && v < static_cast<double>(*shape.min)) Add(Constraint::kMinValue, *shape.min, &doc, &ref, top_level);
    if (shape.max && v > static_cast<double>(*shape.max)) Add(Constraint::kMaxValue, *shape.max, &doc, &ref, top_level);
  }

  void Add(Constraint c, int64_t limit, const Document* value, const MemberRef* member, bool top_level) {
    violations.push_back({path_, name_, c, limit, value ? Render(*value) : std::string(), member, top_level});
  }

  // Enters a member (`is_member`: lower-camel in Coral's path) or a list
  // index / map key.
  void Push(std::string_view segment, bool is_member) {
    marks_.emplace_back(path_.size(), name_.size());
    if (!path_.empty()) path_ += '.';
    if (!name_.empty()) name_ += '.';
    size_t start = path_.size();
    path_ += segment;
    name_ += segment;
    if (is_member && start < path_.size() && path_[start] >= 'A' && path_[start] <= 'Z') path_[start] += 'a' - 'A';
  }
  void Pop() {
    path_.resize(marks_.back().first);
    name_.resize(marks_.back().second);
    marks_.pop_back();
  }

  const ModelIndex& index_;
  bool skip_uri_members_;
  bool check_limits_;
  std::string path_;
  std::string name_;
  std::vector<std::pair<size_t, size_t>> marks_;
};

std::string ConstraintText(const Violation& v) {
  std::string limit = std::to_string(v.limit);
  switch (v.constraint) {
    case Constraint::kNotNull:
      return "Member must not be null";
    case Constraint::kMinLength:
      return "Member must have length greater than or equal to " + limit;
    case Constraint::kMaxLength:
      return "Member must have length less than or equal to " + limit;
    case Constraint::kMinValue:
      return "Member must have value greater than or equal to " + limit;
    case Constraint::kMaxValue:
      return "Member must have value less than or equal to " + limit;
  }
  return "";
}

// "2 validation errors detected: Value null at 'a' failed to satisfy
// constraint: Member must not be null; Value 'x' at 'b' failed ...".
Status CoralError(std::string code, const std::vector<Violation>& violations) {
  std::string message = std::to_string(violations.size()) +
                        (violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (size_t i = 0; i < violations.size(); ++i) {
    const Violation& v = violations[i];
    if (i > 0) message += "; ";
    message += "Value " + (v.constraint == Constraint::kNotNull ? std::string("null") : "'" + v.value + "'") + " at '" +
               v.path + "' failed to satisfy constraint: " + ConstraintText(v);
  }
  return Status::InvalidArgument(std::move(code), std::move(message));
}

// S3 reports the first problem only, in its own terms.
Status S3Error(const Violation& v) {
  const MemberRef& m = *v.member;
  if (v.top_level && (m.location == "header" || m.location == "headers")) {
    return Status::InvalidArgument("InvalidRequest", "Missing required header for this request: " + std::string(m.location_name));
  }
  if (v.top_level && m.location == "querystring") {
    return Status::InvalidArgument("InvalidRequest", "Missing required parameter for this request: " + std::string(m.location_name));
  }
  if (v.top_level) return Status::InvalidArgument("MissingRequestBodyError", "Request Body is empty");
  return Status::InvalidArgument(
      "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
}

enum class Style { kCoral, kSns, kSqs, kEc2, kS3 };

Style StyleFor(const ServiceModel& model, Protocol wire) {
  if (model.aws_query_compatible || model.name == "sqs") return Style::kSqs;
  if (model.name == "sns") return Style::kSns;
  if (wire == Protocol::kEc2) return Style::kEc2;
  if (wire == Protocol::kRestXml) return Style::kS3;
  return Style::kCoral;
}

Status Report(Style style, Protocol wire, const std::vector<Violation>& violations) {
  const Violation& first = violations.front();
  bool missing = first.constraint == Constraint::kNotNull;
  switch (style) {
    case Style::kCoral:
      return CoralError(wire == Protocol::kQuery ? "ValidationError" : "ValidationException", violations);
    case Style::kS3:
      return S3Error(first);
    case Style::kSns:
      return Status::InvalidArgument("InvalidParameter", "Invalid parameter: " + first.name +
                                                             (missing ? "" : " Reason: " + ConstraintText(first)));
    case Style::kSqs:
      if (missing) {
        return Status::InvalidArgument("MissingParameter",
                                       "The request must contain the parameter " + first.name + ".");
      }
      return Status::InvalidArgument("InvalidParameterValue", "Value " + first.value + " for parameter " + first.name +
                                                                  " is invalid. Reason: " + ConstraintText(first) +
                                                                  ".");
    case Style::kEc2:
      if (missing)
        return Status::InvalidArgument("MissingParameter", "The request must contain the parameter " + first.name);
      return Status::InvalidArgument("InvalidParameterValue", "Value (" + first.value + ") for parameter " +
                                                                  first.name + " is invalid. " + ConstraintText(first));
  }
  return Status::Ok();
}

}  // namespace

Status ValidateInput(const ServiceModel& model, const Operation& operation, const core::Document& input,
                     Protocol wire) {
  if (operation.input == nullptr) return Status::Ok();
  auto index = ModelIndex::For(model);
  if (!index->MayFailValidation(operation.input)) return Status::Ok();
  Style style = StyleFor(model, wire);
  bool rest = wire == Protocol::kRestXml || wire == Protocol::kRestJson;
  Walker walker(*index, rest, style != Style::kS3);
  walker.Structure(input, *operation.input, true);
  if (walker.violations.empty()) return Status::Ok();
  return Report(style, wire, walker.violations);
}

}  // namespace cloudemu::protocol
