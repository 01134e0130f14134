// Virtual-hosted-style S3 addressing: a request to "<bucket>.<endpoint>"
// names the bucket in its Host header. The S3 codec decodes path-style
// requests, so such a request is rewritten to "/<bucket>/<key>" first.
// Endpoints recognised after the bucket label(s):
//   s3.amazonaws.com, s3.<region>.amazonaws.com, s3-<region>.amazonaws.com,
//   s3.dualstack.<region>.amazonaws.com (and .amazonaws.com.cn),
//   localhost, s3.localhost, localhost.localstack.cloud, and
//   <IPv4>.nip.io / <IPv4>.sslip.io style wildcard-DNS hosts;
// any of them with a ":port".
// Thread-safety: stateless functions.
#ifndef CLOUDEMU_SERVER_VIRTUAL_HOST_H_
#define CLOUDEMU_SERVER_VIRTUAL_HOST_H_

#include <string>
#include <string_view>

#include "protocol/http_message.h"

namespace cloudemu::server {

// The bucket a Host header names, "" for path-style hosts.
std::string VirtualHostBucket(std::string_view host);

// Rewrites a virtual-hosted-style S3 request to path style; returns whether
// it did.
bool RewriteVirtualHost(protocol::HttpRequest& request);

}  // namespace cloudemu::server

#endif  // CLOUDEMU_SERVER_VIRTUAL_HOST_H_
