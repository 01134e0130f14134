// The filter-policy grammar, table-driven: what matches, what does not, and
// which policies are refused with which reason.
#include "services/sns/filter_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/json.h"

namespace cloudemu::services::sns {
namespace {

using core::Document;

struct MatchCase {
  const char* policy;
  // MessageAttributes scope: {"name": ["DataType", "StringValue"]}.
  const char* attributes;
  bool matches;
};

// Publish-shaped attributes from the compact form above.
Document Attributes(const char* compact) {
  Document attributes = Document::Map();
  auto parsed = core::FromJson(compact);
  EXPECT_TRUE(parsed.ok()) << compact;
  for (const auto& [name, pair] : parsed->AsMap()) {
    Document& attribute = attributes.Set(name, Document::Map());
    attribute.Set("DataType", pair.AsList().at(0));
    if (pair.AsList().at(0).AsString() == "Binary") {
      attribute.Set("BinaryValue", core::Blob{pair.AsList().at(1).AsString()});
    } else {
      attribute.Set("StringValue", pair.AsList().at(1));
    }
  }
  return attributes;
}

const std::vector<MatchCase> kAttributeCases = {
    // exact strings
    {R"({"color":["red"]})", R"({"color":["String","red"]})", true},
    {R"({"color":["red","blue"]})", R"({"color":["String","blue"]})", true},
    {R"({"color":["red"]})", R"({"color":["String","Red"]})", false},
    {R"({"color":["red"]})", R"({})", false},
    {R"({"color":["red"]})", R"({"size":["String","red"]})", false},
    // exact numbers, against Number attributes only
    {R"({"price":[100]})", R"({"price":["Number","100"]})", true},
    {R"({"price":[100]})", R"({"price":["Number","100.0"]})", true},
    {R"({"price":[100]})", R"({"price":["Number","1e2"]})", true},
    {R"({"price":[100]})", R"({"price":["String","100"]})", false},
    {R"({"price":["100"]})", R"({"price":["Number","100"]})", false},
    // prefix / suffix / equals-ignore-case
    {R"({"event":[{"prefix":"order-"}]})", R"({"event":["String","order-created"]})", true},
    {R"({"event":[{"prefix":"order-"}]})", R"({"event":["String","refund-created"]})", false},
    {R"({"file":[{"suffix":".png"}]})", R"({"file":["String","cat.png"]})", true},
    {R"({"file":[{"suffix":".png"}]})", R"({"file":["String","cat.jpg"]})", false},
    {R"({"state":[{"equals-ignore-case":"ACTIVE"}]})", R"({"state":["String","active"]})", true},
    {R"({"state":[{"equals-ignore-case":"ACTIVE"}]})", R"({"state":["String","inactive"]})", false},
    // anything-but
    {R"({"color":[{"anything-but":["red","blue"]}]})", R"({"color":["String","green"]})", true},
    {R"({"color":[{"anything-but":["red","blue"]}]})", R"({"color":["String","red"]})", false},
    {R"({"color":[{"anything-but":"red"}]})", R"({"color":["String","pink"]})", true},
    {R"({"color":[{"anything-but":"red"}]})", R"({})", false},  // needs the attribute
    {R"({"price":[{"anything-but":[100,200]}]})", R"({"price":["Number","150"]})", true},
    {R"({"price":[{"anything-but":[100,200]}]})", R"({"price":["Number","200"]})", false},
    {R"({"event":[{"anything-but":{"prefix":"test-"}}]})", R"({"event":["String","prod-1"]})", true},
    {R"({"event":[{"anything-but":{"prefix":"test-"}}]})", R"({"event":["String","test-1"]})", false},
    {R"({"file":[{"anything-but":{"suffix":".tmp"}}]})", R"({"file":["String","a.txt"]})", true},
    {R"({"file":[{"anything-but":{"suffix":".tmp"}}]})", R"({"file":["String","a.tmp"]})", false},
    // numeric ranges
    {R"({"price":[{"numeric":["=",10]}]})", R"({"price":["Number","10"]})", true},
    {R"({"price":[{"numeric":["=",10]}]})", R"({"price":["Number","10.5"]})", false},
    {R"({"price":[{"numeric":[">",10]}]})", R"({"price":["Number","10"]})", false},
    {R"({"price":[{"numeric":[">=",10]}]})", R"({"price":["Number","10"]})", true},
    {R"({"price":[{"numeric":["<",10]}]})", R"({"price":["Number","9.99"]})", true},
    {R"({"price":[{"numeric":["<=",10]}]})", R"({"price":["Number","10.01"]})", false},
    {R"({"price":[{"numeric":[">",0,"<=",5]}]})", R"({"price":["Number","5"]})", true},
    {R"({"price":[{"numeric":[">",0,"<=",5]}]})", R"({"price":["Number","0"]})", false},
    {R"({"price":[{"numeric":[">=",0,"<",5]}]})", R"({"price":["Number","-0.5"]})", false},
    {R"({"price":[{"numeric":[">",0]}]})", R"({"price":["String","7"]})", false},
    // exists
    {R"({"store":[{"exists":true}]})", R"({"store":["String","x"]})", true},
    {R"({"store":[{"exists":true}]})", R"({})", false},
    {R"({"store":[{"exists":false}]})", R"({})", true},
    {R"({"store":[{"exists":false}]})", R"({"store":["String","x"]})", false},
    {R"({"blob":[{"exists":true}]})", R"({"blob":["Binary","bytes"]})", false},  // binary is not filterable
    // cidr
    {R"({"ip":[{"cidr":"10.0.0.0/24"}]})", R"({"ip":["String","10.0.0.17"]})", true},
    {R"({"ip":[{"cidr":"10.0.0.0/24"}]})", R"({"ip":["String","10.0.1.17"]})", false},
    {R"({"ip":[{"cidr":"0.0.0.0/0"}]})", R"({"ip":["String","192.168.9.9"]})", true},
    // String.Array attributes match when any element does
    {R"({"tags":["b"]})", R"({"tags":["String.Array","[\"a\",\"b\"]"]})", true},
    {R"({"tags":["z"]})", R"({"tags":["String.Array","[\"a\",\"b\"]"]})", false},
    {R"({"ids":[2]})", R"({"ids":["String.Array","[1,2,3]"]})", true},
    // several keys must all match; several conditions on one key are alternatives
    {R"({"color":["red"],"size":["L"]})", R"({"color":["String","red"],"size":["String","L"]})", true},
    {R"({"color":["red"],"size":["L"]})", R"({"color":["String","red"],"size":["String","M"]})", false},
    {R"({"color":["red",{"prefix":"bl"}]})", R"({"color":["String","blue"]})", true},
    // $or
    {R"({"$or":[{"color":["red"]},{"size":["L"]}]})", R"({"size":["String","L"]})", true},
    {R"({"$or":[{"color":["red"]},{"size":["L"]}]})", R"({"size":["String","S"]})", false},
    {R"({"kind":["a"],"$or":[{"color":["red"]},{"size":["L"]}]})",
     R"({"kind":["String","a"],"color":["String","red"]})", true},
    {R"({"kind":["a"],"$or":[{"color":["red"]},{"size":["L"]}]})",
     R"({"kind":["String","b"],"color":["String","red"]})", false},
    // custom type suffixes keep their base type
    {R"({"n":[{"numeric":[">",1]}]})", R"({"n":["Number.float","1.5"]})", true},
    // an empty policy lets everything through
    {R"({})", R"({"any":["String","thing"]})", true},
};

TEST(FilterPolicyTest, MessageAttributeScopeTable) {
  for (const MatchCase& test : kAttributeCases) {
    auto policy = FilterPolicy::Compile(test.policy, FilterScope::kMessageAttributes);
    ASSERT_TRUE(policy.ok()) << test.policy << ": " << policy.status().ToString();
    EXPECT_EQ(policy->Matches(Attributes(test.attributes), ""), test.matches)
        << "policy " << test.policy << " attributes " << test.attributes;
  }
}

struct BodyCase {
  const char* policy;
  const char* body;
  bool matches;
};

const std::vector<BodyCase> kBodyCases = {
    {R"({"color":["red"]})", R"({"color":"red"})", true},
    {R"({"color":["red"]})", R"({"color":"blue"})", false},
    {R"({"order":{"total":[{"numeric":[">",100]}]}})", R"({"order":{"total":150}})", true},
    {R"({"order":{"total":[{"numeric":[">",100]}]}})", R"({"order":{"total":50}})", false},
    {R"({"order":{"customer":{"tier":["gold"]}}})", R"({"order":{"customer":{"tier":"gold"}}})", true},
    {R"({"order":{"customer":{"tier":["gold"]}}})", R"({"order":{"customer":{}}})", false},
    // arrays in the message: any element
    {R"({"tags":["b"]})", R"({"tags":["a","b"]})", true},
    {R"({"tags":["c"]})", R"({"tags":["a","b"]})", false},
    {R"({"items":{"sku":["X1"]}})", R"({"items":[{"sku":"A"},{"sku":"X1"}]})", true},
    // booleans and null are exact values in a body
    {R"({"paid":[true]})", R"({"paid":true})", true},
    {R"({"paid":[true]})", R"({"paid":false})", false},
    {R"({"coupon":[null]})", R"({"coupon":null})", true},
    {R"({"coupon":[null]})", R"({"coupon":"X"})", false},
    // exists on nested keys
    {R"({"order":{"note":[{"exists":false}]}})", R"({"order":{"total":1}})", true},
    {R"({"order":{"note":[{"exists":true}]}})", R"({"order":{"total":1}})", false},
    // $or inside a nested object
    {R"({"a":{"$or":[{"b":["1"]},{"c":["2"]}]}})", R"({"a":{"c":"2"}})", true},
    {R"({"a":{"$or":[{"b":["1"]},{"c":["2"]}]}})", R"({"a":{"c":"3"}})", false},
    // a body that is not a JSON object matches nothing
    {R"({"color":["red"]})", "plain text", false},
    {R"({"color":["red"]})", R"(["red"])", false},
};

TEST(FilterPolicyTest, MessageBodyScopeTable) {
  for (const BodyCase& test : kBodyCases) {
    auto policy = FilterPolicy::Compile(test.policy, FilterScope::kMessageBody);
    ASSERT_TRUE(policy.ok()) << test.policy << ": " << policy.status().ToString();
    EXPECT_EQ(policy->Matches(Document::Map(), test.body), test.matches)
        << "policy " << test.policy << " body " << test.body;
  }
}

struct InvalidCase {
  const char* policy;
  FilterScope scope;
  const char* reason;
};

const std::vector<InvalidCase> kInvalidCases = {
    {"not json", FilterScope::kMessageAttributes, "failed to parse JSON."},
    {R"(["a"])", FilterScope::kMessageAttributes, "Filter policy must be a JSON object"},
    {R"({"a":"b"})", FilterScope::kMessageAttributes, R"("a" must be an object or an array)"},
    {R"({"a":{"b":["c"]}})", FilterScope::kMessageAttributes,
     "Filter policy scope MessageAttributes does not support nested filter policy"},
    {R"({"a":[["x"]]})", FilterScope::kMessageAttributes, "Match value must be String, number, true, false, or null"},
    {R"({"a":[{"wildcard":"x*"}]})", FilterScope::kMessageAttributes, "Unrecognized match type wildcard"},
    {R"({"a":[{"prefix":1}]})", FilterScope::kMessageAttributes, "prefix match pattern must be a string"},
    {R"({"a":[{"exists":"yes"}]})", FilterScope::kMessageAttributes,
     "exists match pattern must be either true or false."},
    {R"({"a":[{"numeric":[">","x"]}]})", FilterScope::kMessageAttributes, "Value of > must be numeric"},
    {R"({"a":[{"numeric":["!",1]}]})", FilterScope::kMessageAttributes, "Unrecognized numeric range operator: !"},
    {R"({"a":[{"numeric":[">",5,"<",1]}]})", FilterScope::kMessageAttributes, "Bottom must be less than top"},
    {R"({"a":[{"numeric":["<",5,">",1]}]})", FilterScope::kMessageAttributes, "Bad numeric range operator: >"},
    {R"({"a":[{"numeric":[">",1,"<",5,"<",6]}]})", FilterScope::kMessageAttributes,
     "Too many elements in numeric expression"},
    {R"({"a":[{"anything-but":[true]}]})", FilterScope::kMessageAttributes,
     "Inside anything but list, start|null|boolean is not supported."},
    {R"({"a":[{"cidr":"10.0.0.0"}]})", FilterScope::kMessageAttributes, "Malformed CIDR, one '/' required"},
    {R"({"a":[]})", FilterScope::kMessageAttributes, "Empty arrays are not allowed"},
    {R"({"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]})", FilterScope::kMessageAttributes,
     "Filter policy can not have more than 5 keys"},
    // 6 * 6 * 5 = 180 combinations > 150
    {R"({"a":[1,2,3,4,5,6],"b":[1,2,3,4,5,6],"c":[1,2,3,4,5]})", FilterScope::kMessageAttributes,
     "Filter policy is too complex"},
    {R"({"$or":[{"a":["1"]}]})", FilterScope::kMessageAttributes,
     "Value of $or must be an array of at least 2 objects"},
};

TEST(FilterPolicyTest, InvalidPoliciesAreRefusedWithAwsReasons) {
  for (const InvalidCase& test : kInvalidCases) {
    auto policy = FilterPolicy::Compile(test.policy, test.scope);
    ASSERT_FALSE(policy.ok()) << test.policy;
    EXPECT_EQ(policy.status().code(), "InvalidParameter") << test.policy;
    EXPECT_EQ(policy.status().message(), test.reason) << test.policy;
  }
}

TEST(FilterPolicyTest, NestedPoliciesAreValidInBodyScope) {
  EXPECT_TRUE(FilterPolicy::Compile(R"({"a":{"b":["c"]}})", FilterScope::kMessageBody).ok());
}

}  // namespace
}  // namespace cloudemu::services::sns
