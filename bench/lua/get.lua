-- GET each path of BENCH_PATHS (one per line, e.g. /v1/payments/123) in turn; requests are prepared once per thread
-- (in init, once wrk.host is known).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local prepared, n = {}, 0

function init(args)
  for i, path in ipairs(lines(os.getenv("BENCH_PATHS"))) do prepared[i] = wrk.format("GET", path) end
end

function request()
  n = n + 1
  return prepared[(n % #prepared) + 1]
end

done = report
