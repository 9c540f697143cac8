#!/usr/bin/env bash
# Concurrent streams alone: after a warm-up, N streams at once against the simulator (200 ms TTFT, 50 tokens/s, 100
# tokens) for a while, with the Sluice JVM's CPU per stream and its peak RSS. Needs wrk. Usage: bench/streams.sh [streams, default 10000] [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
N="${1:-10000}"; DUR="${2:-30}"
source "$ROOT/bench/lib.sh"
bench_need wrk
CONFIG="$OUT/sluice-streams.yaml"
{ echo "storage: none"; cat "$ROOT/bench/sluice-bench.yaml"; } > "$CONFIG"
"$ROOT/sluice" serve --config "$CONFIG" > "$OUT/streams-sluice.log" 2>&1 & SLUICE=$!
trap 'kill $SLUICE 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
JPID=$(pgrep -f "sluice-app-0.1.0-SNAPSHOT.jar serve --config $CONFIG" | head -1)
BODY='{"model":"sim-stream","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Tell me a story."}]}'
echo "streams: warming up with 2,000 streams for 20 s"
BENCH_BODY="$BODY" wrk -t2 -c2000 -d20s --timeout 10s -s "$ROOT/bench/chat.lua" \
  "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" >/dev/null
HZ=$(bench_hz); t0=$(proc_ticks "$JPID")
BENCH_BODY='{"model":"sim-stream","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Tell me a story."}]}' \
  wrk -t2 -c"$N" -d"${DUR}"s --timeout 10s -s "$ROOT/bench/chat.lua" "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" | grep RESULT
t1=$(proc_ticks "$JPID")
echo "streams=$N jvm_cpu_s=$(awk -v d=$((t1 - t0)) -v hz="$HZ" 'BEGIN {printf "%.1f", d / hz}') peak_rss_kib=$(awk '/VmHWM/ {print $2}' /proc/$JPID/status)"
