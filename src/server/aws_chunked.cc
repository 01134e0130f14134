#include "server/aws_chunked.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "core/encoding.h"
#include "core/hash.h"
#include "server/sigv4.h"

namespace cloudemu::server {
namespace {

using protocol::HttpRequest;

constexpr std::string_view kStreamingPrefix = "STREAMING-";
constexpr std::string_view kChunkSignature = "chunk-signature=";
constexpr std::string_view kTrailerSignature = "x-amz-trailer-signature";
// Hex SHA-256 of the empty string, part of every chunk's string to sign.
constexpr std::string_view kEmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

Status Incomplete() {
  return Status::Error("IncompleteBody",
                       "You did not provide the number of bytes specified by the Content-Length HTTP header.", 400);
}

Status Malformed(std::string what) {
  return Status::Error("InvalidRequest", "Malformed aws-chunked request body: " + std::move(what), 400);
}

Status BadChunkSignature() {
  return Status::Error("SignatureDoesNotMatch",
                       "The request signature we calculated does not match the signature you provided. Check your "
                       "key and signing method.",
                       403);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Reads the body front to back.
class Reader {
 public:
  explicit Reader(std::string_view body) : rest_(body) {}

  // The next line without its CRLF; false when no CRLF follows.
  bool Line(std::string_view& line) {
    size_t end = rest_.find("\r\n");
    if (end == std::string_view::npos) return false;
    line = rest_.substr(0, end);
    rest_.remove_prefix(end + 2);
    return true;
  }
  bool Take(size_t n, std::string_view& out) {
    if (rest_.size() < n) return false;
    out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return true;
  }
  bool Crlf() {
    if (rest_.substr(0, 2) != "\r\n") return false;
    rest_.remove_prefix(2);
    return true;
  }
  bool empty() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

class SignatureChain {
 public:
  explicit SignatureChain(const ChunkSigningContext& context)
      : context_(context), previous_(context.seed_signature) {}

  bool VerifyChunk(std::string_view data, std::string_view signature) {
    std::string string_to_sign = "AWS4-HMAC-SHA256-PAYLOAD\n" + Header() + std::string(kEmptySha256) + "\n" +
                                 core::HexEncode(core::Sha256(data));
    return Advance(string_to_sign, signature);
  }
  // `canonical_trailers`: each trailer as "name:value\n", in order.
  bool VerifyTrailer(std::string_view canonical_trailers, std::string_view signature) {
    std::string string_to_sign =
        "AWS4-HMAC-SHA256-TRAILER\n" + Header() + core::HexEncode(core::Sha256(canonical_trailers));
    return Advance(string_to_sign, signature);
  }

 private:
  std::string Header() const { return context_.amz_date + "\n" + context_.scope + "\n" + previous_ + "\n"; }
  bool Advance(const std::string& string_to_sign, std::string_view signature) {
    std::string expected = SignatureHex(context_.signing_key, string_to_sign);
    if (!SignaturesEqual(expected, signature)) return false;
    previous_ = std::move(expected);
    return true;
  }

  const ChunkSigningContext& context_;
  std::string previous_;
};

// Removes "aws-chunked" from a Content-Encoding list.
void StripContentEncoding(HttpRequest& request) {
  const std::string* encoding = request.headers.Find("content-encoding");
  if (!encoding) return;
  std::string kept;
  std::string_view rest = *encoding;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = Trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (item.empty() || item == "aws-chunked") continue;
    if (!kept.empty()) kept += ",";
    kept += item;
  }
  if (kept.empty()) {
    request.headers.Erase("content-encoding");
  } else {
    request.headers.Set("content-encoding", std::move(kept));
  }
}

}  // namespace

bool IsAwsChunked(const HttpRequest& request) {
  if (const std::string* sha = request.headers.Find("x-amz-content-sha256")) {
    if (sha->compare(0, kStreamingPrefix.size(), kStreamingPrefix) == 0) return true;
  }
  const std::string* encoding = request.headers.Find("content-encoding");
  return encoding && encoding->find("aws-chunked") != std::string::npos;
}

Status DecodeAwsChunked(HttpRequest& request, const ChunkSigningContext* signing) {
  std::optional<SignatureChain> chain;
  if (signing) chain.emplace(*signing);

  std::string decoded;
  decoded.reserve(request.body.size());
  Reader reader(request.body);
  while (true) {
    std::string_view header;
    if (!reader.Line(header)) return Incomplete();
    std::string_view size_text = header.substr(0, header.find(';'));
    std::string_view signature;
    if (size_t at = header.find(kChunkSignature); at != std::string_view::npos) {
      signature = Trim(header.substr(at + kChunkSignature.size()));
    }
    size_text = Trim(size_text);
    size_t size = 0;
    auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
    if (size_text.empty() || ec != std::errc() || end != size_text.data() + size_text.size()) {
      return Malformed("chunk size \"" + std::string(size_text) + "\" is not hexadecimal");
    }
    std::string_view data;
    if (!reader.Take(size, data)) return Incomplete();
    if (chain) {
      if (signature.empty()) return Malformed("chunk-signature is missing");
      if (!chain->VerifyChunk(data, signature)) return BadChunkSignature();
    }
    if (size == 0) break;
    decoded.append(data);
    if (!reader.Crlf()) return Malformed("chunk data is not followed by CRLF");
  }

  // Trailers, up to an empty line (or the end of the body).
  std::vector<std::pair<std::string, std::string>> trailers;
  std::string canonical_trailers;
  std::string trailer_signature;
  std::string_view line;
  while (!reader.empty() && reader.Line(line) && !line.empty()) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Malformed("trailer \"" + std::string(line) + "\" has no ':'");
    std::string name = core::AsciiLower(Trim(line.substr(0, colon)));
    std::string value(Trim(line.substr(colon + 1)));
    if (name == kTrailerSignature) {
      trailer_signature = std::move(value);
      continue;
    }
    canonical_trailers.append(name).append(":").append(value).append("\n");
    trailers.emplace_back(std::move(name), std::move(value));
  }
  if (chain && !trailers.empty()) {
    if (trailer_signature.empty()) return Malformed("x-amz-trailer-signature is missing");
    if (!chain->VerifyTrailer(canonical_trailers, trailer_signature)) return BadChunkSignature();
  }

  if (const std::string* declared = request.headers.Find("x-amz-decoded-content-length")) {
    if (*declared != std::to_string(decoded.size())) return Incomplete();
  }
  for (auto& [name, value] : trailers) request.headers.Set(name, std::move(value));
  request.headers.Set("content-length", std::to_string(decoded.size()));
  StripContentEncoding(request);
  request.body = std::move(decoded);
  return Status::Ok();
}

}  // namespace cloudemu::server
