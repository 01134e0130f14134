#include "server/virtual_host.h"

#include <gtest/gtest.h>

namespace cloudemu::server {
namespace {

TEST(VirtualHostTest, RecognisesBucketHosts) {
  EXPECT_EQ(VirtualHostBucket("mybucket.s3.amazonaws.com"), "mybucket");
  EXPECT_EQ(VirtualHostBucket("mybucket.s3.us-west-2.amazonaws.com"), "mybucket");
  EXPECT_EQ(VirtualHostBucket("mybucket.s3-us-west-2.amazonaws.com"), "mybucket");
  EXPECT_EQ(VirtualHostBucket("mybucket.s3.dualstack.eu-west-1.amazonaws.com"), "mybucket");
  EXPECT_EQ(VirtualHostBucket("my.dotted.bucket.s3.us-east-1.amazonaws.com"), "my.dotted.bucket");
  EXPECT_EQ(VirtualHostBucket("mybucket.localhost:4566"), "mybucket");
  EXPECT_EQ(VirtualHostBucket("mybucket.s3.localhost:4566"), "mybucket");
  EXPECT_EQ(VirtualHostBucket("mybucket.localhost.localstack.cloud:4566"), "mybucket");
  EXPECT_EQ(VirtualHostBucket("mybucket.127.0.0.1.nip.io:8080"), "mybucket");
  EXPECT_EQ(VirtualHostBucket("mybucket.127-0-0-1.sslip.io"), "mybucket");
  EXPECT_EQ(VirtualHostBucket("MyBucket.S3.Amazonaws.com"), "mybucket");
}

TEST(VirtualHostTest, PathStyleHostsNameNoBucket) {
  for (const char* host : {"127.0.0.1:4566", "localhost", "localhost:4566", "s3.amazonaws.com",
                           "s3.us-east-1.amazonaws.com", "127.0.0.1.nip.io", "[::1]:4566", "example.com",
                           "sqs.us-east-1.amazonaws.com", "", "s3.localhost"}) {
    EXPECT_EQ(VirtualHostBucket(host), "") << host;
  }
}

TEST(VirtualHostTest, RewritesToPathStyle) {
  protocol::HttpRequest request;
  request.method = "GET";
  request.path = "/a/key%20with%20space";
  request.headers.Set("host", "bucket.localhost:4566");
  EXPECT_TRUE(RewriteVirtualHost(request));
  EXPECT_EQ(request.path, "/bucket/a/key%20with%20space");

  request.path = "/";
  EXPECT_TRUE(RewriteVirtualHost(request));
  EXPECT_EQ(request.path, "/bucket");

  protocol::HttpRequest path_style;
  path_style.path = "/bucket/key";
  path_style.headers.Set("host", "127.0.0.1:4566");
  EXPECT_FALSE(RewriteVirtualHost(path_style));
  EXPECT_EQ(path_style.path, "/bucket/key");
}

}  // namespace
}  // namespace cloudemu::server
