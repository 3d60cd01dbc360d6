-- Shared by the bench scripts (wrk 4, LuaJIT). Environment: BENCH_TOKEN (the seller's access token).
-- Every script ends with `done = report`: one machine-readable line that bench/run.sh reads.
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "bench")
wrk.headers["Content-Type"] = "application/json"

-- wrk.format replaces wrk.headers when given a table: this one adds to them.
function headers_with(extra)
  local all = {}
  for name, value in pairs(wrk.headers) do all[name] = value end
  for name, value in pairs(extra) do all[name] = value end
  return all
end

function lines(path)
  local list = {}
  local f = assert(io.open(path, "r"), "cannot read " .. tostring(path))
  for line in f:lines() do
    if #line > 0 then list[#list + 1] = line end
  end
  f:close()
  return list
end

-- Threads are numbered 1..n (setup runs in the main state, once per thread).
local created = 0
function setup(thread)
  created = created + 1
  thread:set("tid", created)
end

function report(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50.0) / 1000, latency:percentile(99.0) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
