-- wrk script: S3 PutObject of a 1 KiB body, path-style and unsigned, to a
-- fresh key per request (keys are unique per wrk thread and counter).
-- Usage: wrk -s put_object.lua http://HOST:PORT -- <bucket>
local body = string.rep("x", 1024)
local bucket = "bench-bucket"
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  if args[1] then bucket = args[1] end
end

function request()
  counter = counter + 1
  local path = "/" .. bucket .. "/put/" .. thread_id .. "-" .. counter
  return wrk.format("PUT", path, {["Content-Type"] = "application/octet-stream"}, body)
end
