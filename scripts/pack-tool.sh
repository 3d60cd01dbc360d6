#!/usr/bin/env bash
# Packs the emulator as a .NET tool (command `mpemulator`) into artifacts/packages and proves it from that folder alone:
# `dotnet tool install --tool-path <tmp> --add-source <folder> MpEmulator`, then `mpemulator --port 0 --in-memory`
# answers /health; then `dotnet dnx` (.NET 10's dnx) runs the same package the same way. Nothing is taken from a
# remote feed or an earlier run: a config naming only the folder, and a package cache of its own.
# Usage: scripts/pack-tool.sh [output folder] (default: artifacts/packages).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-artifacts/packages}")
work=$(mktemp -d)
pid=""
trap '[[ -n $pid ]] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }; rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/nuget-packages"

dotnet pack src/MpEmulator/MpEmulator.csproj -c Release -o "$out"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/MpEmulator/MpEmulator.csproj)
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /></packageSources></configuration>
XML

# Starts "$@" (after a label) with --port 0 --in-memory, waits for its "listening on" line and checks /health there.
serve() {
  local label=$1 log=$work/serve.log port
  shift
  "$@" --port 0 --in-memory > "$log" 2>&1 &
  pid=$!
  port=$(bash scripts/listening-port.sh "$log" "$pid") || { echo "pack-tool: $label did not start"; cat "$log"; exit 1; }
  bash scripts/healthcheck.sh "$port" || { echo "pack-tool: /health failed on port $port"; cat "$log"; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  echo "pack-tool: $label ($version) answered /health on port $port"
}

dotnet tool install --tool-path "$work/tools" --configfile "$work/nuget.config" --add-source "$out" --version "$version" MpEmulator
"$work/tools/mpemulator" --help | grep -q -- '--in-memory' || { echo "pack-tool: --help does not list --in-memory"; exit 1; }
set +e; "$work/tools/mpemulator" --in-memroy 2> "$work/typo.log"; code=$?; set -e
[[ $code -eq 2 ]] && grep -q 'Did you mean --in-memory?' "$work/typo.log" || { echo "pack-tool: a misspelled switch gave exit $code"; cat "$work/typo.log"; exit 1; }
serve "dotnet tool install, then mpemulator" "$work/tools/mpemulator"

# dnx runs a tool package without installing it; the SDK ships it as `dotnet dnx` (and a `dnx` script beside dotnet).
serve "dnx MpEmulator" dotnet dnx MpEmulator --yes --version "$version" --source "$out" --
