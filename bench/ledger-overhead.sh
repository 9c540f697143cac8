#!/usr/bin/env bash
# Ledger overhead (issue 3): the gateway benchmark's 32-connection run with the ledger off (storage: none) and on
# (embedded PostgreSQL on the same two cores), alternated for several rounds, each run in a fresh Sluice process.
# One pair moves by 10-20% on a shared 2-core VM (JIT and scheduling differ between JVM starts; throughput still
# climbs for about 45 s after start, hence the long warm-up), so the verdict is
# taken on medians. Also prints CPU per request of the Sluice JVM and of PostgreSQL, read from /proc, and the rows per
# ledger transaction. Needs: nginx (Debian nginx-light), wrk, psql.
# Usage: bench/ledger-overhead.sh [rounds, default 7] [seconds per run, default 15]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
ROUNDS="${1:-7}" DUR="${2:-15}" WARM="${BENCH_WARM:-45}"
source "$ROOT/bench/lib.sh"
bench_need nginx wrk psql
bench_start_nginx "$OUT"
cp "$ROOT/bench/sluice-bench.yaml" "$OUT/ledger-on.yaml"
{ echo "storage: none"; cat "$ROOT/bench/sluice-bench.yaml"; } > "$OUT/ledger-off.yaml"
SLUICE=""
cleanup() { [ -n "$SLUICE" ] && kill $SLUICE 2>/dev/null; kill $NGINX 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

ticks() { # CPU ticks (user + system) of every process whose command line matches $1
  local t=0 p
  for p in $(pgrep -f "$1" || true); do t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || echo 0))); done
  echo $t
}
ledger_stats() { # transactions and rows inserted so far in the embedded database
  local port
  port=$(sed -n 4p "$OUT/data/pg/postmaster.pid") # this run's embedded server, not any other PostgreSQL here
  psql -At -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "SELECT xact_commit || ' ' || tup_inserted FROM pg_stat_database WHERE datname = 'postgres'"
}
URL="http://127.0.0.1:$SLUICE_PORT/v1/chat/completions"
run() { # mode -> "rps jvm_us pg_us rows_per_commit"
  local mode=$1 j0 p0 j1 p1 s0 s1 line req
  rm -rf "$OUT/data"
  "$ROOT/sluice" serve --config "$OUT/ledger-$mode.yaml" --data "$OUT/data" > "$OUT/sluice-ledger-$mode.log" 2>&1 &
  SLUICE=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
  wrk -t2 -c32 -d"${WARM}"s -s "$ROOT/bench/chat.lua" "$URL" >/dev/null 2>&1
  s0="0 0"; [ "$mode" = on ] && s0=$(ledger_stats)
  j0=$(ticks sluice-app); p0=$(ticks postgres)
  line=$(wrk -t2 -c32 -d"${DUR}"s -s "$ROOT/bench/chat.lua" "$URL" 2>&1 | grep RESULT)
  j1=$(ticks sluice-app); p1=$(ticks postgres)
  s1="0 0"; [ "$mode" = on ] && s1=$(ledger_stats)
  kill $SLUICE; wait $SLUICE 2>/dev/null || true; SLUICE=""
  req=$(echo "$line" | tr ' ' '\n' | awk -F= '$1=="requests" {print $2}')
  echo "$line" | tr ' ' '\n' | awk -F= -v j=$((j1 - j0)) -v p=$((p1 - p0)) -v q="$req" -v s0="$s0" -v s1="$s1" '
    $1=="rps" {rps=$2}
    END {split(s0, a, " "); split(s1, b, " "); c=b[1]-a[1]; r=b[2]-a[2];
         printf "%.0f %.1f %.1f %s\n", rps, j*1e4/q, p*1e4/q, (c > 0 ? sprintf("%.0f", r/c) : "-")}'
}

echo "bench: $ROUNDS rounds of ledger off / on, ${WARM}s warm-up and ${DUR}s measured per run"
TABLE="| round | off req/s | on req/s | drop | JVM us/req off / on | PostgreSQL us/req | rows per transaction |
|---|---|---|---|---|---|---|"
OFFS=() ONS=() DROPS=()
for i in $(seq 1 "$ROUNDS"); do
  read -r off joff _ _ <<<"$(run off)"
  read -r on jon pon rpc <<<"$(run on)"
  drop=$(awk -v a="$off" -v b="$on" 'BEGIN {printf "%.1f", (a - b) * 100 / a}')
  OFFS+=("$off"); ONS+=("$on"); DROPS+=("$drop")
  row="| $i | $off | $on | $drop% | $joff / $jon | $pon | $rpc |"
  echo "$row"; TABLE="$TABLE
$row"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
moff=$(median "${OFFS[@]}"); mon=$(median "${ONS[@]}"); mdrop=$(median "${DROPS[@]}")
{
  echo "## Ledger on vs off ($(date -u +%F), $(nproc) cores, $ROUNDS rounds, ${WARM}s warm-up, ${DUR}s per run)"
  echo
  echo "$TABLE"
  echo
  echo "- Median throughput: off **$moff** req/s, on **$mon** req/s: **$(awk -v a="$moff" -v b="$mon" 'BEGIN {printf "%.1f", (a - b) * 100 / a}')%** lower (target < 10%)"
  echo "- Median of the per-round drops: **$mdrop%**"
  printf '%s\n' "${DROPS[@]}" | awk '{d[NR]=$1; s+=$1} END {
      m=s/NR; for (i=1;i<=NR;i++) v+=(d[i]-m)^2; sd=(NR>1)?sqrt(v/(NR-1)):0
      split("12.71 4.30 3.18 2.78 2.57 2.45 2.36 2.31 2.26 2.23", t, " "); tq=(NR-1>=1 && NR-1<=10)?t[NR-1]:2.0
      printf "- Mean of the per-round drops: **%.1f%%**, 95%% confidence interval %.1f%% to %.1f%% (t, %d rounds)\n", m, m-tq*sd/sqrt(NR), m+tq*sd/sqrt(NR), NR}'
} | tee "$OUT/results-ledger-overhead.md"
