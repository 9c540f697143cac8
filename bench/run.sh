#!/usr/bin/env bash
# Gateway benchmark: direct vs nginx reverse proxy vs Sluice against a canned upstream on loopback, then thousands of
# concurrent streams against the simulator. "nginx" serves the upstream and proxies to it in one worker (a call never
# leaves the process); "nginx-split" is a second nginx proxying to it from a process of its own, as Sluice does, for
# the latency at one connection (each process a call crosses costs a sleep and a wake-up). Prints a table and writes bench/out/results-ledger-{on,off}.md.
# Per run it also reads from /proc the CPU per call of the process under test (nginx's worker, which also serves the
# canned upstream; the Sluice JVM) and of the whole machine, the context switches of that process and the machine's
# inter-processor interrupts (RES + CAL) per call: the throughput ratio is a CPU-per-call ratio. Last, the same Sluice
# with another server.busy_poll_us (BENCH_BUSY_POLL_US, default 0: loops that sleep at once; Sluice's default polls
# up to 200 us) at 32 connections and at one.
# Needs: nginx (Debian nginx-light) and wrk. Usage: bench/run.sh [seconds-per-run, default 15]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
DUR="${1:-15}"
STREAMS="${BENCH_STREAMS:-10000}"
source "$ROOT/bench/lib.sh"
bench_need nginx wrk
bench_start_nginx "$OUT"
bench_start_nginx_split "$OUT"
CONFIG="$ROOT/bench/sluice-bench.yaml"
if [ "${BENCH_LEDGER:-on}" = "off" ]; then
  CONFIG="$OUT/sluice-bench-noledger.yaml"
  { echo "storage: none"; cat "$ROOT/bench/sluice-bench.yaml"; } > "$CONFIG"
fi
rm -rf "$OUT/data"
"$ROOT/sluice" serve --config "$CONFIG" --data "$OUT/data" > "$OUT/sluice.log" 2>&1 & SLUICE=$!
cleanup() {
  kill $SLUICE 2>/dev/null || true; kill $NGINX 2>/dev/null || true; kill $NGINX_SPLIT 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null || { echo "bench: sluice did not start"; cat "$OUT/sluice.log"; exit 1; }
JPID=$(pgrep -f "sluice-app-0.1.0-SNAPSHOT.jar serve --config $CONFIG" | head -1)

HZ=$(bench_hz)
NGINX_WORKER=$(pgrep -P "$NGINX" | head -1)
SPLIT_WORKER=$(pgrep -P "$NGINX_SPLIT" | head -1)
run() { # name url connections threads seconds [pid to measure]
  local pid="${6:-}" t0 c0 m0 i0 line
  [ -n "$pid" ] && { t0=$(proc_ticks "$pid"); c0=$(proc_ctx "$pid"); }
  m0=$(machine_busy); i0=$(machine_ipis)
  line=$(wrk -t"$4" -c"$3" -d"$5"s --timeout 10s -s "$ROOT/bench/chat.lua" "$2" 2>&1 | grep RESULT | sed "s/^RESULT/$1 c=$3/")
  local m1 i1 n; m1=$(machine_busy); i1=$(machine_ipis)
  n=$(echo "$line" | tr ' ' '\n' | awk -F= '$1 == "requests" {print $2}'); n=${n:-1}; [ "$n" -gt 0 ] || n=1
  line="$line machine_us=$(awk -v d=$((m1 - m0)) -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.1f", d * 1e6 / hz / n}')"
  line="$line ipis=$(awk -v d=$((i1 - i0)) -v n="$n" 'BEGIN {printf "%.3f", d / n}')"
  if [ -n "$pid" ]; then
    local t1 c1; t1=$(proc_ticks "$pid"); c1=$(proc_ctx "$pid")
    line="$line proc_us=$(awk -v d=$((t1 - t0)) -v n="$n" -v hz="$HZ" 'BEGIN {printf "%.1f", d * 1e6 / hz / n}')"
    line="$line ctx=$(awk -v d=$((c1 - c0)) -v n="$n" 'BEGIN {printf "%.2f", d / n}')"
  fi
  echo "$line"
}
echo "bench: warming up Sluice"; run warm "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" 32 2 10 >/dev/null
declare -A R
for target in direct nginx nginx-split sluice; do
  case $target in
    direct) url="http://127.0.0.1:$UPSTREAM_PORT/v1/chat/completions"; pid="$NGINX_WORKER" ;;
    nginx) url="http://127.0.0.1:$PROXY_PORT/v1/chat/completions"; pid="$NGINX_WORKER" ;;
    nginx-split) url="http://127.0.0.1:$SPLIT_PORT/v1/chat/completions"; pid="$SPLIT_WORKER" ;;
    sluice) url="http://127.0.0.1:$SLUICE_PORT/v1/chat/completions"; pid="$JPID" ;;
  esac
  R[$target-32]="$(run $target "$url" 32 2 "$DUR" "$pid")"; echo "${R[$target-32]}"
  R[$target-1]="$(run $target "$url" 1 1 "$DUR" "$pid")"; echo "${R[$target-1]}"
done
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }

STREAM_BODY='{"model":"sim-stream","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Tell me a story."}]}'
echo "bench: warming up the stream path (2,000 streams, 20 s)"
BENCH_BODY="$STREAM_BODY" run warm-streams "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" 2000 2 20 >/dev/null
echo "bench: $STREAMS concurrent streams against the simulator"
BASE_RSS=$(awk '/VmRSS/ {print $2}' /proc/$JPID/status)
S="$(BENCH_BODY="$STREAM_BODY" run streams "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" "$STREAMS" 2 30)"
echo "$S"
PEAK_RSS=$(awk '/VmHWM/ {print $2}' /proc/$JPID/status)

# the same Sluice with another server.busy_poll_us: by default 0, loops that sleep in epoll as soon as they have
# nothing to do, where the default (up to 200 us, adaptive) spares a call at one connection its sleeps and wake-ups
BUSY_POLL_US="${BENCH_BUSY_POLL_US:-0}"
ALT=sluice-poll-$BUSY_POLL_US; [ "$BUSY_POLL_US" = 0 ] && ALT=sluice-no-poll
kill $SLUICE; wait $SLUICE 2>/dev/null || true
BUSY_CONFIG="$OUT/sluice-bench-busy-poll.yaml"
sed "s/^server:$/server:\n  busy_poll_us: $BUSY_POLL_US/" "$CONFIG" > "$BUSY_CONFIG"
rm -rf "$OUT/data-busy-poll"
"$ROOT/sluice" serve --config "$BUSY_CONFIG" --data "$OUT/data-busy-poll" > "$OUT/sluice-busy-poll.log" 2>&1 & SLUICE=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
JPID=$(pgrep -f "sluice-app-0.1.0-SNAPSHOT.jar serve --config $BUSY_CONFIG" | head -1)
echo "bench: warming up Sluice with busy_poll_us: $BUSY_POLL_US"
run warm "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" 32 2 10 >/dev/null
for c in 32 1; do
  R[$ALT-$c]="$(run $ALT "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" $c $((c > 1 ? 2 : 1)) "$DUR" "$JPID")"
  echo "${R[$ALT-$c]}"
done

d32=$(field "${R[direct-32]}" rps); n32=$(field "${R[nginx-32]}" rps); s32=$(field "${R[sluice-32]}" rps)
d1=$(field "${R[direct-1]}" p50_us); n1=$(field "${R[nginx-1]}" p50_us); s1=$(field "${R[sluice-1]}" p50_us)
ratio=$(awk -v s="$s32" -v n="$n32" 'BEGIN {printf "%.2f", s/n}')
added=$((s1 - d1))
split_added=$(( $(field "${R[nginx-split-1]}" p50_us) - d1 ))
busy_added=$(( $(field "${R[$ALT-1]}" p50_us) - d1 ))
busy_ratio=$(awk -v s="$(field "${R[$ALT-32]}" rps)" -v n="$n32" 'BEGIN {printf "%.2f", s/n}')
{
  echo "## Gateway benchmark ($(date -u +%F), $(nproc) cores, load generator on the same machine, ${DUR}s per run, ledger ${BENCH_LEDGER:-on})"
  echo
  echo "| path | req/s @32 | p50 @32 (us) | p99 @32 (us) | p50 @1 (us) | p99 @1 (us) | errors | process CPU us/call @32 | machine CPU us/call @32 | ctx switches/call @32 | IPIs/call @32 |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  for t in direct nginx nginx-split sluice $ALT; do
    echo "| $t | $(field "${R[$t-32]}" rps) | $(field "${R[$t-32]}" p50_us) | $(field "${R[$t-32]}" p99_us) | $(field "${R[$t-1]}" p50_us) | $(field "${R[$t-1]}" p99_us) | $(( $(field "${R[$t-32]}" errors) + $(field "${R[$t-32]}" non2xx) )) | $(field "${R[$t-32]}" proc_us) | $(field "${R[$t-32]}" machine_us) | $(field "${R[$t-32]}" ctx) | $(field "${R[$t-32]}" ipis) |"
  done
  echo
  echo "- Process CPU is nginx's one worker for direct and nginx (it serves the canned upstream too), the second nginx's worker for nginx-split (the proxy alone), the Sluice JVM for Sluice."
  echo "- Sluice / nginx throughput at 32 connections: **${ratio}x** (target >= 0.6x)"
  echo "- Sluice added p50 latency at 1 connection over direct: **${added} us** (target <= 60 us); an nginx proxy in a process of its own (nginx-split) adds ${split_added} us"
  echo "- With \`server.busy_poll_us: $BUSY_POLL_US\` ($ALT; the default polls up to 200 us after a loop's last work while wake-ups come that soon): added p50 at 1 connection ${busy_added} us, ratio to nginx at 32 connections ${busy_ratio}x"
  echo "- $STREAMS concurrent streams (simulator, 200 ms TTFT, 50 tokens/s, 100 tokens): $(field "$S" requests) streams completed in 30 s, errors $(field "$S" errors), non-2xx $(field "$S" non2xx); Sluice RSS before ${BASE_RSS} KiB, peak ${PEAK_RSS} KiB (target <= 1 GiB, no errors)"
} | tee "$OUT/results-ledger-${BENCH_LEDGER:-on}.md"
