-- wrk script: GET /api/v1/staff/{id} with a random id in [STAFF_ID_MIN, STAFF_ID_MAX].
-- The Authorization header comes from wrk's -H option (wrk.format adds wrk.headers).
local lo = tonumber(os.getenv("STAFF_ID_MIN") or "1")
local hi = tonumber(os.getenv("STAFF_ID_MAX") or "400000")
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
  return wrk.format("GET", "/api/v1/staff/" .. math.random(lo, hi))
end
