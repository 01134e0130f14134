// SnsService::Seed: the "sns" section of a fixture, checked as a whole first,
// then applied through SNS's own CreateTopic and Subscribe (DESIGN rule 1).
#include <set>
#include <string>

#include "services/sns/sns_service.h"

namespace cloudemu::services::sns {
namespace {

Status Invalid(const std::string& where, const std::string& problem) {
  return Status::InvalidArgument("InvalidFixture", where + ": " + problem);
}

// `doc` is an object with only `allowed` members, each of `strings` a string
// and each of `maps` an object of strings.
Status CheckObject(const Document& doc, const std::string& where, const std::set<std::string, std::less<>>& strings,
                   const std::set<std::string, std::less<>>& maps, std::string_view list_member = "") {
  if (!doc.is_map()) return Invalid(where, "must be an object");
  for (const auto& [member, value] : doc.AsMap()) {
    const std::string path = where + "." + member;
    if (strings.count(member)) {
      if (!value.is_string()) return Invalid(path, "must be a string");
    } else if (maps.count(member)) {
      if (!value.is_map()) return Invalid(path, "must be an object of strings");
      for (const auto& [name, text] : value.AsMap()) {
        if (!text.is_string()) return Invalid(path + "." + name, "must be a string");
      }
    } else if (member != list_member || !value.is_list()) {
      return Invalid(path, member == list_member ? "must be a list" : "unknown member");
    }
  }
  return Status::Ok();
}

Status CheckSection(const Document& section) {
  if (Status ok = CheckObject(section, "sns", {}, {}, "topics"); !ok.ok()) return ok;
  const Document& topics = section["topics"];
  for (size_t i = 0; i < topics.size(); ++i) {
    const Document& topic = topics.AsList()[i];
    const std::string where = "sns.topics[" + std::to_string(i) + "]";
    if (Status ok = CheckObject(topic, where, {"name"}, {"attributes", "tags"}, "subscriptions"); !ok.ok()) return ok;
    if (!topic.Has("name")) return Invalid(where, "needs a \"name\"");
    const Document& subscriptions = topic["subscriptions"];
    for (size_t j = 0; j < subscriptions.size(); ++j) {
      const Document& subscription = subscriptions.AsList()[j];
      const std::string sub_where = where + ".subscriptions[" + std::to_string(j) + "]";
      if (Status ok = CheckObject(subscription, sub_where, {"protocol", "endpoint"}, {"attributes"}); !ok.ok()) {
        return ok;
      }
      if (!subscription.Has("protocol") || !subscription.Has("endpoint")) {
        return Invalid(sub_where, "needs a \"protocol\" and an \"endpoint\"");
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Status SnsService::Seed(const Document& section, const RequestContext& context) {
  if (Status valid = CheckSection(section); !valid.ok()) return valid;
  for (const Document& topic : section["topics"].AsList()) {
    auto failed = [&](std::string_view operation, const Status& status) {
      return Invalid("sns topic \"" + topic["name"].AsString() + "\"",
                     std::string(operation) + " failed: " + status.code() + ": " + status.message());
    };
    Document create = Document::Map();
    create.Set("Name", topic["name"]);
    if (topic.Has("attributes")) create.Set("Attributes", topic["attributes"]);
    if (topic.Has("tags")) {
      Document& tags = create.Set("Tags", Document::List());
      for (const auto& [key, value] : topic["tags"].AsMap()) {
        Document& tag = tags.Append(Document::Map());
        tag.Set("Key", key);
        tag.Set("Value", value);
      }
    }
    auto created = Invoke("CreateTopic", create, context);
    if (!created.ok()) return failed("CreateTopic", created.status());
    for (const Document& subscription : topic["subscriptions"].AsList()) {
      Document subscribe = Document::Map();
      subscribe.Set("TopicArn", (*created)["TopicArn"]);
      subscribe.Set("Protocol", subscription["protocol"]);
      subscribe.Set("Endpoint", subscription["endpoint"]);
      subscribe.Set("ReturnSubscriptionArn", true);
      if (subscription.Has("attributes")) subscribe.Set("Attributes", subscription["attributes"]);
      auto subscribed = Invoke("Subscribe", subscribe, context);
      if (!subscribed.ok()) return failed("Subscribe", subscribed.status());
    }
  }
  return Status::Ok();
}

}  // namespace cloudemu::services::sns
