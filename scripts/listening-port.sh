#!/usr/bin/env bash
# Waits (up to 60 s) for an emulator started in the background to print its "listening on" line, and prints the port.
# Exits 1 without output when the process ends first or no line comes. Usage: listening-port.sh LOG PID.
log=$1 pid=$2
for _ in $(seq 1 120); do
  port=$(grep -oE 'listening on http://[^ ]+:[0-9]+' "$log" | grep -oE '[0-9]+$' | head -n 1 || true)
  [[ -n $port ]] && { echo "$port"; exit 0; }
  kill -0 "$pid" 2>/dev/null || exit 1
  sleep 0.5
done
exit 1
