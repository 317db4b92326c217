-- wrk script for the ticket bench: POST /v1/tickets with a new Idempotency-Key each time, one connection per
-- wrk thread (run wrk with -t N -c N). Each connection stops itself after DURATION seconds, once its answer is
-- in, so every request sent was answered and counted: the 201s printed are exactly the tickets acknowledged.
--   wrk -t 4 -c 4 -d 30s -s scripts/bench/tickets.lua URL -- RUN_ID DURATION
-- Prints one line: BENCH {"created":…,"other":…,"seconds":…,"p50_ms":…,"p99_ms":…,"max_ms":…}
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } signpost_timespec;
int clock_gettime(int clock, signpost_timespec *now);
]]

local function now()
  local t = ffi.new("signpost_timespec")
  ffi.C.clock_gettime(1, t) -- CLOCK_MONOTONIC
  return tonumber(t.tv_sec) + tonumber(t.tv_nsec) / 1e9
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  run = args[1]
  duration = tonumber(args[2])
  created, other, sent = 0, 0, 0
  started = now()
  stopped = started
  deadline = started + duration
  body = '{"topic":"order-not-arrived","subject":"Where is my parcel?",' ..
    '"message":"Order A-1043 was promised for Monday and has not arrived.",' ..
    '"email":"bench@example.com","context":{"surface":"order","order_id":"A-1043"}}'
end

function request()
  sent = sent + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, id, sent),
  }
  return wrk.format("POST", "/v1/tickets", headers, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
  if now() >= deadline then
    stopped = now()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total_created, total_other, first, last = 0, 0, math.huge, 0
  for _, thread in ipairs(threads) do
    total_created = total_created + thread:get("created")
    total_other = total_other + thread:get("other")
    first = math.min(first, thread:get("started"))
    last = math.max(last, thread:get("stopped"))
  end
  io.write(string.format(
    'BENCH {"created":%d,"other":%d,"seconds":%.3f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"socket_errors":%d}\n',
    total_created, total_other, last - first, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
