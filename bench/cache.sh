#!/usr/bin/env bash
# The response cache (issue 15): a cache hit's latency at 1 connection (target: p50 <= 100 us) and throughput at 32,
# whole and streamed, against the same call going to the canned nginx upstream (no cache), in turns on one Sluice
# (ledger on). Prints one table: label, connections, requests/s, p50 and p99 in microseconds, the JVM's CPU per call.
# Needs: nginx (Debian nginx-light) and wrk. Usage: bench/cache.sh [seconds-per-run, default 10] [rounds, default 1]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
DUR="${1:-10}"; ROUNDS="${2:-1}"
source "$ROOT/bench/lib.sh"
bench_need nginx wrk curl
bench_start_nginx "$OUT"
rm -rf "$OUT/cache-data"
CONFIG="$ROOT/bench/sluice-cache.yaml"
"$ROOT/sluice" serve --config "$CONFIG" --data "$OUT/cache-data" > "$OUT/cache-sluice.log" 2>&1 &
SLUICE=$!
cleanup() { kill $SLUICE 2>/dev/null || true; kill $NGINX 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
JPID=$(pgrep -f "sluice-app-0.1.0-SNAPSHOT.jar serve --config $CONFIG" | head -1)
URL="http://127.0.0.1:$SLUICE_PORT/v1/chat/completions"
ASK='"messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"What is the capital of France?"}],"max_tokens":64'
WHOLE="{\"model\":\"bench-cached\",$ASK}"
STREAMED="{\"model\":\"bench-cached\",$ASK,\"stream\":true}"
UNCACHED="{\"model\":\"bench\",$ASK}"
# the first call of each stores the answer; the check fails the run if the second is not a hit
for body in "$WHOLE" "$STREAMED"; do
  curl -sf "$URL" -H "authorization: Bearer sk-bench-master-key" -H 'content-type: application/json' -d "$body" >/dev/null
  curl -sfD - -o /dev/null "$URL" -H "authorization: Bearer sk-bench-master-key" -H 'content-type: application/json' \
    -d "$body" | grep -qi '^x-sluice-cache: hit' || { echo "bench: the cache did not answer $body"; exit 1; }
done
run() { # label body connections
  echo "$1 c=$3 $(BENCH_BODY="$2" bench_wrk_cpu "$JPID" "$3" "$URL")"
}
echo "bench: warming up"
BENCH_BODY="$WHOLE" wrk -t2 -c32 -d10s -s "$ROOT/bench/chat.lua" "$URL" >/dev/null
BENCH_BODY="$UNCACHED" wrk -t2 -c32 -d5s -s "$ROOT/bench/chat.lua" "$URL" >/dev/null
{
  for r in $(seq 1 "$ROUNDS"); do
    run hit "$WHOLE" 1; run hit-stream "$STREAMED" 1; run upstream "$UNCACHED" 1
    run hit "$WHOLE" 32; run hit-stream "$STREAMED" 32; run upstream "$UNCACHED" 32
  done
} | tee "$OUT/cache-runs.txt"
echo
printf '%-11s %4s %10s %8s %8s %8s %7s\n' call conns 'req/s' p50_us p99_us jvm_us errors
sed -e 's/[a-z0-9_]*=//g' "$OUT/cache-runs.txt" | awk '{printf "%-11s %4s %10s %8s %8s %8s %7s\n", $1, $2, $3, $4, $5, $9, $6 + $7}'
