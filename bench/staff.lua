-- wrk script: GET /api/v1/staff/{id} with a random id.
-- STAFF_IDS: a file with one id per line (the ids in an actor's scope; run.sh writes them);
-- without it, a random id in [STAFF_ID_MIN, STAFF_ID_MAX] (default 1..400,000).
-- The Authorization header comes from wrk's -H option (wrk.format adds wrk.headers).
local lo = tonumber(os.getenv("STAFF_ID_MIN") or "1")
local hi = tonumber(os.getenv("STAFF_ID_MAX") or "400000")
local ids = nil
local file = os.getenv("STAFF_IDS")
if file and file ~= "" then
  ids = {}
  for line in io.lines(file) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no ids in " .. file) end
end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  -- each thread has its own Lua state: seed it differently
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
  if ids then
    return wrk.format("GET", "/api/v1/staff/" .. ids[math.random(1, #ids)])
  end
  return wrk.format("GET", "/api/v1/staff/" .. math.random(lo, hi))
end
