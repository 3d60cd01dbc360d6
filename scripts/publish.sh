#!/usr/bin/env bash
# The Dockerfile's recipe without Docker: the same restore and publish commands, then the published output started the
# way the image starts it (every interface, LiteDB file in a data folder), here on a free port, and the image's own
# HEALTHCHECK script run against it. Usage: scripts/publish.sh [output folder] (default: a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
out=${1:-$work/app}
data=$work/data
log=$work/emulator.log
mkdir -p "$data"

dotnet restore src/MpEmulator/MpEmulator.csproj
dotnet publish src/MpEmulator/MpEmulator.csproj -c Release -o "$out" --no-restore -p:UseAppHost=false
cp scripts/healthcheck.sh "$out/healthcheck.sh"

fixtures=$(pwd)/fixtures
(cd "$out" && exec dotnet MpEmulator.dll --urls http://0.0.0.0:0 --db "$data/mpemulator.db" --fixtures "$fixtures") > "$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

port=$(bash scripts/listening-port.sh "$log" "$pid") || { echo "publish: the published emulator did not start"; cat "$log"; exit 1; }

bash "$out/healthcheck.sh" "$port" || { echo "publish: /health failed on port $port"; cat "$log"; exit 1; }
[[ -f $data/mpemulator.db ]] || { echo "publish: no LiteDB file in the data folder"; exit 1; }
grep -q "Loaded fixture .*default.json" "$log" || { echo "publish: the fixtures folder's demo fixture was not loaded"; cat "$log"; exit 1; }
echo "publish: published output healthy on 0.0.0.0:$port ($(head -n 1 "$log"))"
