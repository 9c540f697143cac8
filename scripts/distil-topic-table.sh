#!/usr/bin/env bash
# Regenerates the denied topics' static word-piece table (sluice-guardrails, StaticEmbeddings' resource) from the
# all-MiniLM-L6-v2 model in ~/.m2: every word piece through the model once, then PCA, rarity weights and int8 (see
# StaticEmbeddings' Javadoc). About a minute of one core. Commit the file it writes; nothing is computed at run time.
# Usage: scripts/distil-topic-table.sh [DIMENSIONS, default 256]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. "$ROOT/scripts/jdk.sh"
M=sluice-guardrails
OUT="$M/src/main/resources/dev/sluice/guardrails/topics/minilm-static.bin"
CP_FILE="$ROOT/bench/out/guardrails-cp.txt"
mkdir -p "$(dirname "$OUT")" "$ROOT/bench/out"
# shellcheck disable=SC2086
mvn ${MAVEN_FLAGS:--o -q} test-compile dependency:build-classpath -pl $M -am \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "$M/target/test-classes:$M/target/classes:$(cat "$CP_FILE")" \
  dev.sluice.guardrails.topics.StaticTableGenerator "$OUT" "${1:-256}" 2>&1 | grep -v '^SLF4J'
