// cloudemu::Cloud: the public face of CloudState.
#include "cloudemu/cloud.h"

#include <fstream>
#include <sstream>

#include "cloud/cloud_state.h"
#include "core/json.h"

namespace cloudemu {
namespace {

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("FileNotReadable", "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Cloud::Cloud() : Cloud(std::move(internal::CloudState::Create(Options{})).value()) {}

Cloud::Cloud(std::unique_ptr<internal::CloudState> state) : state_(std::move(state)) {}

Cloud::~Cloud() = default;

StatusOr<std::unique_ptr<Cloud>> Cloud::Open(Options options) {
  auto state = internal::CloudState::Create(std::move(options));
  if (!state.ok()) return state.status();
  return std::unique_ptr<Cloud>(new Cloud(std::move(state).value()));
}

const Options& Cloud::options() const { return state_->options(); }

StatusOr<std::string> Cloud::Listen(const ListenOptions& options) { return state_->Listen(options); }

std::string Cloud::Endpoint() const { return state_->Endpoint(); }

void Cloud::StopListening() { state_->StopListening(); }

std::string Cloud::Snapshot() const { return state_->Snapshot(); }

Status Cloud::SnapshotToFile(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::InvalidArgument("FileNotWritable", "cannot write " + path);
  out << state_->Snapshot();
  out.close();
  if (!out) return Status::Internal("writing " + path + " failed");
  return Status::Ok();
}

Status Cloud::Restore(std::string_view snapshot_json) { return state_->Restore(snapshot_json); }

Status Cloud::RestoreFromFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return state_->Restore(*text);
}

Status Cloud::Seed(std::string_view fixture_json) { return state_->Seed(fixture_json); }

Status Cloud::SeedFromFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return state_->Seed(*text);
}

Status Cloud::Reset() { return state_->Reset(); }

void Cloud::Settle() { state_->Settle(); }

std::string Cloud::ResourcesJson() const { return state_->ResourcesJson(); }

StatusOr<std::string> Cloud::Invoke(std::string_view service, std::string_view operation,
                                    std::string_view input_json) {
  auto input = core::FromJson(input_json.empty() ? std::string_view("{}") : input_json);
  if (!input.ok()) return input.status();
  auto output = state_->Invoke(service, operation, *input);
  if (!output.ok()) return output.status();
  return core::ToJson(*output);
}

S3View Cloud::S3() { return S3View(state_.get()); }
SnsView Cloud::Sns() { return SnsView(state_.get()); }
SqsView Cloud::Sqs() { return SqsView(state_.get()); }

DynamoDBView Cloud::DynamoDB() { return DynamoDBView(state_.get()); }

}  // namespace cloudemu
