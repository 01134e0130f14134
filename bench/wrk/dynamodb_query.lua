-- wrk script: DynamoDB Query of one partition of 100 pre-created items
-- (pk "query"), all returned in one page.
-- Usage: wrk -s dynamodb_query.lua http://HOST:PORT -- <table>
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local dynamodb = require("dynamodb_common")
local body

function init(args)
  body = string.format('{"TableName":"%s","KeyConditionExpression":"pk = :p",' ..
                       '"ExpressionAttributeValues":{":p":{"S":"query"}}}', args[1] or "bench-table")
end

function request()
  return dynamodb.request("Query", body)
end
