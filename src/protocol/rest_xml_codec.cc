// restXml (S3): the REST bindings of rest_binding.h plus XML bodies, walked
// from the model's shapes.
#include <string>
#include <string_view>

#include "core/encoding.h"
#include "core/hash.h"
#include "protocol/rest_binding.h"
#include "protocol/rest_codecs.h"
#include "protocol/shape_values.h"
#include "protocol/xml.h"

namespace cloudemu::protocol {
namespace {

using core::Document;
using xml::LocalName;

constexpr char kS3Namespace[] = "http://s3.amazonaws.com/doc/2006-03-01/";

std::string_view WireName(const MemberRef& ref) { return ref.WireName(ref.name); }

bool IsFlattened(const MemberRef& ref) { return ref.flattened || ref.shape->flattened; }

// A flattened list repeats its elements under the list member's own
// locationName when it has one, else under the structure member's name.
std::string_view FlattenedName(const MemberRef& ref) {
  if (ref.shape->type == ShapeType::kList && !ref.shape->member->location_name.empty()) {
    return ref.shape->member->location_name;
  }
  return WireName(ref);
}

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// ---- XML -> Document ------------------------------------------------------

Status ReadValue(const MemberRef& ref, const xml::Element& element, Document& out);

Status ReadStructure(const Shape& shape, const xml::Element& element, Document& out) {
  out.MutableMap();
  for (const MemberRef& member : shape.members) {
    if (!member.location.empty()) continue;
    const Shape& type = *member.shape;
    if (member.xml_attribute) {
      const std::string* text = element.Attribute(LocalName(WireName(member)));
      if (!text) continue;
      auto value = ScalarFromText(*text, member);
      if (!value) return xml::MalformedError("attribute " + std::string(WireName(member)) + " is not a " + std::string(type.name));
      out.Set(member.name, std::move(*value));
    } else if (IsFlattened(member) && (type.type == ShapeType::kList || type.type == ShapeType::kMap)) {
      auto items = element.Children(LocalName(FlattenedName(member)));
      if (items.empty()) continue;
      Document& target = out.Set(member.name, type.type == ShapeType::kList ? Document::List() : Document::Map());
      for (const xml::Element* item : items) {
        if (type.type == ShapeType::kList) {
          if (Status s = ReadValue(*type.member, *item, target.Append(Document())); !s.ok()) return s;
          continue;
        }
        const xml::Element* key = item->Child(LocalName(type.key->WireName("key")));
        const xml::Element* value = item->Child(LocalName(type.value->WireName("value")));
        if (!key || !value) return xml::MalformedError(std::string(member.name) + " entry without key or value");
        if (Status s = ReadValue(*type.value, *value, target.MutableMap()[key->text]); !s.ok()) return s;
      }
    } else if (const xml::Element* child = element.Child(LocalName(WireName(member)))) {
      Document value;
      if (Status s = ReadValue(member, *child, value); !s.ok()) return s;
      out.Set(member.name, std::move(value));
    }
  }
  return Status::Ok();
}

Status ReadValue(const MemberRef& ref, const xml::Element& element, Document& out) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      return ReadStructure(shape, element, out);
    case ShapeType::kList:
      out = Document::List();
      for (const xml::Element& item : element.children) {
        if (Status s = ReadValue(*shape.member, item, out.Append(Document())); !s.ok()) return s;
      }
      return Status::Ok();
    case ShapeType::kMap:
      out = Document::Map();
      for (const xml::Element* entry : element.Children("entry")) {
        const xml::Element* key = entry->Child(LocalName(shape.key->WireName("key")));
        const xml::Element* value = entry->Child(LocalName(shape.value->WireName("value")));
        if (!key || !value) return xml::MalformedError("map entry without key or value");
        if (Status s = ReadValue(*shape.value, *value, out.MutableMap()[key->text]); !s.ok()) return s;
      }
      return Status::Ok();
    default: {
      auto value = ScalarFromText(element.text, ref);
      if (!value) return xml::MalformedError("<" + element.name + "> is not a " + std::string(shape.name));
      out = std::move(*value);
      return Status::Ok();
    }
  }
}

// ---- Document -> XML ------------------------------------------------------

void WriteValue(xml::Writer& writer, std::string_view name, const MemberRef& ref, const Document& value);

// The namespace the reference declares, else the one its shape declares.
void WriteNamespace(xml::Writer& writer, const MemberRef& ref) {
  bool on_ref = !ref.xml_namespace_uri.empty();
  std::string_view uri = on_ref ? ref.xml_namespace_uri : ref.shape->xml_namespace_uri;
  std::string_view prefix = on_ref ? ref.xml_namespace_prefix : ref.shape->xml_namespace_prefix;
  if (uri.empty()) return;
  writer.Attribute(prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix), uri);
}

// Attributes first (they belong to the start tag), then elements, in model order.
void WriteMembers(xml::Writer& writer, const Shape& shape, const Document& value) {
  for (const MemberRef& member : shape.members) {
    if (!member.xml_attribute || !member.location.empty()) continue;
    if (const Document* field = value.Find(member.name)) {
      writer.Attribute(WireName(member), ScalarToText(*field, member, "iso8601"));
    }
  }
  for (const MemberRef& member : shape.members) {
    if (member.xml_attribute || !member.location.empty()) continue;
    const Document* field = value.Find(member.name);
    if (!field) continue;
    const Shape& type = *member.shape;
    if (IsFlattened(member) && type.type == ShapeType::kList) {
      for (const Document& item : field->AsList()) WriteValue(writer, FlattenedName(member), *type.member, item);
    } else if (IsFlattened(member) && type.type == ShapeType::kMap) {
      for (const auto& [key, item] : field->AsMap()) {
        writer.Start(WireName(member));
        writer.Leaf(type.key->WireName("key"), key);
        WriteValue(writer, type.value->WireName("value"), *type.value, item);
        writer.End();
      }
    } else {
      WriteValue(writer, WireName(member), member, *field);
    }
  }
}

void WriteValue(xml::Writer& writer, std::string_view name, const MemberRef& ref, const Document& value) {
  const Shape& shape = *ref.shape;
  writer.Start(name);
  WriteNamespace(writer, ref);
  switch (shape.type) {
    case ShapeType::kStructure:
      WriteMembers(writer, shape, value);
      break;
    case ShapeType::kList:
      for (const Document& item : value.AsList()) WriteValue(writer, shape.member->WireName("member"), *shape.member, item);
      break;
    case ShapeType::kMap:
      for (const auto& [key, item] : value.AsMap()) {
        writer.Start("entry");
        writer.Leaf(shape.key->WireName("key"), key);
        WriteValue(writer, shape.value->WireName("value"), *shape.value, item);
        writer.End();
      }
      break;
    default:
      writer.Text(ScalarToText(value, ref, "iso8601"));
  }
  writer.End();
}

// S3 names the root element of outputs without a payload member on the wire
// only; the model does not carry it. Anything not listed falls back to the
// output shape's name with "Output" replaced by "Result".
std::string RootElementName(const Operation& operation) {
  static constexpr std::pair<std::string_view, std::string_view> kRoots[] = {
      {"CompleteMultipartUpload", "CompleteMultipartUploadResult"},
      {"CreateMultipartUpload", "InitiateMultipartUploadResult"},
      {"CreateSession", "CreateSessionResult"},
      {"DeleteObjects", "DeleteResult"},
      {"GetBucketAccelerateConfiguration", "AccelerateConfiguration"},
      {"GetBucketAcl", "AccessControlPolicy"},
      {"GetBucketCors", "CORSConfiguration"},
      {"GetBucketLifecycle", "LifecycleConfiguration"},
      {"GetBucketLifecycleConfiguration", "LifecycleConfiguration"},
      {"GetBucketLocation", "LocationConstraint"},
      {"GetBucketLogging", "BucketLoggingStatus"},
      {"GetBucketNotification", "NotificationConfiguration"},
      {"GetBucketNotificationConfiguration", "NotificationConfiguration"},
      {"GetBucketRequestPayment", "RequestPaymentConfiguration"},
      {"GetBucketTagging", "Tagging"},
      {"GetBucketVersioning", "VersioningConfiguration"},
      {"GetBucketWebsite", "WebsiteConfiguration"},
      {"GetObjectAcl", "AccessControlPolicy"},
      {"GetObjectAttributes", "GetObjectAttributesResponse"},
      {"GetObjectTagging", "Tagging"},
      {"ListBucketAnalyticsConfigurations", "ListBucketAnalyticsConfigurationResult"},
      {"ListBucketIntelligentTieringConfigurations", "ListBucketIntelligentTieringConfigurationsOutput"},
      {"ListBucketInventoryConfigurations", "ListInventoryConfigurationsResult"},
      {"ListBucketMetricsConfigurations", "ListMetricsConfigurationsResult"},
      {"ListBuckets", "ListAllMyBucketsResult"},
      {"ListDirectoryBuckets", "ListAllMyDirectoryBucketsResult"},
      {"ListMultipartUploads", "ListMultipartUploadsResult"},
      {"ListObjectVersions", "ListVersionsResult"},
      {"ListObjects", "ListBucketResult"},
      {"ListObjectsV2", "ListBucketResult"},
      {"ListParts", "ListPartsResult"},
  };
  for (const auto& [name, root] : kRoots) {
    if (operation.name == name) return std::string(root);
  }
  std::string shape(operation.output ? operation.output->name : operation.name);
  if (shape.ends_with("Output")) shape.resize(shape.size() - 6);
  return shape + "Result";
}

std::string_view NamespaceOf(const ServiceModel& model) {
  return model.xml_namespace.empty() ? kS3Namespace : model.xml_namespace;
}

// The payload member's element name: its locationName, else its shape's name.
std::string_view PayloadElementName(const MemberRef& ref) {
  if (!ref.location_name.empty()) return ref.location_name;
  return ref.shape->location_name.empty() ? ref.shape->name : ref.shape->location_name;
}

std::string XmlBody(const ServiceModel& model, const Operation& operation, const rest::ShapeBindings& out,
                    const Document& output) {
  xml::Writer writer;
  if (out.payload) {
    MemberRef root = *out.payload;
    if (root.xml_namespace_uri.empty() && root.shape->xml_namespace_uri.empty()) {
      root.xml_namespace_uri = NamespaceOf(model);
    }
    WriteValue(writer, PayloadElementName(root), root, output[root.name]);
    return writer.Finish();
  }
  std::string root = RootElementName(operation);
  writer.Start(root);
  writer.Attribute("xmlns", NamespaceOf(model));
  // GetBucketLocation: a lone scalar member named like the root is the root's text.
  if (out.body.size() == 1 && WireName(*out.body[0]) == root &&
      out.body[0]->shape->type != ShapeType::kStructure && out.body[0]->shape->type != ShapeType::kList &&
      out.body[0]->shape->type != ShapeType::kMap) {
    if (const Document* field = output.Find(out.body[0]->name)) {
      writer.Text(ScalarToText(*field, *out.body[0], "iso8601"));
    }
  } else {
    WriteMembers(writer, *out.shape, output);
  }
  return writer.Finish();
}

// x-amz-id-2 (S3's host id, echoed as <HostId> in errors) is derived from
// the request id so that one request's two ids always agree.
void SetRequestIds(const std::string& request_id, HttpResponse& response) {
  response.headers.Set("x-amz-request-id", request_id);
  response.headers.Set("x-amz-id-2", core::Base64Encode(core::Sha256(request_id)));
}

// What S3 answers a request no operation matches: 405 MethodNotAllowed for a
// path it serves under other methods (PATCH /bucket/key, POST /bucket/key
// without ?uploads or ?uploadId), InvalidURI for a path it cannot parse.
Status UnknownOperation(const HttpRequest& request, const rest::RouteMatch& route) {
  if (!route.path_known) return Status::InvalidArgument("InvalidURI", "Couldn't parse the specified URI.");
  Status status = Status::Error("MethodNotAllowed", "The specified method is not allowed against this resource.", 405);
  status.WithDetail("Method", request.method);
  status.WithDetail("ResourceType", route.path_has_greedy_label ? "OBJECT"
                                    : (request.path == "/" || request.path.empty()) ? "SERVICE"
                                                                                    : "BUCKET");
  return status;
}

// Operations whose model requires a request checksum (DeleteObjects,
// Put*Configuration ...) refuse requests that carry none, as S3 does.
// Verifying the values is the service's job: it knows the algorithm.
Status CheckRequiredChecksum(const Operation& operation, const HttpRequest& request) {
  if (!operation.request_checksum_required || request.headers.Has("content-md5")) return Status::Ok();
  for (const auto& [name, value] : request.headers.all()) {
    if (name.rfind("x-amz-checksum-", 0) == 0 && name != "x-amz-checksum-type") return Status::Ok();
  }
  return Status::InvalidArgument("InvalidRequest", "Missing required header for this request: Content-MD5");
}

class RestXml final : public Codec {
 public:
  StatusOr<DecodedRequest> Decode(const ServiceModel& model, const HttpRequest& request) const override {
    rest::RouteMatch route = rest::RestIndex::For(model).Route(request);
    if (!route.binding) return UnknownOperation(request, route);
    const rest::OperationBinding& binding = *route.binding;
    DecodedRequest decoded;
    decoded.operation = binding.operation;
    if (Status s = CheckRequiredChecksum(*binding.operation, request); !s.ok()) return s;
    decoded.input = Document::Map();
    if (Status s = rest::DecodeBindings(binding, route, request, "InvalidArgument", decoded.input); !s.ok()) return s;
    if (Status s = DecodeBody(binding, request.body, decoded.input); !s.ok()) return s;
    return decoded;
  }

  HttpResponse EncodeOutput(const ServiceModel& model, const Operation& operation, const Document& output,
                            const ResponseContext& context) const override {
    HttpResponse response;
    const rest::OperationBinding* binding = rest::RestIndex::For(model).Find(operation);
    SetRequestIds(context.request_id, response);
    if (!binding) return response;
    rest::EncodeBindings(*binding, output, response);
    const rest::ShapeBindings& out = binding->output;
    bool raw = rest::EncodeRawPayload(out, output, response);
    if (!raw && (out.payload ? output.Has(out.payload->name) : !out.body.empty())) {
      response.body = XmlBody(model, operation, out, output);
      response.headers.Set("content-type", "application/xml");
    }
    if (context.request_method == "HEAD") {
      // HEAD keeps the Content-Length its output member declared (HeadObject).
      response.body.clear();
      if (!response.headers.Has("content-length")) response.headers.Set("content-length", "0");
    } else {
      response.headers.Set("content-length", std::to_string(response.body.size()));
    }
    return response;
  }

  HttpResponse EncodeError(const ServiceModel& model, const Operation* operation, const Status& error,
                           const ResponseContext& context) const override {
    HttpResponse response;
    response.status = error.http_status();
    const std::string& request_id = context.request_id.empty() ? error.request_id() : context.request_id;
    SetRequestIds(request_id, response);
    // Details named like x-amz-* headers (x-amz-delete-marker, x-amz-version-id) travel as headers, as S3 sends them.
    auto is_header = [](const std::string& name) { return name.rfind("x-amz-", 0) == 0; };
    for (const auto& [name, value] : error.details()) {
      if (is_header(name)) response.headers.Set(name, value);
    }
    if (context.request_method != "HEAD" && response.status != 304) {
      xml::Writer writer;
      writer.Start("Error");
      writer.Leaf("Code", error.code());
      writer.Leaf("Message", error.message());
      for (const auto& [name, value] : error.details()) {
        if (!is_header(name)) writer.Leaf(name, value);
      }
      writer.Leaf("RequestId", request_id);
      writer.Leaf("HostId", response.headers.Get("x-amz-id-2"));
      response.body = writer.Finish();
      response.headers.Set("content-type", "application/xml");
    }
    response.headers.Set("content-length", std::to_string(response.body.size()));
    return response;
  }

 private:
  static Status DecodeBody(const rest::OperationBinding& binding, const std::string& body, Document& input) {
    const rest::ShapeBindings& in = binding.input;
    if (rest::DecodeRawPayload(in, body, input)) return Status::Ok();
    if (in.payload) {
      const MemberRef& member = *in.payload;
      if (IsBlank(body)) {
        if (in.shape->IsRequired(member.name)) {
          return Status::InvalidArgument("MissingRequestBodyError", "Request Body is empty");
        }
        return Status::Ok();
      }
      auto root = xml::Parse(body);
      if (!root.ok()) return root.status();
      std::string_view name = root->local_name();
      if (name != LocalName(PayloadElementName(member)) && name != member.name && name != member.shape->name) {
        return xml::MalformedError("unexpected root element <" + root->name + ">");
      }
      return ReadValue(member, *root, input.MutableMap()[std::string(member.name)]);
    }
    if (in.body.empty() || IsBlank(body)) return Status::Ok();
    auto root = xml::Parse(body);
    if (!root.ok()) return root.status();
    Document members;
    if (Status s = ReadStructure(*in.shape, *root, members); !s.ok()) return s;
    for (auto& [name, value] : members.MutableMap()) input.Set(name, std::move(value));
    return Status::Ok();
  }
};

}  // namespace

const Codec& RestXmlCodec() {
  static const RestXml codec;
  return codec;
}

}  // namespace cloudemu::protocol
