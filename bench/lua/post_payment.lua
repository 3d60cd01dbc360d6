-- POST /v1/payments, each with a fresh APRO card token from BENCH_TOKENS (one per line) and its own
-- X-Idempotency-Key. Thread t of BENCH_THREADS uses tokens t, t+n, t+2n...; a thread out of tokens stops
-- (run.sh then marks the figure as a lower bound). BENCH_CAPTURE=false authorizes instead, and BENCH_OUT.<thread>
-- collects the created payment ids (to capture them later).
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local tokens = lines(os.getenv("BENCH_TOKENS"))
local threads = tonumber(os.getenv("BENCH_THREADS") or "2")
local nonce = os.getenv("BENCH_NONCE") or "0"
local capture = os.getenv("BENCH_CAPTURE") or "true"
local collect = os.getenv("BENCH_OUT")
local next_index, sent, answered, out = nil, 0, 0, nil

function request()
  next_index = next_index or tid
  local token = tokens[next_index]
  if not token then
    token = "exhausted"
  end
  next_index = next_index + threads
  sent = sent + 1
  local body = '{"transaction_amount":100,"token":"' .. token .. '","description":"bench","installments":1,' ..
    '"payment_method_id":"master","capture":' .. capture .. ',"payer":{"email":"bench_payer@testuser.com"}}'
  return wrk.format("POST", "/v1/payments", headers_with({ ["X-Idempotency-Key"] = "bench-" .. nonce .. "-" .. tid .. "-" .. sent }), body)
end

function response(status, headers, body)
  answered = answered + 1
  if collect and status == 201 then
    if not out then out = assert(io.open(collect .. "." .. tid, "a")) end
    local id = body:match('"id":(%d+)')
    if id then out:write(id, "\n") end
  end
  if next_index and not tokens[next_index] then wrk.thread:stop() end
end

done = report
