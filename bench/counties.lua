-- wrk script: requests the paths of the file COUNTY_PATHS (one per line, balance.sh writes them:
-- GET /api/v1/balance for every county) in turn, round robin, so one run covers every county's
-- table about equally. The Authorization header comes from wrk's -H option (wrk.format adds
-- wrk.headers). Prints the latency line of counts.lua at the end.
local paths = {}
for line in io.lines(os.getenv("COUNTY_PATHS")) do
  if line ~= "" then paths[#paths + 1] = line end
end
if #paths == 0 then error("no paths in COUNTY_PATHS") end
local next_path = 0

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function done(summary, latency, requests)
  io.write(string.format("latency_ms %.2f %.2f %.2f %.2f\n", latency.min / 1000,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
