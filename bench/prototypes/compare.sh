#!/usr/bin/env bash
# Side-by-side data-plane prototype measurement: raw Netty vs Vert.x vs nginx, against the project's canned upstream.
# Interleaved rounds (ABC, CBA, ...) of wrk -t2 -c32 (throughput) and wrk -t1 -c1 (latency) per target, with per-call
# CPU (proxy process and whole machine), context switches and IPIs read from /proc around every run.
# Usage: bench/prototypes/compare.sh [label]     env: DUR=10 LAT_DUR=5 ROUNDS=4 WARM=20 QUIET_WAIT_MIN=40
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LABEL="${1:-run}"
OUT="$HERE/out/$LABEL"; rm -rf "$OUT"; mkdir -p "$OUT"
DUR="${DUR:-10}" LAT_DUR="${LAT_DUR:-5}" ROUNDS="${ROUNDS:-4}" WARM="${WARM:-20}" QUIET_WAIT_MIN="${QUIET_WAIT_MIN:-40}"
JAR="$HERE/target/prototypes.jar"
source "$ROOT/bench/lib.sh"     # UPSTREAM_PORT=4401, PROXY_PORT=4402, bench_need, bench_start_nginx
source "$ROOT/scripts/jdk.sh"   # JAVA_HOME
bench_need nginx wrk curl python3
[ -f "$JAR" ] || { echo "compare: build first: (cd $HERE && mvn -B -q package)"; exit 2; }
# The same JVM flags for both prototypes: those of the project's ./sluice launcher (SLUICE_JAVA_OPTS default).
# Netty leak detection off in both (Vert.x turns it off itself unless the property is set: VertxImpl's static block).
JAVA_OPTS="${PROTO_JAVA_OPTS:--Xmx768m} --enable-native-access=ALL-UNNAMED -Dio.netty.leakDetection.level=disabled"
# Vert.x's own benchmark switches (internal, "not supported" per io.vertx.core.impl.SysProps) + strict thread mode.
VERTX_TUNED="-Dvertx.disableMetrics=true -Dvertx.disableHttpHeadersValidation=true -Dvertx.disableWebsockets=true -Dvertx.disableContextTimings=true -Dproto.strictThreadMode=true"
NCPU=$(nproc) HZ=$(getconf CLK_TCK)
declare -A PORT=([nginx]=$PROXY_PORT [nginx-solo]=4403 [netty-fast]=4410 [vertx-fast]=4411 [netty-tree]=4412 [vertx-tree]=4413 [vertx-shared-fast]=4414 [vertx-tuned-fast]=4415)
TARGETS=(nginx nginx-solo netty-fast vertx-fast vertx-tuned-fast netty-tree vertx-tree vertx-shared-fast)
declare -A PID
MINE=()

others() { # JVMs (maven builds, test forks, servers) that are not ours
  local p n=0
  for p in $(pgrep -x java || true); do  # maven, surefire forks and other JVMs all run as 'java'
    [[ " ${MINE[*]} " == *" $p "* ]] || [ "$p" = "$$" ] || n=$((n + 1))
  done
  echo $n
}
wait_quiet() {
  local waited=0
  while [ "$(others)" -gt 0 ] && [ $waited -lt "$QUIET_WAIT_MIN" ]; do
    echo "compare: $(others) other java/mvn process(es) running; waiting 60 s (waited ${waited} min)"; pgrep -ax java | cut -c1-160
    sleep 60; waited=$((waited + 1))
  done
  QUIET_AT_START=$([ "$(others)" -eq 0 ] && echo yes || echo "no ($(others) other java/mvn processes)")
  QUIET_AT_START="$QUIET_AT_START, loadavg $(cut -d" " -f1-3 /proc/loadavg) after waiting ${waited} min"
  echo "compare: machine quiet at start: $QUIET_AT_START"
}

cleanup() {
  local p
  for p in "${MINE[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

start_nginx() {
  bench_start_nginx "$OUT"; MINE+=("$NGINX")                 # the project's config: canned upstream + proxy, one worker
  sed -e "s#BENCH_DIR#$OUT#g" -e "s#UPSTREAM_PORT#$UPSTREAM_PORT#g" -e "s#SOLO_PORT#${PORT[nginx-solo]}#g" \
    "$HERE/nginx-solo.conf.template" > "$OUT/nginx-solo.conf"
  nginx -c "$OUT/nginx-solo.conf" -p "$OUT" & MINE+=("$!"); SOLO=$!   # a proxy-only nginx: its worker's CPU is the proxy's alone
  sleep 1
  PID[nginx]=$(pgrep -P "$NGINX" | head -1); PID[nginx-solo]=$(pgrep -P "$SOLO" | head -1); UPSTREAM_PID=${PID[nginx]}
}
start_java() { # target class mode extra-flags
  local port=${PORT[$1]}
  "$JAVA_HOME/bin/java" $JAVA_OPTS -Dmode="$3" -Dcheck.thread=true $4 -cp "$JAR" "dev.sluice.bench.$2" "$port" \
    > "$OUT/$1.log" 2>&1 & PID[$1]=$!; MINE+=("$!")
}
wait_health() {
  local t
  for t in "${TARGETS[@]}"; do
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:${PORT[$t]}/health" >/dev/null 2>&1 && break; sleep 0.2; done
    [[ $t == nginx* ]] || curl -sf "http://127.0.0.1:${PORT[$t]}/health" >/dev/null || { echo "compare: $t did not start"; cat "$OUT/$t.log"; exit 1; }
  done
}

others_ticks() { # CPU ticks used so far by JVMs that are not ours (other engineers' builds and tests)
  local p t=0
  for p in $(pgrep -x java || true); do
    [[ " ${MINE[*]} " == *" $p "* ]] || t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo $t
}
# /proc snapshot: proxy ticks, proxy ctx switches (all threads), upstream ticks, machine busy ticks, IPIs (RES+CAL),
# other JVMs' ticks
snap() {
  local pid=$1
  echo "$(awk '{print $14 + $15}' "/proc/$pid/stat")" \
    "$(cat /proc/"$pid"/task/*/status 2>/dev/null | awk '/^(voluntary|nonvoluntary)_ctxt_switches/ {s += $2} END {print s}')" \
    "$(awk '{print $14 + $15}' "/proc/$UPSTREAM_PID/stat")" \
    "$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat)" \
    "$(awk -v n="$NCPU" '$1 == "RES:" || $1 == "CAL:" {for (i = 2; i <= n + 1; i++) s += $i} END {print s}' /proc/interrupts)" \
    "$(others_ticks)"
}
run() { # target round conns threads seconds
  local t=$1 url="http://127.0.0.1:${PORT[$1]}/v1/chat/completions" a b res
  a=$(snap "${PID[$t]}")
  res=$(wrk -t"$4" -c"$3" -d"$5"s --timeout 10s -s "$ROOT/bench/chat.lua" "$url" 2>&1 | grep RESULT || echo "RESULT rps=0 p50_us=0 p99_us=0 errors=1 non2xx=0 requests=0")
  b=$(snap "${PID[$t]}")
  echo "$t $2 $3 $res $a $b $(others) $5" | awk -v hz="$HZ" '{
    for (i = 5; i <= 10; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    n = v["requests"] > 0 ? v["requests"] : 1; us = 1e6 / hz
    printf "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%.2f\t%.2f\t%.3f\t%.3f\t%.3f\t%s\t%.2f\n", $1, $2, $3, v["rps"], v["p50_us"], v["p99_us"],
      v["errors"] + v["non2xx"], ($17 - $11) * us / n, ($20 - $14) * us / n, ($18 - $12) / n, ($21 - $15) / n, ($19 - $13) * us / n, $23,
      ($22 - $16) / hz / $24
  }' | tee -a "$OUT/raw.tsv"
}

wait_quiet
start_nginx
start_java netty-fast NettyProxy fast ""
start_java vertx-fast VertxProxy fast ""
start_java netty-tree NettyProxy tree ""
start_java vertx-tree VertxProxy tree ""
start_java vertx-shared-fast VertxProxy fast "-Dvertx.client=shared"
start_java vertx-tuned-fast VertxProxy fast "$VERTX_TUNED"
wait_health
for t in "${TARGETS[@]}"; do [[ $t == nginx* ]] || head -1 "$OUT/$t.log"; done | tee "$OUT/transports.txt"
for t in "${TARGETS[@]}"; do
  echo "compare: warming $t for ${WARM}s"
  wrk -t2 -c32 -d"${WARM}"s --timeout 10s -s "$ROOT/bench/chat.lua" "http://127.0.0.1:${PORT[$t]}/v1/chat/completions" >/dev/null
done
printf "target\tround\tconns\trps\tp50_us\tp99_us\terrors\tproxy_cpu_us\tmachine_cpu_us\tctx\tipi\tupstream_cpu_us\tothers\tothers_cores\n" | tee "$OUT/raw.tsv"
for r in $(seq 1 "$ROUNDS"); do
  order=("${TARGETS[@]}")
  if [ $((r % 2)) -eq 0 ]; then order=(); for ((i = ${#TARGETS[@]} - 1; i >= 0; i--)); do order+=("${TARGETS[$i]}"); done; fi
  for t in "${order[@]}"; do
    run "$t" "$r" 32 2 "$DUR" >/dev/null
    run "$t" "$r" 1 1 "$LAT_DUR" >/dev/null
  done
  echo "compare: round $r of $ROUNDS done"; tail -n $((2 * ${#TARGETS[@]})) "$OUT/raw.tsv" | column -t
done
for t in "${TARGETS[@]}"; do
  [[ $t == nginx* ]] || echo "$t $(curl -s "http://127.0.0.1:${PORT[$t]}/stats")"
done | tee "$OUT/stats.txt"
{
  echo "machine: $(nproc) vCPU, $(uname -sr), $("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p), nginx $(nginx -v 2>&1 | cut -d/ -f2), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "quiet at start: $QUIET_AT_START; other JVMs during runs: max $(awk 'NR > 1 {if ($13 > m) m = $13} END {print m + 0}' "$OUT/raw.tsv"), present in $(awk 'NR > 1 && $13 > 0' "$OUT/raw.tsv" | wc -l) of $(($(wc -l < "$OUT/raw.tsv") - 1)) runs, CPU used by them: max $(awk 'NR > 1 {if ($14 > m) m = $14} END {printf "%.2f", m}' "$OUT/raw.tsv") cores in a run"
  echo "JVM flags: $JAVA_OPTS; runs: ${DUR}s @32 conns, ${LAT_DUR}s @1 conn, $ROUNDS interleaved rounds after ${WARM}s warm-up per target"
  echo
  python3 "$HERE/summarize.py" "$OUT/raw.tsv" "$OUT/stats.txt"
} | tee "$OUT/summary.md"
