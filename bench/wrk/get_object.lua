-- wrk script: S3 GetObject of one pre-created 1 KiB object (public-read, so
-- the unsigned request is allowed by every emulator), path-style.
-- Usage: wrk -s get_object.lua http://HOST:PORT -- <bucket> <key>
local path = "/bench-bucket/get-object"

function init(args)
  if args[1] and args[2] then path = "/" .. args[1] .. "/" .. args[2] end
end

function request()
  return wrk.format("GET", path)
end
