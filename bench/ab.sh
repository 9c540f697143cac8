#!/usr/bin/env bash
# A/B of two builds at 32 connections, in turns: per side, nginx and Sluice (ledger on) from that checkout, a 10 s warm-up,
# then nginx and Sluice for 10 s each; prints the ratio and CPU per call. Build each checkout first (mvn -o -q package
# -DskipTests). Needs nginx (nginx-light) and wrk. Usage: bench/ab.sh PAIRS CHECKOUT_A CHECKOUT_B
set -uo pipefail
PAIRS=$1; A=$2; B=$3
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/jdk.sh"
one() {
  local ROOT=$1
  (
  cd "$ROOT"; source bench/lib.sh
  OUT=/tmp/qab-out; rm -rf $OUT; mkdir -p $OUT
  bench_start_nginx "$OUT" >/dev/null 2>&1
  CONFIG="$ROOT/bench/sluice-bench.yaml"
  SLUICE_SKIP_BUILD=1 "$ROOT/sluice" serve --config "$CONFIG" --data "$OUT/data" > "$OUT/sluice.log" 2>&1 & S=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
  JPID=$(pgrep -f "sluice-app-0.1.0-SNAPSHOT.jar serve --config $CONFIG" | head -1)
  NW=$(pgrep -P "$NGINX" | head -1)
  wrk -t2 -c32 -d10s -s bench/chat.lua "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" >/dev/null 2>&1
  n0=$(proc_ticks $NW); r=$(wrk -t2 -c32 -d10s -s bench/chat.lua "http://127.0.0.1:$PROXY_PORT/v1/chat/completions" 2>&1 | grep RESULT); n1=$(proc_ticks $NW)
  nreq=$(echo "$r" | tr ' ' '\n' | awk -F= '$1=="requests"{print $2}'); nrps=$(echo "$r" | tr ' ' '\n' | awk -F= '$1=="rps"{print $2}')
  t0=$(proc_ticks $JPID); r=$(wrk -t2 -c32 -d10s -s bench/chat.lua "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" 2>&1 | grep RESULT); t1=$(proc_ticks $JPID)
  sreq=$(echo "$r" | tr ' ' '\n' | awk -F= '$1=="requests"{print $2}'); srps=$(echo "$r" | tr ' ' '\n' | awk -F= '$1=="rps"{print $2}')
  awk -v a="$srps" -v b="$nrps" -v t=$((t1-t0)) -v n="$sreq" -v nt=$((n1-n0)) -v nn="$nreq" 'BEGIN {printf "ratio=%.3f sluice_rps=%.0f nginx_rps=%.0f jvm_us=%.1f nginx_us=%.1f\n", a/b, a, b, t*1e4/n, nt*1e4/nn}'
  kill $S; kill $NGINX; wait 2>/dev/null
  )
}
for p in $(seq 1 $PAIRS); do
  echo "A $(one $A)"
  echo "B $(one $B)"
done
