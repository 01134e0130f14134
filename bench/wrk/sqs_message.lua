-- wrk script: SQS over the JSON protocol, one queue.
--   send:    SendMessage of a 256-byte body
--   receive: ReceiveMessage of one message with VisibilityTimeout 0, so a
--            pre-filled queue never runs dry
-- The Authorization header is well-formed but unsigned: it only names the
-- service for servers that route by the SigV4 credential scope (moto);
-- neither server checks signatures here.
-- Usage: wrk -s sqs_message.lua http://HOST:PORT -- send|receive <queue url>
local operation = "send"
local queue_url = ""
local headers = {["Content-Type"] = "application/x-amz-json-1.0"}
local body = ""

function init(args)
  operation = args[1]
  queue_url = args[2]
  local now = os.date("!%Y%m%dT%H%M%SZ")
  headers["X-Amz-Date"] = now
  headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=test/" .. string.sub(now, 1, 8) ..
                             "/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=0"
  if operation == "send" then
    headers["X-Amz-Target"] = "AmazonSQS.SendMessage"
    body = '{"QueueUrl":"' .. queue_url .. '","MessageBody":"' .. string.rep("m", 256) .. '"}'
  else
    headers["X-Amz-Target"] = "AmazonSQS.ReceiveMessage"
    body = '{"QueueUrl":"' .. queue_url .. '","MaxNumberOfMessages":1,"VisibilityTimeout":0}'
  end
end

function request()
  return wrk.format("POST", "/", headers, body)
end
