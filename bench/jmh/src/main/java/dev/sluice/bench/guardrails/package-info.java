/** JMH benchmarks of guardrail checks (issue 16's speed target); run by bench/guardrails-jmh.sh, never by tests. */
package dev.sluice.bench.guardrails;
