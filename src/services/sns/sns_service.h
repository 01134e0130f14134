// SnsService: Amazon SNS (model "sns") - its state (SnsState), the signing
// identity of the Cloud's messages, delivery through core::Dispatch, every
// operation group registered from sns_operations.h, plus the resource
// listing and fixture seeding the Service interface asks for.
// Thread-safety: as Service; operations serialise their writes on the
// state's write mutex.
#ifndef CLOUDEMU_SERVICES_SNS_SNS_SERVICE_H_
#define CLOUDEMU_SERVICES_SNS_SNS_SERVICE_H_

#include <string>
#include <vector>

#include "services/service.h"
#include "services/sns/message_signer.h"
#include "services/sns/sns_delivery.h"
#include "services/sns/sns_state.h"

namespace cloudemu::services::sns {

class SnsService final : public Service {
 public:
  explicit SnsService(const ServiceEnvironment& env);

  // Topics ("sns:topic") and subscriptions ("sns:subscription").
  Document ListResources() const override;
  // {"topics": [{"name", "attributes"?: {..}, "tags"?: {..}, "subscriptions"?:
  // [{"protocol", "endpoint", "attributes"?: {..}}]}]}, applied through
  // CreateTopic and Subscribe.
  Status Seed(const Document& section, const RequestContext& context) override;
  void OnStateReplaced() override;
  // kSigningCertificateFile: the PEM certificate SigningCertURL points at.
  StatusOr<PublishedFile> FindPublishedFile(std::string_view name) override;

  // What the typed view shows beyond the AWS API: every recorded delivery
  // attempt (oldest first) and the certificate that verifies signatures.
  std::vector<DeliveryRecord> Deliveries() const { return state_.ListDeliveries(); }
  StatusOr<std::string> SigningCertificatePem() { return signer_.CertificatePem(); }

 private:
  SnsState state_;
  MessageSigner signer_;
  SnsDelivery delivery_;
};

}  // namespace cloudemu::services::sns

#endif  // CLOUDEMU_SERVICES_SNS_SNS_SERVICE_H_
