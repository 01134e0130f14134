-- Shared by the dynamodb_*.lua wrk scripts: one DynamoDB JSON request
-- (awsJson1_0) as an SDK sends it. The Authorization header is well formed
-- but not a valid signature: no server under test verifies signatures by
-- default, and dynalite only insists that the header is there.
local M = {}

function M.request(operation, body)
  return wrk.format("POST", "/", {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810." .. operation,
    ["X-Amz-Date"] = "20260101T000000Z",
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, " ..
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" .. string.rep("0", 64),
  }, body)
end

return M
