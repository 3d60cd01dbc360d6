#!/usr/bin/env bash
# The container's HEALTHCHECK, also run by scripts/publish.sh: GET /health on loopback with bash alone (the ASP.NET
# runtime image has no curl or wget). Usage: healthcheck.sh [port], default 8080. Exits 0 only on 200 and status "ok".
port=${1:-8080}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
response=$(timeout 5 cat <&3)
[[ $response == "HTTP/1.1 200"* && $response == *'"status":"ok"'* ]]
