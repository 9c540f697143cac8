#!/usr/bin/env bash
# JMH benchmark of one guardrail check of 4 KB of text (issue 16's target: p99 <= 1 ms with every policy but grounding
# and judge models), in SampleTime mode: prints p50, p99 and p99.9 per benchmark (bench/jmh, GuardrailBenchmark).
# Builds the module with the reactor (no install; offline unless MAVEN_FLAGS says otherwise).
# Usage: bench/guardrails-jmh.sh [--jfr] [benchmark regex, default GuardrailBenchmark] [extra JMH options]
#   --jfr   record each benchmark's fork with JFR (bench/out/jmh/<benchmark>/profile.jfr) and print its hot methods
# Defaults: 1 fork, 3 warm-up iterations of 5 s, 5 measured iterations of 5 s (JMH_OPTS replaces them).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/jmh"; mkdir -p "$OUT"
cd "$ROOT"
. "$ROOT/scripts/jdk.sh"
JFR=0
if [ "${1:-}" = "--jfr" ]; then JFR=1; shift; fi
FILTER="${1:-GuardrailBenchmark}"; shift || true
# shellcheck disable=SC2086
mvn ${MAVEN_FLAGS:--o -q} compile dependency:build-classpath -pl bench/jmh -am \
  -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=runtime
CP="bench/jmh/target/classes:$(cat "$OUT/cp.txt")"
PROF=()
[ "$JFR" = 1 ] && PROF=(-prof "jfr:dir=$OUT")
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main "$FILTER" ${JMH_OPTS:--f 1 -wi 3 -w 5s -i 5 -r 5s} \
  -jvmArgsAppend "--enable-native-access=ALL-UNNAMED -Xmx2g" "${PROF[@]}" -rf json -rff "$OUT/result.json" "$@" \
  2>&1 | grep -v '^SLF4J' > "$OUT/run.txt" || { tail -40 "$OUT/run.txt"; exit 1; }
# the summary table: each benchmark's mean, then its p50, p99 and p99.9
awk '/^Benchmark +Mode/ {t = 1} t && ($0 ~ /^Benchmark/ || $0 !~ /:/ || $0 ~ /:p0\.(50|99|999)0* /)' "$OUT/run.txt"
if [ "$JFR" = 1 ]; then
  find "$OUT" -name '*.jfr' -newer "$OUT/cp.txt" | while read -r f; do
    echo; echo "== $f"; "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$f" | head -30
  done
fi
