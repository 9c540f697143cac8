#!/usr/bin/env bash
# Guardrails accuracy and speed (issue 16): precision, recall and F1 per sensitive-information type on the labelled
# corpus (sluice-guardrails/src/test/resources/corpus/pii.jsonl, written by its seeded generator), then the detectors'
# latency on 4 KB of text, NAME and ADDRESS on their hand-written corpus (pii-names-addresses.txt) and their time against text size up to 8 MiB (flat ns/char = linear); then prompt attacks
# (per filter strength and family), content filters (per category and strength), denied topics (per topic and
# threshold, MiniLM), the nearest-exemplar experiment, contextual grounding and relevance (per threshold and answer kind), and a whole guardrail on 4 KB.
# Usage: bench/guardrails.sh [--errors] [--regenerate] [--only pii|names|content|topics|grounding|speed]
# Builds the module's test classes with the reactor (no install; offline unless MAVEN_FLAGS says otherwise).
#   --errors      also list every false positive and false negative
#   --regenerate  rewrite the corpus from its generator first (then commit the file; a test checks they agree)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"; mkdir -p "$OUT"
cd "$ROOT"
. "$ROOT/scripts/jdk.sh"
# shellcheck disable=SC2086
mvn ${MAVEN_FLAGS:--o -q} test-compile dependency:build-classpath -pl sluice-guardrails -am \
  -Dmdep.outputFile="$OUT/guardrails-cp.txt" -Dmdep.includeScope=test
M=sluice-guardrails
CP="$M/target/test-classes:$M/target/classes:$(cat "$OUT/guardrails-cp.txt")"
ARGS=()
ONLY=all
while [ $# -gt 0 ]; do
  arg="$1"; shift
  if [ "$arg" = "--only" ]; then
    ONLY="$1"; shift
  elif [ "$arg" = "--regenerate" ]; then
    "$JAVA_HOME/bin/java" -cp "$CP" dev.sluice.guardrails.corpus.CorpusGenerator "$M/src/test/resources/corpus/pii.jsonl"
    cp "$M/src/test/resources/corpus/pii.jsonl" "$M/target/test-classes/corpus/pii.jsonl"
  else
    ARGS+=("$arg")
  fi
done
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP")
run() { case "$ONLY" in all|"$1") shift; "${JAVA[@]}" "$@" "${ARGS[@]}" 2>&1 | grep -v '^SLF4J' ;; esac; }
run pii dev.sluice.guardrails.corpus.PiiBench
run content dev.sluice.guardrails.corpus.ContentBench
run topics dev.sluice.guardrails.corpus.TopicBench
run topics dev.sluice.guardrails.corpus.EmbeddingAttackExperiment
run grounding dev.sluice.guardrails.corpus.GroundingBench
run names dev.sluice.guardrails.corpus.NameAddressBench
run speed dev.sluice.guardrails.corpus.GuardrailSpeed
