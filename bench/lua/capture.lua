-- PUT /v1/payments/{id} {"capture": true} on the authorized payments of BENCH_IDS (one per line); thread t of
-- BENCH_THREADS captures ids t, t+n...; a thread out of ids stops (run.sh then marks the figure as a lower bound).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local ids = lines(os.getenv("BENCH_IDS"))
local threads = tonumber(os.getenv("BENCH_THREADS") or "2")
local next_index

function request()
  next_index = next_index or tid
  local id = ids[next_index] or "0"
  next_index = next_index + threads
  return wrk.format("PUT", "/v1/payments/" .. id, nil, '{"capture":true}')
end

function response(status, headers, body)
  if not ids[next_index] then wrk.thread:stop() end
end

done = report
