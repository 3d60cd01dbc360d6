#!/usr/bin/env bash
# The benchmark: builds Release, publishes the emulator and measures start-up, throughput and latency (wrk), memory,
# search scaling and a peer (WireMock.Net) on the same machine in the same run. Prints a markdown report and writes it
# to bench/results/latest.md. See README.md, section "Benchmark".
#
#   bench/run.sh [--duration S] [--repeat N] [--connections C] [--threads T] [--starts N] [--modes "memory file"]
#                [--scale "1000 100000 1000000"] [--scale-duration S] [--memory-payments N] [--out FILE] [--no-build]
#                [--cases "startup get health peer customers tokens post capture memory scale"] [--startup-payments N] [--no-nice]
# As root, the measured processes (emulator, peer, wrk, start-up timer) run at nice -10, so other work on a shared
# machine disturbs the figures less; --no-nice turns that off. Each figure is printed with the load average it ran at.
#   bench/run.sh --smoke      every case once for 1 s on tiny data (CI: keeps the harness from rotting; no report kept)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

duration=10 repeat=3 connections=16 threads=2 starts=10 modes="memory file" scale="1000 100000 1000000" scale_duration=5
memory_payments=100000 out=bench/results/latest.md build=true smoke=false nice=true cases="startup get health peer customers tokens post capture memory scale"
startup_payments=100000
while [[ $# -gt 0 ]]; do
  case $1 in
    --duration) duration=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    --connections) connections=$2; shift ;;
    --threads) threads=$2; shift ;;
    --starts) starts=$2; shift ;;
    --modes) modes=$2; shift ;;
    --scale) scale=$2; shift ;;
    --scale-duration) scale_duration=$2; shift ;;
    --memory-payments) memory_payments=$2; shift ;;
    --startup-payments) startup_payments=$2; shift ;;
    --out) out=$2; shift ;;
    --cases) cases=$2; shift ;;
    --no-build) build=false ;;
    --no-nice) nice=false ;;
    --smoke) smoke=true ;;
    *) echo "bench: unknown option $1" >&2; exit 64 ;;
  esac
  shift
done
if $smoke; then
  duration=1 repeat=1 starts=1 modes=memory scale=1000 scale_duration=1 memory_payments=1000 startup_payments=1000 out=""
fi

prio=()
$nice && [[ $(id -u) -eq 0 ]] && prio=(nice -n -10)

# The demo seller of the generator (Generator.DemoToken): every case runs as this seller.
token=TEST-4242424242424242-010126-5ee1ce7e1e9e4f1db1c0ffee0badc0de-424242424
work=$(mktemp -d /tmp/mpemu-bench.XXXXXX)
bin=$root/bench/out
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "bench: $*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; } # a key=value of wrk's RESULT line
want() { [[ " $cases " == *" $1 "* ]]; }

# --- load generator ---------------------------------------------------------------------------------------------
missing=()
for p in wrk jq; do command -v "$p" > /dev/null || missing+=("$p"); done
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing ${missing[*]} (Debian packages)"
  sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  apt() { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
  { apt install -y -qq "${missing[@]}" || { apt update -qq && apt install -y -qq "${missing[@]}"; }; } > "$work/apt.log" 2>&1 || true
fi
command -v jq > /dev/null || { log "jq is required (apt-get install jq)"; cat "$work/apt.log" >&2; exit 1; }
has_wrk=true
if ! command -v wrk > /dev/null; then
  $smoke || { log "wrk is required (apt-get install wrk)"; cat "$work/apt.log" >&2; exit 1; }
  has_wrk=false
  log "wrk unavailable: the smoke skips the load cases"
fi

# --- build ----------------------------------------------------------------------------------------------------------
if $build; then
  log "publishing the emulator (Release) and the bench helper"
  dotnet publish src/MpEmulator/MpEmulator.csproj -c Release -o "$bin/app" -v q -nologo > "$work/publish.log" 2>&1 \
    || { cat "$work/publish.log"; exit 1; }
  dotnet publish bench/MpEmulator.Bench/MpEmulator.Bench.csproj -c Release -o "$bin/tool" -v q -nologo > "$work/publish-tool.log" 2>&1 \
    || { cat "$work/publish-tool.log"; exit 1; }
fi
app=$bin/app/MpEmulator
tool=$bin/tool/MpEmulator.Bench

# --- helpers --------------------------------------------------------------------------------------------------------
emu_pid="" emu_url=""
# start_emulator NAME ARGS...: starts the published emulator on a free port and waits for its address.
start_emulator() {
  local name=$1; shift
  local out=$work/$name.log
  (cd "$bin/app" && exec "${prio[@]}" "$app" --port 0 "$@") > "$out" 2>&1 &
  emu_pid=$!
  pids+=("$emu_pid")
  emu_url=""
  for _ in $(seq 1 600); do
    emu_url=$(grep -oE 'listening on http://[^ ]+' "$out" | head -n 1 | cut -d' ' -f3 || true)
    [[ -n $emu_url ]] && break
    kill -0 "$emu_pid" 2> /dev/null || break
    sleep 0.1
  done
  [[ -n $emu_url ]] || { log "the emulator did not start"; cat "$out" >&2; exit 1; }
}
stop_emulator() { kill "$emu_pid" 2> /dev/null || true; wait "$emu_pid" 2> /dev/null || true; }
api() { curl -fsS -m 3600 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
# generate PAYMENTS: the demo seller gets PAYMENTS payments and a tenth as many customers; prints the seconds it took.
generate() {
  api -X POST "$emu_url/__admin/generate" -d "{\"customers\": $(($1 / 10)), \"payments\": $1}" | jq -r .seconds
}
# wrk_run SCRIPT URL CONNECTIONS THREADS SECONDS [VAR=VALUE...]: one wrk run; prints its RESULT line.
wrk_run() {
  local script=$1 url=$2 c=$3 t=$4 d=$5; shift 5
  env BENCH_LUA="$root/bench/lua" BENCH_TOKEN="$token" BENCH_THREADS="$t" "$@" \
    "${prio[@]}" wrk -t"$t" -c"$c" -d"${d}s" --timeout 30s -s "$root/bench/lua/$script" "$url" > "$work/wrk.out" 2>&1 \
    || { cat "$work/wrk.out" >&2; exit 1; }
  grep '^RESULT' "$work/wrk.out" || { cat "$work/wrk.out" >&2; exit 1; }
}
# The rows of each table, filled as the cases run and assembled at the end.
rows_startup=$work/startup.md rows_load=$work/load.md rows_memory=$work/memory.md rows_after_load=$work/after-load.md rows_scale=$work/scale.md
touch "$rows_startup" "$rows_load" "$rows_memory" "$rows_after_load" "$rows_scale"
# record CASE STORAGE RESULTS_FILE LOADS [LOWER_BOUND]: medians of the repeated runs as one table row.
record() {
  local name=$1 storage=$2 results=$3 loads=$4 bound=${5:-}
  local rps p50 p99 requests non2xx runs
  rps=$(field rps < "$results" | median)
  p50=$(field p50_ms < "$results" | median)
  p99=$(field p99_ms < "$results" | median)
  requests=$(field requests < "$results" | median)
  non2xx=$(field non2xx < "$results" | awk '{ s += $1 } END { print s + 0 }')
  runs=$(field rps < "$results" | awk '{ printf "%s%.0f", (NR > 1 ? " / " : ""), $1 }')
  printf '| %s | %s | %s%.0f | %.2f | %.2f | %.0f | %s | %s | %s |\n' "$name" "$storage" "$bound" "$rps" "$p50" "$p99" \
    "$requests" "$non2xx" "$runs" "$loads" >> "$rows_load"
  echo "$rps"
}

started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

# --- start-up -------------------------------------------------------------------------------------------------------
want startup && for mode in memory file; do
  log "start-up ($mode): $starts cold starts"
  load=$(load1)
  if [[ $mode == memory ]]; then line=$("${prio[@]}" "$tool" startup --app "$app" --runs "$starts" --in-memory)
  else line=$("${prio[@]}" "$tool" startup --app "$app" --runs "$starts" --db-dir "$work"); fi
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$mode" "$(echo " $line" | field median)" "$(echo " $line" | field min)" \
    "$(echo " $line" | field max)" "$(echo " $line" | field cpu)" "$(echo " $line" | field runs)" "$load" >> "$rows_startup"
done

# A database file holding generated payments: /health answers before the data is loaded, so the first answer of a
# search over that data is timed too.
want startup && {
  log "start-up (file with $startup_payments payments): $starts cold starts"
  start_emulator "startup-seed" --db "$work/seeded.db" --generate "$startup_payments"
  stop_emulator
  for probe in /health "/v1/payments/search?limit=1"; do
    load=$(load1)
    line=$("${prio[@]}" "$tool" startup --app "$app" --runs "$starts" --db-file "$work/seeded.db" --probe "$probe" --token "$token")
    printf '| file with %s payments: first 200 of %s | %s | %s | %s | %s | %s | %s |\n' "$startup_payments" "${probe%%\?*}" \
      "$(echo " $line" | field median)" "$(echo " $line" | field min)" "$(echo " $line" | field max)" "$(echo " $line" | field cpu)" \
      "$(echo " $line" | field runs)" "$load" >> "$rows_startup"
  done
}

# --- throughput and latency -----------------------------------------------------------------------------------------
# Each repetition runs every case once, ours and the peer's GET back to back, so they share the machine's conditions.
ours_get="" peer_get="" ours_health="" peer_pid="" paths_get=$work/paths-get canned=$work/canned-payment.json
echo /health > "$work/paths-health"
if $has_wrk && { want get || want health || want customers || want tokens || want post || want capture || want peer; }; then
  for mode in $modes; do
    if [[ $mode == memory ]]; then start_emulator "load-$mode" --in-memory; else start_emulator "load-$mode" --db "$work/load.db"; fi
    log "throughput ($mode storage, $connections connections, ${duration}s x $repeat): preparing 1000 payments, 100 customers"
    generate 1000 > /dev/null
    api "$emu_url/v1/payments/search?limit=1000" | jq -r '.results[].id | "/v1/payments/\(.)"' > "$paths_get"
    api "$emu_url/v1/customers/search?limit=100" | jq -r '.results[].email | "/v1/customers/search?email=\(@uri)"' > "$work/paths-customers"
    api "$emu_url$(head -n 1 "$paths_get")" > "$canned"
    if want peer && [[ -z $peer_pid ]]; then
      # The peer: WireMock.Net serving the payment our GET just returned, for the same paths, under the same load.
      peer_port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
      "${prio[@]}" "$tool" peer --port "$peer_port" --body "$canned" > "$work/peer.log" 2>&1 &
      peer_pid=$!
      pids+=("$peer_pid")
      for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$peer_port/v1/payments/1" && break; sleep 0.1; done
      peer_mode=$mode
    fi
    for c in get health customers tokens post capture peer; do : > "$work/$c.res"; eval "loads_$c=''"; done
    # Warm-up, not recorded (1.5 x duration, at most 15 s): tiered compilation and PGO take 15-20 s of load to settle on
    # 2 cores; both
    # our GET and the peer's get the same.
    warm=$(( duration * 3 / 2 < 15 ? duration * 3 / 2 : 15 ))
    want get && wrk_run get.lua "$emu_url" "$connections" "$threads" "$warm" BENCH_PATHS="$paths_get" > /dev/null
    want health && wrk_run get.lua "$emu_url" "$connections" "$threads" "$warm" BENCH_PATHS="$work/paths-health" > /dev/null
    want customers && wrk_run get.lua "$emu_url" "$connections" "$threads" "$warm" BENCH_PATHS="$work/paths-customers" > /dev/null
    if want peer && [[ $mode == "$peer_mode" ]]; then
      wrk_run get.lua "http://127.0.0.1:$peer_port" "$connections" "$threads" "$warm" BENCH_PATHS="$paths_get" > /dev/null
    fi
    post_bound="" capture_bound=""
    for r in $(seq 1 "$repeat"); do
      if want get; then
        loads_get+="${loads_get:+ / }$(load1)"
        wrk_run get.lua "$emu_url" "$connections" "$threads" "$duration" BENCH_PATHS="$paths_get" >> "$work/get.res"
      fi
      if want health; then
        loads_health+="${loads_health:+ / }$(load1)"
        wrk_run get.lua "$emu_url" "$connections" "$threads" "$duration" BENCH_PATHS="$work/paths-health" >> "$work/health.res"
      fi
      if want peer && [[ $mode == "$peer_mode" ]]; then
        loads_peer+="${loads_peer:+ / }$(load1)"
        wrk_run get.lua "http://127.0.0.1:$peer_port" "$connections" "$threads" "$duration" BENCH_PATHS="$paths_get" >> "$work/peer.res"
      fi
      if want customers; then
        loads_customers+="${loads_customers:+ / }$(load1)"
        wrk_run get.lua "$emu_url" "$connections" "$threads" "$duration" BENCH_PATHS="$work/paths-customers" >> "$work/customers.res"
      fi
      want tokens || want post || want capture || continue
      # Fresh APRO tokens: the first part pays (POST case), the rest authorizes the payments the PUT case captures.
      rm -f "$work"/tokens.*
      loads_tokens+="${loads_tokens:+ / }$(load1)"
      wrk_run make_tokens.lua "$emu_url" "$connections" "$threads" $((duration * 3)) BENCH_OUT="$work/tokens" >> "$work/tokens.res"
      cat "$work"/tokens.* > "$work/tokens"
      cp "$work/tokens" "$work/tokens-left"
      if want post; then
        loads_post+="${loads_post:+ / }$(load1)"
        wrk_run post_payment.lua "$emu_url" "$connections" "$threads" "$duration" BENCH_TOKENS="$work/tokens" BENCH_NONCE="p$r$RANDOM" \
          | tee -a "$work/post.res" > "$work/last.res"
        used=$(field requests < "$work/last.res")
        [[ $used -ge $(wc -l < "$work/tokens") ]] && post_bound="≥"
        tail -n +"$((used + connections + 1))" "$work/tokens" > "$work/tokens-left"
      fi
      if want capture; then
        rm -f "$work"/authorized.*
        wrk_run post_payment.lua "$emu_url" "$connections" "$threads" $((duration * 3 / 2)) BENCH_TOKENS="$work/tokens-left" \
          BENCH_NONCE="a$r$RANDOM" BENCH_CAPTURE=false BENCH_OUT="$work/authorized" > /dev/null
        cat "$work"/authorized.* > "$work/authorized"
        loads_capture+="${loads_capture:+ / }$(load1)"
        wrk_run capture.lua "$emu_url" "$connections" "$threads" "$duration" BENCH_IDS="$work/authorized" \
          | tee -a "$work/capture.res" > "$work/last.res"
        [[ $(field requests < "$work/last.res") -ge $(wc -l < "$work/authorized") ]] && capture_bound="≥"
      fi
    done
    if want get; then
      rps=$(record "GET /v1/payments/{id}" "$mode" "$work/get.res" "$loads_get")
      [[ $mode == "${peer_mode:-memory}" ]] && ours_get=$rps
    fi
    if want health; then
      rps=$(record "GET /health (the emulator's own)" "$mode" "$work/health.res" "$loads_health")
      [[ $mode == "${peer_mode:-memory}" ]] && ours_health=$rps
    fi
    if want peer && [[ $mode == "$peer_mode" ]]; then
      peer_get=$(record "GET /v1/payments/{id}: **peer, WireMock.Net 1.25.0**" "canned JSON" "$work/peer.res" "$loads_peer")
      kill "$peer_pid" 2> /dev/null || true; wait "$peer_pid" 2> /dev/null || true
    fi
    want customers && record "GET /v1/customers/search?email=" "$mode" "$work/customers.res" "$loads_customers" > /dev/null
    want tokens && record "POST /v1/card_tokens" "$mode" "$work/tokens.res" "$loads_tokens" > /dev/null
    want post && record "POST /v1/payments" "$mode" "$work/post.res" "$loads_post" "$post_bound" > /dev/null
    want capture && record "PUT /v1/payments/{id} (capture)" "$mode" "$work/capture.res" "$loads_capture" "$capture_bound" > /dev/null
    printf '| after the load cases (%s) | %s |\n' "$mode" "$(rss_mb "$emu_pid")" >> "$rows_after_load"
    stop_emulator
  done
fi

# --- memory ---------------------------------------------------------------------------------------------------------
want memory && {
log "memory: RSS after start and after $memory_payments generated payments (in memory)"
start_emulator memory --in-memory
curl -fsS -o /dev/null "$emu_url/health"
sleep 1
printf '| after start, first /health answered (memory) | %s |\n' "$(rss_mb "$emu_pid")" >> "$rows_memory"
seconds=$(generate "$memory_payments")
printf '| after generating %s payments, %s customers in %s s (memory) | %s |\n' "$memory_payments" $((memory_payments / 10)) \
  "$seconds" "$(rss_mb "$emu_pid")" >> "$rows_memory"
stop_emulator
}

# --- search scaling -------------------------------------------------------------------------------------------------
# N documents: the bench seller owns 1000 payments (and 100 customers), another seller (the crowd) owns the other N-1000
# (and a tenth as many customers). The bench seller's searches must not slow down as the crowd grows: each must use an
# index that skips other sellers' documents. The crowd's own default listing shows the cost of a seller's own size.
crowd=TEST-1111111111111111-010126-0c0ffee0c0ffee0c0ffee0c0ffee0c0f-111111111
want scale && for n in $scale; do
  start_emulator "scale-$n" --db "$work/scale-$n.db"
  own=$((n < 1000 ? n : 1000)) others=$((n - (n < 1000 ? n : 1000)))
  log "scaling: generating $n payments ($others for another seller) and $((n / 10)) customers (file storage)"
  seconds=0
  if [[ $others -gt 0 ]]; then
    seconds=$(api -X POST "$emu_url/__admin/generate" -d "{\"seller\": \"$crowd\", \"customers\": $((others / 10)), \"payments\": $others}" | jq -r .seconds)
  fi
  seconds=$(awk -v a="$seconds" -v b="$(generate "$own")" 'BEGIN { printf "%.1f", a + b }')
  rss=$(rss_mb "$emu_pid")
  api "$emu_url/v1/customers/search?limit=100" | jq -r '.results[].email | "/v1/customers/search?email=\(@uri)"' > "$work/paths-customers"
  api "$emu_url/v1/payments/search?limit=1000" | jq -r '.results[].external_reference | "/v1/payments/search?external_reference=\(@uri)"' \
    > "$work/paths-refs"
  echo "/v1/payments/search" > "$work/paths-list"
  cells=""
  for q in customers refs list crowd; do
    if ! $has_wrk || [[ $q == crowd && $others -eq 0 ]]; then cells+=" - |"; continue; fi
    as=$token
    [[ $q == crowd ]] && as=$crowd
    result=$(wrk_run get.lua "$emu_url" 1 1 "$scale_duration" BENCH_PATHS="$work/paths-${q/crowd/list}" BENCH_TOKEN="$as")
    if [[ $(echo " $result" | field requests) -eq 0 ]]; then cells+=" no answer within ${scale_duration} s |"; continue; fi
    cells+=$(printf ' %.2f / %.2f |' "$(echo " $result" | field p50_ms)" "$(echo " $result" | field p99_ms)")
  done
  printf '| %s / %s | %s | %s |%s %s |\n' "$n" $((n / 10)) "$seconds" "$rss" "$cells" "$(load1)" >> "$rows_scale"
  stop_emulator
  rm -f "$work/scale-$n.db"
done

# --- report ---------------------------------------------------------------------------------------------------------
ratio="-" health_ratio="-"
[[ -n $ours_get && -n $peer_get ]] && ratio=$(awk -v a="$ours_get" -v b="$peer_get" 'BEGIN { printf "%.2f", a / b }')
[[ -n $ours_get && -n $ours_health ]] && health_ratio=$(awk -v a="$ours_get" -v b="$ours_health" 'BEGIN { printf "%.2f", a / b }')
runtime=$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')
report=$work/report.md
{
  echo "# MpEmulator benchmark"
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| date | $started_at |"
  echo "| machine | $(uname -srm), $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo) |"
  echo "| cores | $(nproc) |"
  echo "| memory | $(free -g | awk '/^Mem:/ { print $2 }') GiB |"
  echo "| .NET | SDK $(dotnet --version), runtime $runtime |"
  echo "| commit | $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench/lua bench/run.sh 2> /dev/null || echo ' (with local changes)') |"
  echo "| priority | $([[ ${#prio[@]} -gt 0 ]] && echo 'emulator, peer, wrk and timer at nice -10' || echo 'normal') |"
  echo "| load generator | $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $threads threads, $connections connections, ${duration} s per run, median of $repeat runs after a warm-up run (GETs) |"
  echo "| load average (1, 5, 15 min) | at start $load_at_start; at end $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo
  echo "## Start-up: process start to the first 200 from /health (median of $starts cold starts)"
  echo
  echo "| storage | median ms | min ms | max ms | CPU ms used by then (median) | starts | load (1 min) |"
  echo "|---|---|---|---|---|---|---|"
  cat "$rows_startup"
  echo
  echo "## Throughput and latency"
  echo
  echo "| case | storage | req/s | p50 ms | p99 ms | requests | non-2xx | req/s of each run | load (1 min) at each run |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$rows_load"
  echo
  echo "Ours / peer on GET /v1/payments/{id} (${peer_mode:-memory} storage): **$ratio**; GET /v1/payments/{id} / the emulator's own"
  echo "GET /health: **$health_ratio**. ≥ marks a run that used up its prepared tokens or"
  echo "payments before the time was over (its rate is a lower bound)."
  echo
  echo "## Memory (RSS)"
  echo
  echo "| state | RSS MB |"
  echo "|---|---|"
  cat "$rows_memory" "$rows_after_load"
  echo
  echo "## Search scaling: one connection, ${scale_duration} s per query (file storage)"
  echo
  echo "The bench seller owns 1,000 payments and 100 customers of each database; another seller owns the rest."
  echo
  echo "| documents: payments / customers | generated in s | RSS MB | customer by email p50 / p99 ms | payment by external_reference p50 / p99 ms | default listing p50 / p99 ms | the other seller's default listing p50 / p99 ms | load (1 min) |"
  echo "|---|---|---|---|---|---|---|---|"
  cat "$rows_scale"
} > "$report"
cat "$report"
if [[ -n $out ]]; then
  mkdir -p "$(dirname "$out")"
  cp "$report" "$out"
  log "written to $out"
fi
