// ModelIndex: what the RPC codecs and input validation look up on every
// request, computed once per ServiceModel so that no request scans a model:
// error shapes by code, SQS-style query names (wire_facts.h), the shapes that
// can fail validation, and the service's wire facts.
// Thread-safety: an index is immutable once built; ModelIndex::For is safe
// from any thread and builds each embedded model's index once.
#ifndef CLOUDEMU_PROTOCOL_MODEL_INDEX_H_
#define CLOUDEMU_PROTOCOL_MODEL_INDEX_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "cloudemu/status.h"
#include "protocol/service_model.h"
#include "protocol/wire_facts.h"

namespace cloudemu::protocol {

// An error Status as the model describes it.
struct ErrorDescription {
  const Shape* shape = nullptr;  // the modeled error shape, null when unmodeled
  std::string_view code;         // shape name, or the Status code when unmodeled
  std::string_view query_code;   // the shape's awsQueryError code, else `code`
  int http_status = 400;
  bool sender_fault = true;  // awsQuery <Type>Sender</Type> vs Receiver
};

class ModelIndex {
 public:
  // The index of `model`. Embedded models (FindModel) are indexed once and
  // cached; any other model gets a fresh index.
  static std::shared_ptr<const ModelIndex> For(const ServiceModel& model);

  explicit ModelIndex(const ServiceModel& model);

  const ServiceModel& model() const { return model_; }
  const WireFacts& facts() const { return facts_; }

  // ServiceModel::FindErrorShape without the scan: by shape name or by
  // awsQueryError code.
  const Shape* FindErrorShape(std::string_view code) const;
  // `error`'s code, fault and HTTP status; the model's httpStatusCode wins
  // over a Status left at the default 400.
  ErrorDescription DescribeError(const Status& error) const;

  // The shape's awsQueryError trait, from the model or wire_facts.h; null
  // when neither has one.
  const ErrorTraits* ErrorTraitsOf(const Shape* shape) const;

  // Query names the model lacks (wire_facts.h), null when none.
  const QueryShapeNames* QueryNames(const Shape* shape) const;
  // xmlns of awsQuery responses, with a trailing '/'.
  const std::string& QueryXmlNamespace() const { return query_xml_namespace_; }

  // False when no value of `shape` can fail ValidateInput (no required
  // members or length/range limits anywhere below it).
  bool MayFailValidation(const Shape* shape) const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  void IndexValidation();

  const ServiceModel& model_;
  const WireFacts& facts_;
  std::unordered_map<std::string, const Shape*, Hash, std::equal_to<>> errors_;
  std::unordered_map<const Shape*, const QueryShapeNames*> query_names_;
  std::unordered_map<const Shape*, ErrorTraits> error_traits_;  // from wire_facts.h
  std::unordered_set<const Shape*> validated_;
  std::string query_xml_namespace_;
};

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_MODEL_INDEX_H_
