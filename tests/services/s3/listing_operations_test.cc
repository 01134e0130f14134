// ListObjects, ListObjectsV2 and ListObjectVersions through S3Service.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "s3_test_env.h"

namespace cloudemu::services::s3::testing {
namespace {

using core::Blob;

class ListingOperationsTest : public S3TestEnv {
 protected:
  void SetUp() override { CreateBucket("bkt"); }

  void Put(const std::string& key, const std::string& body = "x") {
    Ok("PutObject", Doc({{"Bucket", "bkt"}, {"Key", key}, {"Body", Blob{body}}}));
  }

  Document ListV2(Document extra = Document::Map()) {
    extra.Set("Bucket", "bkt");
    return Ok("ListObjectsV2", extra);
  }

  static std::vector<std::string> Keys(const Document& output, std::string_view member = "Contents") {
    std::vector<std::string> keys;
    for (const Document& entry : output[member].AsList()) keys.push_back(entry["Key"].AsString());
    return keys;
  }

  static std::vector<std::string> Prefixes(const Document& output) {
    std::vector<std::string> prefixes;
    for (const Document& entry : output["CommonPrefixes"].AsList()) prefixes.push_back(entry["Prefix"].AsString());
    return prefixes;
  }
};

TEST_F(ListingOperationsTest, ListsInUtf8ByteOrder) {
  for (const char* key : {"z", "\xc3\xa9t\xc3\xa9", "a", "B", "a/b"}) Put(key, "12345");
  Document page = ListV2();
  EXPECT_EQ(Keys(page), (std::vector<std::string>{"B", "a", "a/b", "z", "\xc3\xa9t\xc3\xa9"}));
  EXPECT_EQ(page["KeyCount"].AsInt(), 5);
  EXPECT_EQ(page["MaxKeys"].AsInt(), 1000);
  EXPECT_EQ(page["Name"].AsString(), "bkt");
  EXPECT_EQ(page["Prefix"].AsString(), "");
  EXPECT_FALSE(page["IsTruncated"].AsBool());
  const Document& first = page["Contents"].AsList()[0];
  EXPECT_EQ(first["Size"].AsInt(), 5);
  EXPECT_EQ(first["StorageClass"].AsString(), "STANDARD");
  EXPECT_EQ(first["LastModified"].AsTimestampMillis(), kStartMillis);
  EXPECT_FALSE(first.Has("Owner"));
  EXPECT_TRUE(ListV2(Doc({{"FetchOwner", true}}))["Contents"].AsList()[0].Has("Owner"));
}

TEST_F(ListingOperationsTest, DelimiterRollsUpCommonPrefixesCountedOnce) {
  for (const char* key : {"a/1", "a/2", "a/3", "b/1", "c", "d"}) Put(key);
  Document page = ListV2(Doc({{"Delimiter", "/"}, {"MaxKeys", 3}}));
  EXPECT_EQ(Prefixes(page), (std::vector<std::string>{"a/", "b/"}));
  EXPECT_EQ(Keys(page), std::vector<std::string>{"c"});
  EXPECT_EQ(page["KeyCount"].AsInt(), 3);
  EXPECT_TRUE(page["IsTruncated"].AsBool());
  EXPECT_EQ(page["Delimiter"].AsString(), "/");

  Document rest = ListV2(Doc({{"Delimiter", "/"}, {"ContinuationToken", page["NextContinuationToken"]}}));
  EXPECT_EQ(Keys(rest), std::vector<std::string>{"d"});
  EXPECT_TRUE(rest.Has("ContinuationToken"));
  EXPECT_FALSE(rest["IsTruncated"].AsBool());
  EXPECT_FALSE(rest.Has("NextContinuationToken"));

  Document in_prefix = ListV2(Doc({{"Prefix", "a/"}, {"Delimiter", "/"}}));
  EXPECT_EQ(Keys(in_prefix), (std::vector<std::string>{"a/1", "a/2", "a/3"}));
  EXPECT_EQ(in_prefix["Prefix"].AsString(), "a/");
}

TEST_F(ListingOperationsTest, PagesCoverEveryEntryOnce) {
  std::vector<std::string> keys;
  for (int group = 0; group < 4; ++group) {
    for (int i = 0; i < 3; ++i) Put("g" + std::to_string(group) + "/" + std::to_string(i));
    Put("k" + std::to_string(group));
  }
  std::vector<std::string> seen;
  Document input = Doc({{"Delimiter", "/"}, {"MaxKeys", 1}});
  for (int guard = 0; guard < 20; ++guard) {
    Document page = ListV2(input);
    for (const std::string& key : Keys(page)) seen.push_back(key);
    for (const std::string& prefix : Prefixes(page)) seen.push_back(prefix);
    if (!page["IsTruncated"].AsBool()) break;
    input.Set("ContinuationToken", page["NextContinuationToken"]);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"g0/", "g1/", "g2/", "g3/", "k0", "k1", "k2", "k3"}));
}

TEST_F(ListingOperationsTest, StartAfterTokensAndLimits) {
  for (const char* key : {"a", "b", "c"}) Put(key);
  Document after = ListV2(Doc({{"StartAfter", "a"}}));
  EXPECT_EQ(Keys(after), (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(after["StartAfter"].AsString(), "a");
  EXPECT_EQ(Error("ListObjectsV2", Doc({{"Bucket", "bkt"}, {"ContinuationToken", "garbage"}})).code(),
            "InvalidArgument");
  Document none = ListV2(Doc({{"MaxKeys", 0}}));
  EXPECT_FALSE(none.Has("Contents"));
  EXPECT_FALSE(none["IsTruncated"].AsBool());
  EXPECT_EQ(Error("ListObjectsV2", Doc({{"Bucket", "bkt"}, {"MaxKeys", -1}})).code(), "InvalidArgument");
  EXPECT_EQ(Error("ListObjectsV2", Doc({{"Bucket", "nobucket"}})).code(), "NoSuchBucket");
  EXPECT_EQ(Error("ListObjectsV2", Doc({{"Bucket", "bkt"}, {"EncodingType", "xml"}})).code(), "InvalidArgument");
}

TEST_F(ListingOperationsTest, ListObjectsV1Markers) {
  for (const char* key : {"a", "b/1", "b/2", "c"}) Put(key);
  Document plain = Ok("ListObjects", Doc({{"Bucket", "bkt"}, {"MaxKeys", 2}}));
  EXPECT_EQ(Keys(plain), (std::vector<std::string>{"a", "b/1"}));
  EXPECT_TRUE(plain["IsTruncated"].AsBool());
  EXPECT_FALSE(plain.Has("NextMarker"));  // only with a delimiter
  EXPECT_EQ(plain["Marker"].AsString(), "");
  EXPECT_TRUE(plain["Contents"].AsList()[0].Has("Owner"));

  Document grouped = Ok("ListObjects", Doc({{"Bucket", "bkt"}, {"MaxKeys", 2}, {"Delimiter", "/"}}));
  EXPECT_EQ(Keys(grouped), std::vector<std::string>{"a"});
  EXPECT_EQ(Prefixes(grouped), std::vector<std::string>{"b/"});
  EXPECT_EQ(grouped["NextMarker"].AsString(), "b/");
  Document next = Ok("ListObjects", Doc({{"Bucket", "bkt"}, {"Delimiter", "/"}, {"Marker", "b/"}}));
  EXPECT_EQ(Keys(next), std::vector<std::string>{"c"});
  EXPECT_FALSE(next.Has("CommonPrefixes"));
  EXPECT_EQ(next["Marker"].AsString(), "b/");
}

TEST_F(ListingOperationsTest, UrlEncoding) {
  Put("dir one/a+b.txt");
  Document page = ListV2(Doc({{"EncodingType", "url"}, {"Delimiter", " "}, {"Prefix", "dir"}}));
  EXPECT_EQ(page["EncodingType"].AsString(), "url");
  EXPECT_EQ(Prefixes(page), std::vector<std::string>{"dir+"});
  EXPECT_EQ(page["Delimiter"].AsString(), "+");
  Document flat = ListV2(Doc({{"EncodingType", "url"}}));
  EXPECT_EQ(Keys(flat), std::vector<std::string>{"dir+one/a%2Bb.txt"});
}

TEST_F(ListingOperationsTest, DeleteMarkersHideKeysAndShowInVersionListings) {
  Ok("PutBucketVersioning", Doc({{"Bucket", "bkt"}, {"VersioningConfiguration", Doc({{"Status", "Enabled"}})}}));
  Put("gone", "1");
  Put("kept", "1");
  Put("kept", "2");
  Ok("DeleteObject", Doc({{"Bucket", "bkt"}, {"Key", "gone"}}));
  EXPECT_EQ(Keys(ListV2()), std::vector<std::string>{"kept"});

  Document versions = Ok("ListObjectVersions", Doc({{"Bucket", "bkt"}}));
  ASSERT_EQ(versions["Versions"].size(), 3u);
  ASSERT_EQ(versions["DeleteMarkers"].size(), 1u);
  const Document& marker = versions["DeleteMarkers"].AsList()[0];
  EXPECT_EQ(marker["Key"].AsString(), "gone");
  EXPECT_TRUE(marker["IsLatest"].AsBool());
  EXPECT_TRUE(marker.Has("Owner"));
  const core::DocumentList& list = versions["Versions"].AsList();
  EXPECT_EQ(list[0]["Key"].AsString(), "gone");
  EXPECT_FALSE(list[0]["IsLatest"].AsBool());
  EXPECT_EQ(list[1]["Key"].AsString(), "kept");
  EXPECT_TRUE(list[1]["IsLatest"].AsBool());
  EXPECT_FALSE(list[2]["IsLatest"].AsBool());
  EXPECT_EQ(list[1]["Size"].AsInt(), 1);
}

TEST_F(ListingOperationsTest, VersionListingsPaginateByKeyAndVersion) {
  Ok("PutBucketVersioning", Doc({{"Bucket", "bkt"}, {"VersioningConfiguration", Doc({{"Status", "Enabled"}})}}));
  for (int i = 0; i < 3; ++i) Put("k", std::to_string(i));
  Put("m");
  std::vector<std::string> seen;
  Document input = Doc({{"Bucket", "bkt"}, {"MaxKeys", 2}});
  for (int guard = 0; guard < 10; ++guard) {
    Document page = Ok("ListObjectVersions", input);
    for (const Document& version : page["Versions"].AsList()) {
      seen.push_back(version["Key"].AsString() + "@" + version["VersionId"].AsString());
    }
    if (!page["IsTruncated"].AsBool()) break;
    input.Set("KeyMarker", page["NextKeyMarker"]);
    input.Set("VersionIdMarker", page["NextVersionIdMarker"]);
  }
  ASSERT_EQ(seen.size(), 4u);
  for (size_t i = 0; i + 1 < seen.size(); ++i) EXPECT_NE(seen[i], seen[i + 1]);
  EXPECT_EQ(seen[3].substr(0, 2), "m@");
  EXPECT_EQ(Error("ListObjectVersions", Doc({{"Bucket", "bkt"}, {"VersionIdMarker", "abc"}})).code(),
            "InvalidArgument");
  Document unversioned_key = Ok("ListObjectVersions", Doc({{"Bucket", "bkt"}, {"KeyMarker", "k"}}));
  EXPECT_EQ(Keys(unversioned_key, "Versions"), std::vector<std::string>{"m"});
}

TEST_F(ListingOperationsTest, VersionListingsGroupByDelimiter) {
  for (const char* key : {"logs/1", "logs/2", "top"}) Put(key);
  Document page = Ok("ListObjectVersions", Doc({{"Bucket", "bkt"}, {"Delimiter", "/"}}));
  EXPECT_EQ(Prefixes(page), std::vector<std::string>{"logs/"});
  EXPECT_EQ(Keys(page, "Versions"), std::vector<std::string>{"top"});
  EXPECT_EQ(page["Versions"].AsList()[0]["VersionId"].AsString(), "null");
}

}  // namespace
}  // namespace cloudemu::services::s3::testing
