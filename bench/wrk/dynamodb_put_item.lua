-- wrk script: DynamoDB PutItem of a small item (a string key, a number and a
-- 200-byte string) to a fresh key per request (unique per thread and counter).
-- Usage: wrk -s dynamodb_put_item.lua http://HOST:PORT -- <table>
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local dynamodb = require("dynamodb_common")
local table_name = "bench-table"
local payload = string.rep("x", 200)
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  if args[1] then table_name = args[1] end
end

function request()
  counter = counter + 1
  local body = string.format(
      '{"TableName":"%s","Item":{"pk":{"S":"put-%d-%d"},"sk":{"N":"0"},"n":{"N":"%d"},"payload":{"S":"%s"}}}',
      table_name, thread_id, counter, counter, payload)
  return dynamodb.request("PutItem", body)
end
