#!/usr/bin/env bash
# Profile of the gateway's hot path: the benchmark's 32-connection load against Sluice (canned nginx upstream, ledger
# on unless BENCH_LEDGER=off) under a JFR recording with the "profile" settings, then its hottest methods (top frames
# of CPU samples), the allocation sites and the CPU per thread. Writes bench/out/profile.jfr and prints the views.
# Needs: nginx (Debian nginx-light) and wrk. Usage: bench/profile.sh [warm-up seconds, default 30] [seconds, default 30]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
WARM="${1:-30}"; DUR="${2:-30}"
source "$ROOT/bench/lib.sh"
bench_need nginx wrk
. "$ROOT/scripts/jdk.sh"
bench_start_nginx "$OUT"
CONFIG="$ROOT/bench/sluice-bench.yaml"
if [ "${BENCH_LEDGER:-on}" = "off" ]; then
  CONFIG="$OUT/sluice-bench-noledger.yaml"
  { echo "storage: none"; cat "$ROOT/bench/sluice-bench.yaml"; } > "$CONFIG"
fi
rm -rf "$OUT/profile-data"
SLUICE_JAVA_OPTS="-Xmx768m -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" \
  "$ROOT/sluice" serve --config "$CONFIG" --data "$OUT/profile-data" > "$OUT/profile-sluice.log" 2>&1 & SLUICE=$!
cleanup() { kill $SLUICE 2>/dev/null || true; kill $NGINX 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
JPID=$(pgrep -f "sluice-app-0.1.0-SNAPSHOT.jar serve --config $CONFIG" | head -1)
URL="http://127.0.0.1:$SLUICE_PORT/v1/chat/completions"
echo "profile: warming up ${WARM}s"
wrk -t2 -c32 -d"${WARM}"s -s "$ROOT/bench/chat.lua" "$URL" >/dev/null
"$JAVA_HOME/bin/jcmd" "$JPID" JFR.start name=hot settings=profile filename="$OUT/profile.jfr" >/dev/null
echo "profile: recording ${DUR}s under load"
wrk -t2 -c32 -d"${DUR}"s -s "$ROOT/bench/chat.lua" "$URL" | grep RESULT || true
"$JAVA_HOME/bin/jcmd" "$JPID" JFR.stop name=hot >/dev/null
for view in hot-methods allocation-by-site thread-cpu-load; do
  echo; "$JAVA_HOME/bin/jfr" view --width 160 "$view" "$OUT/profile.jfr" | head -40
done
