// Wire-neutral HTTP request and response: what the listener hands to the
// dispatcher and what codecs read and write. No server library types leak
// past the listener.
#ifndef CLOUDEMU_PROTOCOL_HTTP_MESSAGE_H_
#define CLOUDEMU_PROTOCOL_HTTP_MESSAGE_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloudemu::protocol {

// Header names are stored lower-cased; repeated headers are joined with ",".
class Headers {
 public:
  void Set(std::string_view name, std::string value);
  // Joins a repeated header's values with commas, as HTTP allows.
  void Add(std::string_view name, std::string_view value);
  void Add(std::string_view name, std::string&& value);
  const std::string* Find(std::string_view name) const;  // name in any case
  std::string Get(std::string_view name) const;          // "" when absent
  bool Has(std::string_view name) const { return Find(name) != nullptr; }
  void Erase(std::string_view name);
  const std::map<std::string, std::string, std::less<>>& all() const { return headers_; }

 private:
  std::map<std::string, std::string, std::less<>> headers_;
};

struct HttpRequest {
  std::string method;  // upper case
  std::string path;    // still percent-encoded, without the query string
  // Query parameters, percent-decoded, in order. A key without '=' has "".
  std::vector<std::pair<std::string, std::string>> query;
  Headers headers;
  std::string body;  // already de-chunked (aws-chunked too)

  const std::string* FindQuery(std::string_view key) const;
  bool HasQuery(std::string_view key) const { return FindQuery(key) != nullptr; }
};

struct HttpResponse {
  int status = 200;
  Headers headers;
  std::string body;
};

// Splits "a=1&b&c=x%20y" into decoded pairs (form bodies: '+' is a space).
std::vector<std::pair<std::string, std::string>> ParseQueryString(std::string_view query,
                                                                  bool plus_is_space);

}  // namespace cloudemu::protocol

#endif  // CLOUDEMU_PROTOCOL_HTTP_MESSAGE_H_
