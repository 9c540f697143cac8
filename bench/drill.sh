#!/usr/bin/env bash
# The outage drill of issue 15 at full scale: a route of three simulator deployments, one of which goes down for 30 s
# and comes back, while 2,000 calls spread over 55 s (5 s before, 30 s during, 20 s after) go through real sockets;
# the ledger is in the PostgreSQL on 127.0.0.1:5432 (database test). It runs RouteOutageDrillTest with its time
# unscaled and prints its summary: failed calls (target 0), the down deployment's failed attempts, how often its
# breaker opened (open_ms is 3 s: at most about one opening per 3 s of outage), its state at the end (0 = closed),
# the calls it served once back, and the ledger rows against the calls answered.
# Usage: bench/drill.sh [outage-ms, default 30000] [calls, default 2000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/jdk.sh"
cd "$ROOT"
mvn -o test -pl sluice-app -am -Dtest=RouteOutageDrillTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsluice.drill.outage_ms="${1:-30000}" -Dsluice.drill.calls="${2:-2000}" 2>&1 \
  | grep -E '^drill:|Tests run:|FAIL|\[ERROR\] +[A-Za-z]' | grep -v '^\[INFO\] Tests run: [0-9]*, .* -- in dev.sluice.[a-z]*\.[a-z]' || true
