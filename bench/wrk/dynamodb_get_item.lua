-- wrk script: DynamoDB GetItem of one pre-created item (pk "get", sk 0).
-- Usage: wrk -s dynamodb_get_item.lua http://HOST:PORT -- <table>
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local dynamodb = require("dynamodb_common")
local body

function init(args)
  body = string.format('{"TableName":"%s","Key":{"pk":{"S":"get"},"sk":{"N":"0"}}}', args[1] or "bench-table")
end

function request()
  return dynamodb.request("GetItem", body)
end
