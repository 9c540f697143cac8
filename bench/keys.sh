#!/usr/bin/env bash
# Virtual keys on the request path (issue 14): the gateway benchmark's call with a virtual key that has rate limits
# and a budget (set far above what the run spends, so every call is admitted and pays the full check: model list,
# requests and tokens per minute, calls at once, budget reservation and settlement) against the master key, in turns
# on one Sluice (ledger on). Prints throughput at 32 connections, p50 at 1, and the JVM's CPU per call for each.
# Needs: nginx (Debian nginx-light) and wrk. Usage: bench/keys.sh [seconds-per-run, default 10] [rounds, default 3]
# BENCH_CLUSTER=1: cluster mode instead of the embedded one: the ledger in the PostgreSQL at 127.0.0.1:5432 (database
# `test`, schema bench_keys, emptied first) and the limits and budget counted in the Redis at 127.0.0.1:6379 (keys
# under bench-keys:), so each limited call pays its Redis round trips.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
DUR="${1:-10}"; ROUNDS="${2:-3}"
source "$ROOT/bench/lib.sh"
bench_need nginx wrk
bench_start_nginx "$OUT"
rm -rf "$OUT/keys-data"
CONFIG="$ROOT/bench/sluice-bench.yaml"
if [ "${BENCH_CLUSTER:-0}" = "1" ]; then
  CONFIG="$OUT/sluice-bench-cluster.yaml"
  psql -q -h 127.0.0.1 -U postgres -d test -c 'DROP SCHEMA IF EXISTS bench_keys CASCADE' >/dev/null
  { echo "storage: {url: 'postgresql://postgres@127.0.0.1:5432/test', schema: bench_keys}"
    echo "redis: {url: 'redis://127.0.0.1:6379', key_prefix: 'bench-keys:'}"
    cat "$ROOT/bench/sluice-bench.yaml"; } > "$CONFIG"
fi
"$ROOT/sluice" serve --config "$CONFIG" --data "$OUT/keys-data" > "$OUT/keys-sluice.log" 2>&1 &
SLUICE=$!
cleanup() { kill $SLUICE 2>/dev/null || true; kill $NGINX 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
JPID=$(pgrep -f "sluice-app-0.1.0-SNAPSHOT.jar serve --config $CONFIG" | head -1)
URL="http://127.0.0.1:$SLUICE_PORT/v1/chat/completions"
KEY=$(curl -sf -X POST "http://127.0.0.1:$SLUICE_PORT/admin/keys" -H "authorization: Bearer sk-bench-master-key" \
  -H 'content-type: application/json' -d '{"name":"bench","models":["bench"],
  "limits":{"rpm":1000000000,"tpm":10000000000,"max_concurrent":100000},
  "budget":{"limit_usd":1000000000,"period":"month"}}' | sed 's/.*"key":"\([^"]*\)".*/\1/')
[ -n "$KEY" ] || { echo "bench: could not create a key"; exit 1; }
run() { # label key connections
  echo "$1 c=$3 $(SLUICE_KEY="$2" bench_wrk_cpu "$JPID" "$3" "$URL")"
}
echo "bench: warming up"; SLUICE_KEY="$KEY" wrk -t2 -c32 -d10s -s "$ROOT/bench/chat.lua" "$URL" >/dev/null
wrk -t2 -c32 -d5s -s "$ROOT/bench/chat.lua" "$URL" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  run master sk-bench-master-key 32; run key "$KEY" 32
  run master sk-bench-master-key 1; run key "$KEY" 1
done
