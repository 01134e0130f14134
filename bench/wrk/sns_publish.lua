-- wrk script: SNS Publish (query protocol) of a 256-byte message to one topic.
-- The Authorization header only names the service for servers that route by
-- the SigV4 credential scope (moto); neither server checks it here.
-- Usage: wrk -s sns_publish.lua http://HOST:PORT -- <topic arn>
local body = ""
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sns/aws4_request, " ..
                      "SignedHeaders=host, Signature=0",
  ["X-Amz-Date"] = "20260101T000000Z",
}

local function form_escape(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  body = "Action=Publish&Version=2010-03-31&TopicArn=" .. form_escape(args[1]) ..
         "&Message=" .. string.rep("m", 256)
end

function request()
  return wrk.format("POST", "/", headers, body)
end
