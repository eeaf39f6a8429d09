-- wrk script for bench/callback-wrk.bench.ts: replays the signed requests of a file the bench wrote
-- (records of "path\n<byte length>\n<body>"), each once, so every request carries its own MsgId and
-- the server's dedupe never answers a repeat from memory. Prints one JSON line when done.
local reqs = {}
local count = 0
local next_index = 0
local wrapped = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local headers = { ["Content-Type"] = "text/xml" }
  while true do
    local path = f:read("l")
    if not path or path == "" then break end
    local len = tonumber(f:read("l"))
    local body = f:read(len)
    f:read(1)
    count = count + 1
    reqs[count] = wrk.format("POST", path, headers, body)
  end
  f:close()
end

function request()
  next_index = next_index + 1
  if next_index > count then
    next_index = 1
    wrapped = wrapped + 1
  end
  return reqs[next_index]
end

function done(summary, latency, requests)
  local w = 0
  for _, t in ipairs(threads) do w = w + (tonumber(t:get("wrapped")) or 0) end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"socketErrors":%d,"non2xx":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"wrapped":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max, w))
end
