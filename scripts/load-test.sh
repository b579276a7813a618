#!/usr/bin/env bash
# Load test of the HTTP API on a large store, measured with wrk on loopback.
#
#   scripts/load-test.sh [DB] [EVENTS]
#
# Builds DB (default /tmp/dyad-load.db) with the synthetic_store example when it is absent
# (EVENTS, default 1,000,000), starts `dyad serve` on it, warms it, then runs wrk with the
# query mix of scripts/load-mix.lua at a paced rate (CONNECTIONS × 1000 / (DELAY_MS + latency)
# requests/s) and prints wrk's latency distribution. wrk is Debian's package (installed with
# apt-get when missing). Run it on a quiet machine: wrk and the server share the cores.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-/tmp/dyad-load.db}
events=${2:-1000000}
port=${PORT:-18080}
connections=${CONNECTIONS:-20}
delay_ms=${DELAY_MS:-28}
duration=${DURATION:-60s}
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
cargo build --release -p dyad -p dyad-store --example synthetic_store >/dev/null 2>&1 \
  || cargo build --release -p dyad -p dyad-store --example synthetic_store
cargo build --release -p dyad >/dev/null
if [ ! -e "$db" ]; then
  echo "load-test: building $db with $events events" >&2
  ./target/release/examples/synthetic_store "$db" "$events"
fi
./target/release/dyad serve --db "$db" --addr "127.0.0.1:$port" 2>/tmp/dyad-load-serve.log &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/api/stats" >/dev/null && break
  sleep 0.2
done
echo "load-test: store $(curl -fs "http://127.0.0.1:$port/api/stats")"
# warm the page cache and the connection pool
DELAY_MS=0 wrk -t2 -c8 -d10s -s scripts/load-mix.lua "http://127.0.0.1:$port" >/dev/null
echo "load-test: wrk -t2 -c$connections -d$duration, DELAY_MS=$delay_ms"
DELAY_MS=$delay_ms wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/load-mix.lua \
  "http://127.0.0.1:$port"
echo "load-test: server peak memory $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MB"}')"
