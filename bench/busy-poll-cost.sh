#!/usr/bin/env bash
# What adaptive busy polling (server.busy_poll_us) costs and buys: the canned nginx upstream behind Sluice (storage
# none), once with busy_poll_us 0 (loops sleep at once) and once with the default (200), each measured idle and under
# one client that sends a call, waits for the answer, then pauses (0, 0.2, 1 and 5 ms: from calls back to back to a
# few hundred a second). Prints per setting and pause: calls/s, p50 latency, and the Sluice JVM's CPU per second of
# wall time and per call, from /proc. Needs nginx, wrk and python3, and the packaged app (SLUICE_SKIP_BUILD=1 skips the
# build check of ./sluice).
# Usage: bench/busy-poll-cost.sh [seconds per measurement, default 10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/busy-poll"; mkdir -p "$OUT"
DUR="${1:-10}"
source "$ROOT/bench/lib.sh"
bench_need nginx wrk python3
bench_start_nginx "$OUT"
SLUICE=""
cleanup() { [ -n "$SLUICE" ] && kill $SLUICE 2>/dev/null; kill $NGINX 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
HZ=$(bench_hz)
cpu_ms_per_s() { # pid seconds: the process's CPU (user + system) per second of wall time, in ms
  local t0 t1; t0=$(proc_ticks "$1"); sleep "$2"; t1=$(proc_ticks "$1")
  awk -v d=$((t1 - t0)) -v s="$2" -v hz="$HZ" 'BEGIN {printf "%.1f", d * 1000 / hz / s}'
}
paced() { # pid pause-ms: one client, a call then a pause, for DUR seconds
  local t0 t1 line
  t0=$(proc_ticks "$1")
  line=$(python3 - "$SLUICE_PORT" "$2" "$DUR" <<'PY'
import http.client, json, statistics, sys, time
port, pause, dur = int(sys.argv[1]), float(sys.argv[2]) / 1000, float(sys.argv[3])
body = json.dumps({"model": "bench", "max_tokens": 64, "messages": [
    {"role": "system", "content": "You are terse."}, {"role": "user", "content": "What is the capital of France?"}]})
headers = {"content-type": "application/json", "authorization": "Bearer sk-bench-master-key"}
c = http.client.HTTPConnection("127.0.0.1", port)
lat, end = [], time.monotonic() + dur
while time.monotonic() < end:
    t = time.perf_counter_ns()
    c.request("POST", "/v1/chat/completions", body, headers)
    r = c.getresponse(); r.read()
    assert r.status == 200, r.status
    lat.append(time.perf_counter_ns() - t)
    if pause:
        time.sleep(pause)
print(f"calls={len(lat)} rps={len(lat) / dur:.0f} p50_us={statistics.median(lat) / 1000:.0f}")
PY
)
  t1=$(proc_ticks "$1")
  local n; n=$(echo "$line" | tr ' ' '\n' | awk -F= '$1 == "calls" {print $2}')
  echo "$line cpu_ms_per_s=$(awk -v d=$((t1 - t0)) -v s="$DUR" -v hz="$HZ" 'BEGIN {printf "%.0f", d * 1000 / hz / s}')" \
    "cpu_us_per_call=$(awk -v d=$((t1 - t0)) -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.1f", d * 1e6 / hz / n}')"
}
echo "| busy_poll_us | client pause | calls/s | p50 (us) | Sluice CPU (ms per s) | Sluice CPU per call (us) |"
echo "|---|---|---|---|---|---|"
for us in 0 200; do
  CONFIG="$OUT/sluice-$us.yaml"
  { echo "storage: none"; sed "s/^server:$/server:\n  busy_poll_us: $us/" "$ROOT/bench/sluice-bench.yaml"; } > "$CONFIG"
  "$ROOT/sluice" serve --config "$CONFIG" --data "$OUT/data-$us" > "$OUT/sluice-$us.log" 2>&1 & SLUICE=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
  JPID=$(pgrep -f "sluice-app-0.1.0-SNAPSHOT.jar serve --config $CONFIG" | head -1)
  wrk -t2 -c32 -d10s -s "$ROOT/bench/chat.lua" "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" >/dev/null
  sleep 2
  echo "| $us | idle | 0 | - | $(cpu_ms_per_s "$JPID" "$DUR") | - |"
  for pause in 0 0.2 1 5; do
    line=$(paced "$JPID" "$pause")
    f() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}'; }
    echo "| $us | $pause ms | $(f rps) | $(f p50_us) | $(f cpu_ms_per_s) | $(f cpu_us_per_call) |"
  done
  kill $SLUICE; wait $SLUICE 2>/dev/null || true; SLUICE=""
done
