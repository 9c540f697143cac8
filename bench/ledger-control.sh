#!/usr/bin/env bash
# Control for the ledger on/off benchmark (issue 3): is the ledger-on gateway slower because PostgreSQL runs on the
# same cores, or because of something inside the ledger-on JVM? Three kinds of 10 s slice, in turns, after a warm-up:
#   off     Sluice with storage: none
#   off+pg  the same, while psql copies ledger rows (1,600 every 170 ms) into a copy of the ledger table in the
#           ledger-on Sluice's embedded PostgreSQL: PostgreSQL's load without our writer
#   on      Sluice with the ledger on
# Prints req/s and the Sluice JVM's CPU per request of each slice, then the means.
# Needs: nginx (Debian nginx-light), wrk, psql. Usage: bench/ledger-control.sh [turns, default 6]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
TURNS="${1:-6}" WARM="${BENCH_WARM:-45}"
source "$ROOT/bench/lib.sh"
bench_need nginx wrk psql
bench_start_nginx "$OUT"
cp "$ROOT/bench/sluice-bench.yaml" "$OUT/ledger-on.yaml"
{ echo "storage: none"; cat "$ROOT/bench/sluice-bench.yaml"; } > "$OUT/ledger-off.yaml"
rm -rf "$OUT/data" "$OUT/data-off"
"$ROOT/sluice" serve --config "$OUT/ledger-off.yaml" --port 4400 --data "$OUT/data-off" > "$OUT/control-off.log" 2>&1 & OFF=$!
"$ROOT/sluice" serve --config "$OUT/ledger-on.yaml" --port 4403 --data "$OUT/data" > "$OUT/control-on.log" 2>&1 & ON=$!
PG=""
cleanup() { for p in $PG $OFF $ON $NGINX; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
for port in 4400 4403; do
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
done
load() { wrk -t2 -c32 -d"$2"s -s "$ROOT/bench/chat.lua" "http://127.0.0.1:$1/v1/chat/completions" 2>&1 | grep RESULT; }
for _ in 1 2 3; do load 4400 $((WARM / 3)) >/dev/null; load 4403 $((WARM / 3)) >/dev/null; done

P="env PGPASSWORD=$(sed -n 's/^superuser\.password=//p' "$OUT/data/secrets/postgres.properties") psql -q -h 127.0.0.1 -p $(sed -n 4p "$OUT/data/pg/postmaster.pid") -U postgres -d postgres"
$P -c "CREATE TABLE ledger_control (LIKE ledger INCLUDING DEFAULTS)" \
   -c "CREATE INDEX ON ledger_control USING brin (started_at)" \
   -c "CREATE INDEX ON ledger_control USING brin (key_id text_bloom_ops, team_id text_bloom_ops, use_case_id text_bloom_ops)" \
   -c "\\copy (SELECT * FROM ledger LIMIT 1600) TO '$OUT/control-batch.bin' (FORMAT binary)"
for _ in $(seq 1 2000); do
  printf "BEGIN;\n\\\\copy ledger_control FROM '%s' (FORMAT binary)\nCOMMIT;\nSELECT pg_sleep(0.17);\n" "$OUT/control-batch.bin"
done > "$OUT/control.sql"

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
slice() { # label port pid [pgload]
  local j0 j1 line
  sleep 2
  if [ "${4:-}" = pgload ]; then $P -f "$OUT/control.sql" >/dev/null 2>&1 & PG=$!; sleep 0.5; fi
  j0=$(ticks "$3"); line=$(load "$2" 10); j1=$(ticks "$3")
  if [ -n "$PG" ]; then kill "$PG" 2>/dev/null || true; wait "$PG" 2>/dev/null || true; PG=""; fi
  echo "$line" | tr ' ' '\n' | awk -F= -v label="$1" -v j=$((j1 - j0)) -v hz="$HZ" '
    $1 == "rps" {rps = $2} $1 == "requests" {q = $2} END {printf "%s %.0f %.1f\n", label, rps, j * 1e6 / hz / q}'
}
echo "slice req/s jvm_us_per_request"
for _ in $(seq 1 "$TURNS"); do
  slice off 4400 $OFF; slice off+pg 4400 $OFF pgload; slice on 4403 $ON
done | tee "$OUT/control-slices.txt"
echo "rows copied by the control load: $($P -At -c 'SELECT count(*) FROM ledger_control')"
awk '{r[$1] += $2; j[$1] += $3; n[$1]++} END {for (k in r) printf "mean %-7s %6.0f req/s %6.1f us of JVM CPU per request\n", k, r[k] / n[k], j[k] / n[k]}' \
  "$OUT/control-slices.txt"
