#!/usr/bin/env bash
# Routes on the request path (issue 15): the gateway benchmark's call through a route of three deployments (all on the
# canned nginx upstream, weighted, retries on, each deployment's circuit breaker on) against the same call on a plain
# model, in turns on one Sluice (ledger on). Prints, per run, throughput at 32 connections, p50/p99 and the JVM's CPU
# per call, then the route's throughput ratio and CPU per call against the plain model's (target: the route loses at
# most 5%). Needs: nginx (Debian nginx-light), wrk, and a built Sluice (mvn -o package -DskipTests, never install).
# Usage: bench/routes.sh [seconds-per-run, default 10] [rounds, default 3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
DUR="${1:-10}"; ROUNDS="${2:-3}"
source "$ROOT/bench/lib.sh"
bench_need nginx wrk
bench_start_nginx "$OUT"
CONFIG="$OUT/sluice-bench-routes.yaml"
{ cat "$ROOT/bench/sluice-bench.yaml"; cat <<'YAML'
  - {name: bench-a, provider: canned, upstream_model: gpt-4o-mini}
  - {name: bench-b, provider: canned, upstream_model: gpt-4o-mini}
  - {name: bench-c, provider: canned, upstream_model: gpt-4o-mini}
routes:
  - name: bench-route
    strategy: weighted
    deployments: [{model: bench-a}, {model: bench-b}, {model: bench-c}]
    retries: {max: 2, base_ms: 10, max_backoff_ms: 200}
YAML
} > "$CONFIG"
rm -rf "$OUT/routes-data"
SLUICE_SKIP_BUILD="${SLUICE_SKIP_BUILD:-1}" "$ROOT/sluice" serve --config "$CONFIG" --data "$OUT/routes-data" \
  > "$OUT/routes-sluice.log" 2>&1 & SLUICE=$!
cleanup() { kill $SLUICE 2>/dev/null || true; kill $NGINX 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null || { echo "bench: sluice did not start"; cat "$OUT/routes-sluice.log"; exit 1; }
JPID=$(pgrep -f "sluice-app-0.1.0-SNAPSHOT.jar serve --config $CONFIG" | head -1)
URL="http://127.0.0.1:$SLUICE_PORT/v1/chat/completions"
body() { echo '{"model":"'"$1"'","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"What is the capital of France?"}],"max_tokens":64}'; }
curl -sf -D - -o /dev/null "$URL" -H "authorization: Bearer sk-bench-master-key" -H 'content-type: application/json' \
  -d "$(body bench-route)" | grep -qi '^x-sluice-deployment: bench-' || { echo "bench: the route does not answer"; exit 1; }
declare -A RPS US
run() { # label model connections
  local line; line=$(BENCH_BODY="$(body "$2")" bench_wrk_cpu "$JPID" "$3" "$URL")
  field() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}'; }
  RPS[$1]="${RPS[$1]:-} $(field rps)"; US[$1]="${US[$1]:-} $(field jvm_us)"
  echo "$1 c=$3 $line"
}
echo "bench: warming up"
BENCH_BODY="$(body bench)" wrk -t2 -c32 -d10s -s "$ROOT/bench/chat.lua" "$URL" >/dev/null
BENCH_BODY="$(body bench-route)" wrk -t2 -c32 -d10s -s "$ROOT/bench/chat.lua" "$URL" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  run plain bench 32; run route bench-route 32
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
p=$(echo "${RPS[plain]}" | median); q=$(echo "${RPS[route]}" | median)
pu=$(echo "${US[plain]}" | median); qu=$(echo "${US[route]}" | median)
echo "median of $ROUNDS: plain $p req/s, $pu us JVM CPU/call; route $q req/s, $qu us JVM CPU/call"
awk -v p="$p" -v q="$q" -v pu="$pu" -v qu="$qu" 'BEGIN {printf "route/plain throughput %.3f (loss %.1f%%, target <= 5%%); CPU per call %+.1f us (%+.1f%%)\n", q / p, (1 - q / p) * 100, qu - pu, (qu / pu - 1) * 100}'
echo "breakers: $(curl -sf "http://127.0.0.1:$SLUICE_PORT/metrics" | grep '^sluice_breaker_state' | tr '\n' ' ')"
