-- POST /v1/card_tokens with an approving test card (cardholder APRO); each thread appends the ids it got to
-- BENCH_OUT.<thread>. Used to prepare the payment cases, not measured.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

wrk.method = "POST"
wrk.path = "/v1/card_tokens"
wrk.body = '{"card_number":"5031433215406351","security_code":"123","expiration_month":11,"expiration_year":2030,' ..
  '"cardholder":{"name":"APRO","identification":{"type":"CPF","number":"19119119100"}}}'

local out

function response(status, headers, body)
  if status ~= 201 then return end
  if not out then out = assert(io.open(os.getenv("BENCH_OUT") .. "." .. tid, "a")) end
  local id = body:match('"id":"(%x+)"')
  if id then out:write(id, "\n") end
end

done = report
