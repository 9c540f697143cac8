#!/usr/bin/env bash
# Ledger overhead (issue 3): the gateway benchmark's 32-connection load with the ledger off (storage: none) and on
# (embedded PostgreSQL on the same two cores).
#
# A shared 2-core VM drifts in speed by tens of percent from one minute to the next, more than the effect measured,
# so the two modes are measured side by side: each process pair is one Sluice with the ledger off and one with it on,
# both started and warmed together, then loaded in turn in short slices (off, on, on, off, off, on, ...), so that
# each off slice has an on slice next to it in time and a drift in host speed falls on both. Only one of the two
# is loaded at a time; the idle one costs nothing. Several process pairs, because JIT and scheduling differ from one
# JVM start to the next.
#
# Per slice it reads, from /proc: the Sluice JVM's CPU, PostgreSQL's CPU (the embedded server and its backends), the
# whole machine's busy and stolen CPU, all per request. The CPU figure gives a second verdict that does not ride on
# host speed: at saturation, throughput is the machine's CPU over the CPU each call takes.
# Needs: nginx (Debian nginx-light), wrk, psql.
# Usage: bench/ledger-overhead.sh [process pairs, default 6] [slices per mode and pair, default 6] [seconds, default 10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
PAIRS="${1:-6}" SLICES="${2:-6}" DUR="${3:-10}" WARM="${BENCH_WARM:-45}" GAP="${BENCH_GAP:-2}"
source "$ROOT/bench/lib.sh"
bench_need nginx wrk psql
bench_start_nginx "$OUT"
OFF_PORT=$SLUICE_PORT ON_PORT=4403
cp "$ROOT/bench/sluice-bench.yaml" "$OUT/ledger-on.yaml"
{ echo "storage: none"; cat "$ROOT/bench/sluice-bench.yaml"; } > "$OUT/ledger-off.yaml"
OFF_PID="" ON_PID=""
stop_sluice() {
  local p
  for p in $OFF_PID $ON_PID; do kill "$p" 2>/dev/null || true; done
  for p in $OFF_PID $ON_PID; do wait "$p" 2>/dev/null || true; done
  OFF_PID="" ON_PID=""
}
cleanup() { stop_sluice; kill $NGINX 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU ticks of one process
pg_ticks() { # the embedded PostgreSQL: postmaster (with its exited children) and its live children
  local pm t p
  pm=$(sed -n 1p "$OUT/data/pg/postmaster.pid")
  t=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
  for p in $(pgrep -P "$pm" || true); do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
  echo $t
}
machine() { awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8, $9}' /proc/stat; } # busy ticks, stolen ticks
ledger_stats() { # transactions and rows inserted so far in the embedded database
  PGPASSWORD=$(sed -n 's/^superuser\.password=//p' "$OUT/data/secrets/postgres.properties") psql -At -h 127.0.0.1 -p "$(sed -n 4p "$OUT/data/pg/postmaster.pid")" -U postgres -d postgres \
    -c "SELECT xact_commit || ' ' || tup_inserted FROM pg_stat_database WHERE datname = 'postgres'"
}
load() { wrk -t2 -c32 -d"$2"s -s "$ROOT/bench/chat.lua" "http://127.0.0.1:$1/v1/chat/completions" 2>&1 | grep RESULT; }
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
HZ=$(getconf CLK_TCK)

slice() { # pair mode -> one TSV line: pair mode rps requests jvm_us pg_us machine_us steal_us rows_per_commit
  local pair=$1 mode=$2 port pid j0 j1 p0 p1 m0 m1 s0 s1 line req
  if [ "$mode" = on ]; then port=$ON_PORT pid=$ON_PID; else port=$OFF_PORT pid=$OFF_PID; fi
  sleep "$GAP" # lets the writer finish the previous on slice's rows before anything is read
  s0=$(ledger_stats); j0=$(ticks "$pid"); p0=$(pg_ticks); m0=$(machine)
  line=$(load "$port" "$DUR")
  j1=$(ticks "$pid"); p1=$(pg_ticks); m1=$(machine); s1=$(ledger_stats)
  req=$(field "$line" requests)
  awk -v pair="$pair" -v mode="$mode" -v rps="$(field "$line" rps)" -v q="$req" -v hz="$HZ" \
      -v j=$((j1 - j0)) -v p=$((p1 - p0)) -v m0="$m0" -v m1="$m1" -v s0="$s0" -v s1="$s1" 'BEGIN {
    split(m0, a, " "); split(m1, b, " "); split(s0, c, " "); split(s1, d, " ")
    us = 1e6 / hz / q; commits = d[1] - c[1]
    printf "%s\t%s\t%.0f\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%s\n", pair, mode, rps, q, j * us, p * us,
      (b[1] - a[1]) * us, (b[2] - a[2]) * us, (mode == "on" && commits > 0) ? sprintf("%.0f", (d[2] - c[2]) / commits) : "-"
  }'
}

echo "bench: $PAIRS process pairs, ${WARM}s warm-up each, then $SLICES slices of ${DUR}s per mode, alternating"
TSV="$OUT/ledger-overhead-slices.tsv"
printf 'pair\tmode\trps\trequests\tjvm_us\tpg_us\tmachine_us\tsteal_us\trows_per_commit\n' > "$TSV"
for pair in $(seq 1 "$PAIRS"); do
  rm -rf "$OUT/data" "$OUT/data-off"
  "$ROOT/sluice" serve --config "$OUT/ledger-off.yaml" --port "$OFF_PORT" --data "$OUT/data-off" > "$OUT/sluice-ledger-off.log" 2>&1 & OFF_PID=$!
  "$ROOT/sluice" serve --config "$OUT/ledger-on.yaml" --port "$ON_PORT" --data "$OUT/data" > "$OUT/sluice-ledger-on.log" 2>&1 & ON_PID=$!
  for port in $OFF_PORT $ON_PORT; do
    for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
    curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "bench: sluice on port $port did not start"; exit 1; }
  done
  for _ in 1 2 3; do # warm-up, in turns, so that both reach their plateau alike
    load $OFF_PORT $((WARM / 3)) >/dev/null; load $ON_PORT $((WARM / 3)) >/dev/null
  done
  for s in $(seq 1 "$SLICES"); do
    if [ $((s % 2)) = 1 ]; then order="off on"; else order="on off"; fi
    for mode in $order; do slice "$pair" "$mode" | tee -a "$TSV"; done
  done
  stop_sluice
done

# Each off slice is paired with the on slice of the same turn (adjacent in time); drop = (off - on) / off.
awk -F'\t' -v pairs="$PAIRS" -v slices="$SLICES" -v dur="$DUR" -v warm="$WARM" -v day="$(date -u +%F)" -v cores="$(nproc)" '
  function median(a, c,   i, j, x) { # sorts a[1..c] in place (insertion sort; mawk has no asort)
    for (i = 2; i <= c; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return (c % 2) ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
  }
  NR == 1 { next }
  { k = $1 SUBSEP int(seen[$1, $2]++); R[k, $2] = $3; Q[$1, $2] += $4; n[$1, $2]++
    J[$2] += $5 * $4; P[$2] += $6 * $4; M[$2] += $7 * $4; S[$2] += $8 * $4; T[$2] += $4 }
  END {
    split("12.71 4.30 3.18 2.78 2.57 2.45 2.36 2.31 2.26 2.23 2.20 2.18 2.16 2.14 2.13 2.12 2.11 2.10 2.09 2.09 2.08 2.07 2.07 2.06 2.06 2.06 2.05 2.05 2.05 2.04", t, " ")
    printf "## Ledger on vs off, side by side (%s, %d cores, %d process pairs, %ds warm-up, %d slices of %ds per mode)\n\n", day, cores, pairs, warm, slices, dur
    print "| process pair | off req/s | on req/s | drop (ratio of sums) | median of slice drops |"
    print "|---|---|---|---|---|"
    m = 0
    for (p = 1; p <= pairs; p++) {
      c = 0
      for (i = 0; i < slices; i++) { d = (R[p SUBSEP i, "off"] - R[p SUBSEP i, "on"]) * 100 / R[p SUBSEP i, "off"]; D[++m] = d; L[++c] = d }
      med = median(L, c); delete L
      off = Q[p, "off"] / (n[p, "off"] * dur); on = Q[p, "on"] / (n[p, "on"] * dur)
      G[p] = (off - on) * 100 / off
      printf "| %d | %.0f | %.0f | %.1f%% | %.1f%% |\n", p, off, on, G[p], med
    }
    for (p = 1; p <= pairs; p++) gs += G[p]; gmean = gs / pairs
    for (p = 1; p <= pairs; p++) gv += (G[p] - gmean) ^ 2
    for (i = 1; i <= m; i++) s += D[i]; mean = s / m
    for (i = 1; i <= m; i++) v += (D[i] - mean) ^ 2; sd = sqrt(v / (m - 1)); tq = (m - 1 <= 30) ? t[m - 1] : 2.0
    med = median(D, m); off = 0; on = 0
    for (p = 1; p <= pairs; p++) { off += Q[p, "off"]; on += Q[p, "on"] }
    printf "\n- Throughput over all slices: off %.0f req/s, on %.0f req/s: **%.1f%%** lower (target < 10%%)\n", off / (pairs * slices * dur), on / (pairs * slices * dur), (off - on) * 100 / off
    if (pairs > 1) { gsd = sqrt(gv / (pairs - 1)); gq = (pairs - 1 <= 30) ? t[pairs - 1] : 2.0
      printf "- Per process pair (%d, the unit that varies): mean drop **%.1f%%**, 95%% confidence interval %.1f%% to %.1f%%\n", pairs, gmean, gmean - gq * gsd / sqrt(pairs), gmean + gq * gsd / sqrt(pairs) }
    printf "- Per adjacent off/on slice pair (%d): median drop **%.1f%%**, mean %.1f%%, 95%% confidence interval %.1f%% to %.1f%%\n", m, med, mean, mean - tq * sd / sqrt(m), mean + tq * sd / sqrt(m)
    printf "- CPU per request, whole machine: off %.1f us, on %.1f us: at saturation that is **%.1f%%** fewer requests per CPU-second\n", M["off"] / T["off"], M["on"] / T["on"], (1 - (M["off"] / T["off"]) / (M["on"] / T["on"])) * 100
    printf "- Of which the Sluice JVM: off %.1f us, on %.1f us; PostgreSQL: %.1f us in on slices, %.1f us (per off request) in off slices; stolen by the hypervisor: off %.1f us, on %.1f us\n", J["off"] / T["off"], J["on"] / T["on"], P["on"] / T["on"], P["off"] / T["off"], S["off"] / T["off"], S["on"] / T["on"]
  }' "$TSV" | tee "$OUT/results-ledger-overhead.md"
