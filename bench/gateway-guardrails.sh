#!/usr/bin/env bash
# Gateway throughput with and without a guardrail (issue 16): the canned nginx upstream behind Sluice (ledger off),
# the same chat call to a model with no guardrail ("bench") and to the same upstream with a guardrail attached
# ("bench-guarded": PII entities masked and blocked, custom words and the profanity list, both sides) and with a
# guardrail of one custom word ("bench-words": the guardrail's steps, nearly no detector time); the PII guardrail is run
# twice, on a prompt with an e-mail address and a phone number, masked on every call, and ("bench-clean") on a prompt
# as long with no PII; in alternating runs of wrk at 32 connections. Prints req/s, p50 and p99 per run, the throughput
# lost, the Sluice JVM's CPU per call and the checks' own time per guarded call (Sluice's sluice_guardrail_duration
# timer).
# Sluice runs with the JVM options ./sluice gives it (SLUICE_JAVA_OPTS, default -Xmx768m: G1, as shipped; it was ZGC
# until 2026-12-05, see docs/benchmarks.md). Needs nginx and wrk, and the packaged app (mvn -o -q package
# -DskipTests -pl sluice-app -am; never install).
# BENCH_LEDGER=on runs Sluice as shipped, with the ledger on the embedded PostgreSQL in bench/out/guarded/data (default
# off: storage none, so that the guardrail's cost is set against the leanest call).
# Usage: bench/gateway-guardrails.sh [seconds-per-run, default 10] [rounds, default 2] [JVMs, default 1]
#        With JVMs > 1, the whole benchmark runs that many times, each on a fresh Sluice JVM, and the means of the
#        JVMs' losses and check times are printed last: the JIT compiles the check path differently from one JVM to
#        the next (the masked prompt's checks 3.9 us in one JVM, 4.6-6.0 us in others), so one JVM's figure is one
#        draw, and an A/B or a target wants the mean of several.
#        bench/gateway-guardrails.sh --profile [model, default bench-guarded] [seconds, default 20]: instead of the
#        runs, one JFR recording ("profile" settings) of that model under the same load; prints the hottest methods
#        and allocation sites (bench/out/guarded/profile.jfr). With ASPROF_LIB=/path/libasyncProfiler.so, async-
#        profiler's CPU samples instead, per model (models comma-separated), as collapsed stacks.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out/guarded"; mkdir -p "$OUT"
PROFILE=""
if [ "${1:-}" = "--profile" ]; then PROFILE="${2:-bench-guarded}"; set -- "${3:-20}"; fi
DUR="${1:-10}"; ROUNDS="${2:-2}"; JVMS="${3:-1}"
if [ -z "$PROFILE" ] && [ "$JVMS" -gt 1 ]; then
  for j in $(seq 1 "$JVMS"); do
    echo "== JVM $j of $JVMS"
    "$0" "$DUR" "$ROUNDS" 1 | tee "$OUT/jvm-$j.txt"
  done
  # each JVM's "mean req/s" line holds its three losses ("(5.7% lost)"), its "mean check time" line its three check
  # times ("0.94 us"): one pass over the JVMs' outputs sums both
  for j in $(seq 1 "$JVMS"); do cat "$OUT/jvm-$j.txt"; done | awk -v n="$JVMS" '
    function sum(line, re, head, tail, into, list,    k, v) { # the k-th match of re, less head and tail chars
      for (k = 1; match(line, re); k++) {
        v = substr(line, RSTART + head, RLENGTH - head - tail); into[k] += v; list[k] = list[k] " " v
        line = substr(line, RSTART + RLENGTH)
      }
    }
    /^mean req\/s/ { sum($0, "\\([-0-9.]+% lost\\)", 1, 7, lost, per) }
    /^mean check time/ { sum($0, "[0-9.]+ us", 0, 3, check, unused) }
    END {
      printf "lost per JVM: one word%s; PII + words%s; PII + words, prompt of no PII%s\n", per[1], per[2], per[3]
      printf "mean of %d JVMs, throughput lost: one-word guardrail %.1f%%; PII + words guardrail %.1f%%; the same, prompt of no PII %.1f%%\n",
        n, lost[1] / n, lost[2] / n, lost[3] / n
      printf "mean of %d JVMs, check time per guarded call: one word %.2f us; PII + words %.2f us; prompt of no PII %.2f us\n",
        n, check[1] / n, check[2] / n, check[3] / n }'
  exit 0
fi
source "$ROOT/bench/lib.sh"
UPSTREAM_PORT=${BENCH_UPSTREAM_PORT:-4411} PROXY_PORT=${BENCH_PROXY_PORT:-4412} SLUICE_PORT=${BENCH_SLUICE_PORT:-4410}
export UPSTREAM_PORT SLUICE_PORT
source "$ROOT/scripts/jdk.sh"
bench_need nginx wrk
JAR="$ROOT/sluice-app/target/sluice-app-0.1.0-SNAPSHOT.jar"
[ -f "$JAR" ] || { echo "bench: $JAR is missing: mvn -o -q package -DskipTests -pl sluice-app -am"; exit 2; }
bench_ports_free "$SLUICE_PORT"
bench_start_nginx "$OUT"
CONFIG="$OUT/sluice-guarded.yaml"
{ [ "${BENCH_LEDGER:-off}" = "on" ] || echo "storage: none"; cat "$ROOT/bench/sluice-bench.yaml"; cat <<'YAML'
  - name: bench-guarded
    provider: canned
    upstream_model: gpt-4o-mini
    guardrail: {id: bench, version: 1}
  - name: bench-words
    provider: canned
    upstream_model: gpt-4o-mini
    guardrail: {id: words, version: 1}
guardrails:
  definitions:
    - id: words
      name: words
      blocked_input_messaging: Blocked.
      blocked_outputs_messaging: Withheld.
      word_policy_config: {words_config: [{text: project falcon}]}
    - id: bench
      name: bench
      blocked_input_messaging: Blocked.
      blocked_outputs_messaging: Withheld.
      sensitive_information_policy_config:
        pii_entities_config:
          - {type: EMAIL, action: ANONYMIZE}
          - {type: PHONE, action: ANONYMIZE}
          - {type: CREDIT_DEBIT_CARD_NUMBER, action: BLOCK}
          - {type: US_SOCIAL_SECURITY_NUMBER, action: BLOCK}
          - {type: IP_ADDRESS, action: ANONYMIZE}
          - {type: AWS_ACCESS_KEY, action: BLOCK}
      word_policy_config:
        words_config: [{text: project falcon}]
        managed_word_lists_config: [{type: PROFANITY}]
YAML
} > "$CONFIG"
"$JAVA_HOME/bin/java" ${SLUICE_JAVA_OPTS:--Xmx768m} -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -jar "$JAR" serve --config "$CONFIG" --data "$OUT/data" > "$OUT/sluice.log" 2>&1 &
SLUICE=$!
cleanup() { kill $SLUICE 2>/dev/null || true; kill $NGINX 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$SLUICE_PORT/health" >/dev/null \
  || { echo "bench: sluice did not start"; cat "$OUT/sluice.log"; exit 1; }
body() { # the run's key: a model, or bench-clean (the PII guardrail's model with a prompt of no PII, as long)
  local model="$1" prompt="What is the capital of France? Write to ann@example.com or call 555-201-3344."
  if [ "$1" = bench-clean ]; then
    model=bench-guarded prompt="What is the capital of France? Write a short answer and keep it to one line."
  fi
  echo '{"model":"'"$model"'","messages":[{"role":"system","content":"You are terse."},'\
'{"role":"user","content":"'"$prompt"'"}],"max_tokens":64}'
}
HZ=$(bench_hz)
checks() { # the sum (s) and count of sluice_guardrail_duration, the guarded calls' check time as Sluice times it
  curl -sf "http://127.0.0.1:$SLUICE_PORT/metrics" | awk '/^sluice_guardrail_duration_seconds_sum/ {s = $2}
    /^sluice_guardrail_duration_seconds_count/ {n = $2} END {printf "%.9f %d", s, n}'
}
run() { # label model seconds: wrk's RESULT line plus cpu_us, the Sluice JVM's CPU time per call (user + system),
  # which a shared machine disturbs far less than req/s, and check_us, the guardrail's checks per guarded call as
  # Sluice times them on the loop (its sluice_guardrail_duration timer; 0 with no guardrail); and ctx and ipi, the
  # Sluice threads' context switches and the machine's rescheduling and call-function interrupts per call: on these
  # 2-vCPU VMs they rise when Sluice spends longer per call (its peers, wrk and nginx, sleep more and are woken more),
  # which adds kernel time to every extra microsecond of Java
  local t0 t1 c0 c1 x0 x1 i0 i1 line
  c0=$(checks)
  t0=$(proc_ticks "$SLUICE") x0=$(proc_ctx "$SLUICE") i0=$(machine_ipis)
  line="$(BENCH_BODY="$(body "$2")" wrk -t2 -c32 -d"$3"s --timeout 10s -s "$ROOT/bench/chat.lua" \
    "http://127.0.0.1:$SLUICE_PORT/v1/chat/completions" 2>&1 | grep RESULT | sed "s/^RESULT/$1/")"
  t1=$(proc_ticks "$SLUICE") x1=$(proc_ctx "$SLUICE") i1=$(machine_ipis)
  c1=$(checks)
  echo "$line $(echo "$line" | awk -v t=$((t1 - t0)) -v hz="$HZ" -v x=$((x1 - x0)) -v ipi=$((i1 - i0)) '{
    for (i = 1; i <= NF; i++) if ($i ~ /^requests=/) { split($i, kv, "="); n = kv[2] }
    if (n == 0) n = 1
    printf "cpu_us=%.1f ctx=%.3f ipi=%.3f", t * 1e6 / hz / n, x / n, ipi / n }') check_us=$(echo "$c0 $c1" | awk '{
    printf "%.2f", ($4 > $2 ? ($3 - $1) * 1e6 / ($4 - $2) : 0) }')"
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
if [ -n "$PROFILE" ] && [ -n "${ASPROF_LIB:-}" ]; then
  # async-profiler (ASPROF_LIB: its libasyncProfiler.so) instead of JFR: CPU samples every 1 ms, as collapsed stacks
  # per model (bench/out/guarded/MODEL.collapsed, the models comma-separated), all from one JVM, so that a guarded
  # model's stacks can be set against the plain one's; each file's total samples over its calls is CPU per call
  for m in ${PROFILE//,/ }; do run warm "$m" 10 >/dev/null; done
  for m in ${PROFILE//,/ }; do
    "$JAVA_HOME/bin/jcmd" "$SLUICE" JVMTI.agent_load "$ASPROF_LIB" "\"start,event=cpu,interval=1ms\"" >/dev/null
    line="$(run "$m" "$m" "$DUR")"; echo "$line"
    "$JAVA_HOME/bin/jcmd" "$SLUICE" JVMTI.agent_load "$ASPROF_LIB" "\"stop,collapsed,file=$OUT/$m.collapsed\"" >/dev/null
    echo "$m: $(awk '{s += $NF} END {print s}' "$OUT/$m.collapsed") samples of 1 ms in $OUT/$m.collapsed"
  done
  exit 0
fi
if [ -n "$PROFILE" ]; then
  echo "bench: warming up $PROFILE"
  run warm "$PROFILE" 10 >/dev/null
  "$JAVA_HOME/bin/jcmd" "$SLUICE" JFR.start name=guarded settings=profile filename="$OUT/profile.jfr" >/dev/null
  run "$PROFILE" "$PROFILE" "$DUR"
  "$JAVA_HOME/bin/jcmd" "$SLUICE" JFR.stop name=guarded >/dev/null
  for view in hot-methods allocation-by-site; do
    echo; "$JAVA_HOME/bin/jfr" view --width 180 "$view" "$OUT/profile.jfr" | head -45
  done
  exit 0
fi
echo "bench: warming up"
# twice 8 s per model, in turns: with 5 s once, the first measured round of a guarded model still ran the JIT on this
# VM (one word: 172 us of CPU per call in round 1, 49-63 us in rounds 2 and 3)
RUNS="bench bench-words bench-guarded bench-clean"
for _ in 1 2; do for m in $RUNS; do run warm "$m" 8 >/dev/null; done; done
declare -A SUM CPU CHECK RPS CTX IPI
for m in $RUNS; do SUM[$m]=0 CPU[$m]=0 CHECK[$m]=0 CTX[$m]=0 IPI[$m]=0; done
ROUND_WORDS="" ROUND_PII="" ROUND_CLEAN=""
for r in $(seq 1 "$ROUNDS"); do
  for m in $RUNS; do
    line="$(run "$m#$r" "$m" "$DUR")"; echo "$line"
    RPS[$m]="$(field "$line" rps)"
    SUM[$m]=$(awk -v s="${SUM[$m]}" -v x="${RPS[$m]}" 'BEGIN {print s + x}')
    CPU[$m]=$(awk -v s="${CPU[$m]}" -v x="$(field "$line" cpu_us)" 'BEGIN {print s + x}')
    CHECK[$m]=$(awk -v s="${CHECK[$m]}" -v x="$(field "$line" check_us)" 'BEGIN {print s + x}')
    CTX[$m]=$(awk -v s="${CTX[$m]}" -v x="$(field "$line" ctx)" 'BEGIN {print s + x}')
    IPI[$m]=$(awk -v s="${IPI[$m]}" -v x="$(field "$line" ipi)" 'BEGIN {print s + x}')
  done
  # each round's own loss, against the round's no-guardrail run: how far apart rounds of one build fall
  ROUND_WORDS="$ROUND_WORDS $(awk -v p="${RPS[bench]}" -v x="${RPS[bench-words]}" 'BEGIN {printf "%.1f%%", (1 - x/p) * 100}')"
  ROUND_PII="$ROUND_PII $(awk -v p="${RPS[bench]}" -v x="${RPS[bench-guarded]}" 'BEGIN {printf "%.1f%%", (1 - x/p) * 100}')"
  ROUND_CLEAN="$ROUND_CLEAN $(awk -v p="${RPS[bench]}" -v x="${RPS[bench-clean]}" 'BEGIN {printf "%.1f%%", (1 - x/p) * 100}')"
done
echo "lost per round: one word$ROUND_WORDS; PII + words$ROUND_PII; PII + words, prompt of no PII$ROUND_CLEAN"
awk -v p="${SUM[bench]}" -v w="${SUM[bench-words]}" -v g="${SUM[bench-guarded]}" -v c="${SUM[bench-clean]}" -v n="$ROUNDS" 'BEGIN {
  fmt = "mean req/s: no guardrail %.0f; one-word guardrail %.0f (%.1f%% lost); "
  printf fmt "PII + words guardrail %.0f (%.1f%% lost); the same, prompt of no PII %.0f (%.1f%% lost)\n",
    p/n, w/n, (1 - w/p) * 100, g/n, (1 - g/p) * 100, c/n, (1 - c/p) * 100}'
awk -v p="${CPU[bench]}" -v w="${CPU[bench-words]}" -v g="${CPU[bench-guarded]}" -v c="${CPU[bench-clean]}" -v n="$ROUNDS" 'BEGIN {
  printf "mean Sluice CPU us/call: no guardrail %.1f; one-word guardrail %.1f (+%.1f); PII + words guardrail %.1f (+%.1f); prompt of no PII %.1f (+%.1f)\n",
    p/n, w/n, (w - p)/n, g/n, (g - p)/n, c/n, (c - p)/n
  if (w > 0 && g > 0 && c > 0) printf "throughput lost if CPU-bound (1 - no-guardrail/guarded CPU): one word %.1f%%, PII + words %.1f%%, prompt of no PII %.1f%%\n",
    (1 - p/w) * 100, (1 - p/g) * 100, (1 - p/c) * 100}'
awk -v w="${CHECK[bench-words]}" -v g="${CHECK[bench-guarded]}" -v c="${CHECK[bench-clean]}" -v n="$ROUNDS" 'BEGIN {
  printf "mean check time per guarded call, as Sluice times it: one word %.2f us; PII + words %.2f us; prompt of no PII %.2f us\n", w/n, g/n, c/n}'
for m in $RUNS; do
  printf "%s" "$m: $(awk -v x="${CTX[$m]}" -v i="${IPI[$m]}" -v n="$ROUNDS" 'BEGIN {printf "%.3f ctx, %.3f ipi", x/n, i/n}'); "
done | sed 's/; $/\n/' | sed 's/^/mean Sluice context switches and machine IPIs per call: /'
