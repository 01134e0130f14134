#!/usr/bin/env python3
"""Extracts the AWS service models CloudEmu needs from botocore and compiles them.

Each model becomes a C++ source file of flat tables (src/protocol/compiled_model.h):
shapes, members and operations that refer to each other by index, and one
string pool they slice. Documentation and examples are dropped. The library
thus carries the models without a runtime dependency on python or botocore,
and loading one is a pass over its tables rather than a JSON parse. A table of
each model's routing metadata (signing name, target prefix, API version,
protocols) is generated too, so a request can be routed without loading any
model.

usage: embed_models.py OUT_DIR service [service ...]
"""
import gzip
import json
import os
import sys

NONE = "compiled::kNone"
# botocore protocol names, as the Protocol enum has them.
SPOKEN_PROTOCOLS = ("rest-xml", "rest-json", "json", "query", "ec2")


def botocore_data_dir():
  try:
    import botocore  # noqa: F401
  except ImportError:
    sys.exit("embed_models.py: botocore is not importable by %s; "
        "install python3-botocore (scripts/setup.sh does)" % sys.executable)
  return os.path.join(os.path.dirname(botocore.__file__), "data")


def load_model(data_dir, service):
  service_dir = os.path.join(data_dir, service)
  version = sorted(os.listdir(service_dir))[-1]
  base = os.path.join(service_dir, version, "service-2.json")
  if os.path.exists(base + ".gz"):
    with gzip.open(base + ".gz", "rt", encoding="utf-8") as f:
      return json.load(f)
  with open(base, encoding="utf-8") as f:
    return json.load(f)


class StringPool:
  """The model's strings, each stored once, as slices of one C++ literal."""

  def __init__(self):
    self.data = bytearray()
    self.offsets = {}

  def text(self, value):
    if not value:
      return "{0, 0}"
    raw = value.encode("utf-8")
    if raw not in self.offsets:
      self.offsets[raw] = len(self.data)
      self.data += raw
    return "{%d, %d}" % (self.offsets[raw], len(raw))

  def literal(self):
    """The pool as C++ string-literal pieces; octal escapes (never longer than three digits)
    for anything outside printable ASCII, so no escape can swallow the next character."""
    pieces, line = [], ""
    for byte in self.data:
      char = chr(byte)
      if char in '"\\?':
        line += "\\" + char
      elif 0x20 <= byte < 0x7f:
        line += char
      else:
        line += "\\%03o" % byte
      if len(line) >= 100:
        pieces.append('"%s"' % line)
        line = ""
    pieces.append('"%s"' % line)
    return "\n    ".join(pieces)


def enumerator(botocore_name):
  """botocore's "rest-xml" / "structure" as our enumerator kRestXml / kStructure."""
  return "k" + "".join(part.capitalize() for part in botocore_name.split("-"))


class ModelCompiler:
  """Turns one botocore model into the tables of compiled_model.h, as C++ source."""

  def __init__(self, service, model):
    self.service = service
    self.model = model
    self.pool = StringPool()
    self.shape_names = sorted(model["shapes"])  # bytewise, as lookups binary-search them
    self.shape_index = {name: i for i, name in enumerate(self.shape_names)}
    self.members, self.texts, self.shape_indices = [], [], []

  def shape_ref(self, name):
    if name not in self.shape_index:
      sys.exit("embed_models.py: %s refers to unknown shape %s" % (self.service, name))
    return str(self.shape_index[name])

  def text_list(self, values):
    begin = len(self.texts)
    self.texts += [self.pool.text(v) for v in values]
    return "{%d, %d}" % (begin, len(values))

  def member(self, name, ref):
    flags = [flag for key, flag in (("xmlAttribute", "kXmlAttribute"), ("flattened", "kMemberFlattened"),
                                    ("streaming", "kMemberStreaming"), ("idempotencyToken", "kIdempotencyToken"),
                                    ("jsonvalue", "kJsonValue"), ("hostLabel", "kHostLabel")) if ref.get(key)]
    namespace = ref.get("xmlNamespace", {})
    self.members.append("{%s}" % ", ".join([
        self.pool.text(name), self.shape_ref(ref["shape"]), self.pool.text(ref.get("location")),
        self.pool.text(ref.get("locationName")), self.pool.text(ref.get("queryName")),
        self.pool.text(namespace.get("uri")), self.pool.text(namespace.get("prefix")),
        self.pool.text(ref.get("timestampFormat")), flag_expression(flags, "compiled::")]))
    return len(self.members) - 1

  def shape(self, name):
    shape = self.model["shapes"][name]
    flags = [flag for key, flag in (("exception", "kException"), ("union", "kUnion"),
                                    ("flattened", "kShapeFlattened"), ("streaming", "kShapeStreaming"))
             if shape.get(key)]
    if "min" in shape:
      flags.append("kHasMin")
    if "max" in shape:
      flags.append("kHasMax")
    error = shape.get("error")
    if error is not None:
      flags.append("kHasError")
      if error.get("senderFault", True):
        flags.append("kSenderFault")
    members_begin = len(self.members)
    for member_name, ref in shape.get("members", {}).items():  # model order
      self.member(member_name, ref)
    members = "{%d, %d}" % (members_begin, len(self.members) - members_begin)
    container = [str(self.member("", shape[key])) if key in shape else NONE for key in ("member", "key", "value")]
    namespace = shape.get("xmlNamespace", {})
    return "{%s}" % ", ".join([
        self.pool.text(name), "ShapeType::" + enumerator(shape["type"]), flag_expression(flags, "compiled::"),
        members, self.text_list(shape.get("required", [])), self.text_list(shape.get("enum", [])),
        *container, self.pool.text(shape.get("payload")), self.pool.text(shape.get("timestampFormat")),
        self.pool.text(shape.get("pattern")), self.pool.text(shape.get("locationName")),
        self.pool.text(namespace.get("uri")), self.pool.text(namespace.get("prefix")),
        self.pool.text((error or {}).get("code")), str(int((error or {}).get("httpStatusCode", 0))),
        "%dLL" % int(shape.get("min", 0)), "%dLL" % int(shape.get("max", 0))])

  def operation(self, name):
    operation = self.model["operations"][name]
    http = operation.get("http", {})
    request = operation.get("input", {})
    response = operation.get("output", {})
    checksum = operation.get("httpChecksum")
    flags = []
    if checksum is not None:
      flags.append("kHasHttpChecksum")
      if checksum.get("requestChecksumRequired"):
        flags.append("kRequestChecksumRequired")
    if operation.get("deprecated"):
      flags.append("kDeprecated")
    errors_begin = len(self.shape_indices)
    self.shape_indices += [self.shape_ref(e["shape"]) for e in operation.get("errors", [])]
    return "{%s}" % ", ".join([
        self.pool.text(name), self.pool.text(http.get("method")), self.pool.text(http.get("requestUri")),
        str(int(http.get("responseCode", 200))),
        self.shape_ref(request["shape"]) if request else NONE,
        self.shape_ref(response["shape"]) if response else NONE,
        self.pool.text(response.get("resultWrapper")), self.pool.text(request.get("locationName")),
        self.pool.text(request.get("xmlNamespace", {}).get("uri")),
        "{%d, %d}" % (errors_begin, len(self.shape_indices) - errors_begin), flag_expression(flags, "compiled::")])

  def source(self):
    shapes = [self.shape(name) for name in self.shape_names]
    operations = [self.operation(name) for name in sorted(self.model["operations"])]
    meta = self.model["metadata"]
    protocols = protocols_of(meta)
    model = ", ".join([
        "kStrings", "kTexts", "kShapeIndices", "kMembers", str(len(self.members)), "kShapes", str(len(shapes)),
        "kOperations", str(len(operations)), str(len(self.texts)), str(len(self.shape_indices)),
        "Protocol::" + enumerator(meta["protocol"]),
        "{%s}" % ", ".join("Protocol::" + enumerator(p) for p in protocols), str(len(protocols)),
        self.pool.text(meta.get("apiVersion")), self.pool.text(meta.get("targetPrefix")),
        self.pool.text(meta.get("jsonVersion")), self.pool.text(signing_name_of(meta)),
        self.pool.text(meta.get("endpointPrefix")), self.pool.text(meta.get("serviceId")),
        self.pool.text(meta.get("xmlNamespace")), "true" if "awsQueryCompatible" in meta else "false"])
    # Empty tables still need one element to be valid C++ arrays; their counts stay 0.
    def table(entries, placeholder):
      return ",\n    ".join(entries or [placeholder])
    return "\n".join([
        "// Generated by tools/embed_models.py from botocore's %s model; do not edit." % self.service,
        '#include "protocol/compiled_model.h"', "",
        "namespace cloudemu::protocol {", "namespace {", "",
        "constexpr char kStrings[] =\n    %s;" % self.pool.literal(),
        "constexpr compiled::Text kTexts[] = {\n    %s};" % table(self.texts, "{0, 0}"),
        "constexpr uint32_t kShapeIndices[] = {\n    %s};" % table(self.shape_indices, "0"),
        "constexpr compiled::MemberRecord kMembers[] = {\n    %s};" % table(self.members, "{}"),
        "constexpr compiled::ShapeRecord kShapes[] = {\n    %s};" % table(shapes, "{}"),
        "constexpr compiled::OperationRecord kOperations[] = {\n    %s};" % table(operations, "{}"),
        "", "}  // namespace", "",
        "extern const compiled::CompiledModel %s = {%s};" % (model_symbol(self.service), model), "",
        "}  // namespace cloudemu::protocol", ""])


def flag_expression(flags, scope):
  return " | ".join(scope + f for f in flags) if flags else "0"


def model_symbol(service):
  return "kCompiledModel_" + service.replace("-", "_")


def signing_name_of(meta):
  return meta.get("signingName") or meta["endpointPrefix"]


def main():
  out_dir, services = sys.argv[1], sys.argv[2:]
  os.makedirs(out_dir, exist_ok=True)
  data_dir = botocore_data_dir()
  table = ['// Generated by tools/embed_models.py; do not edit.',
           '#include "protocol/compiled_model.h"', '#include "protocol/embedded_models.h"', '',
           'namespace cloudemu::protocol {', '']
  table += ['extern const compiled::CompiledModel %s;' % model_symbol(service) for service in services]
  table += ['', 'const std::vector<EmbeddedModel>& EmbeddedModels() {',
            '  static const std::vector<EmbeddedModel> kModels = {']
  for service in services:
    model = load_model(data_dir, service)
    write_if_changed(os.path.join(out_dir, "model_%s.cc" % service), ModelCompiler(service, model).source())
    meta = model["metadata"]
    table.append('      {"%s", &%s, "%s", "%s", "%s", "%s"},'
                 % (service, model_symbol(service), signing_name_of(meta), meta.get("targetPrefix", ""),
                    meta["apiVersion"], ",".join(protocols_of(meta))))
  table += ['  };', '  return kModels;', '}', '', '}  // namespace cloudemu::protocol', '']
  write_if_changed(os.path.join(out_dir, "embedded_models_table.cc"), "\n".join(table))


def protocols_of(meta):
  """The protocols the service accepts that CloudEmu speaks, preferred first."""
  protocols = list(meta.get("protocols") or [meta["protocol"]])
  # awsQueryCompatible services (SQS) moved to JSON but still accept their
  # old query protocol from older SDKs and tools.
  if "awsQueryCompatible" in meta and "query" not in protocols:
    protocols.append("query")
  return [p for p in protocols if p in SPOKEN_PROTOCOLS]


def write_if_changed(path, text):
  if os.path.exists(path) and open(path).read() == text:
    return
  with open(path, "w") as f:
    f.write(text)


if __name__ == "__main__":
  main()
