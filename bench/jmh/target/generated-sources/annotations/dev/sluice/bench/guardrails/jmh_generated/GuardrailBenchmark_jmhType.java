package dev.sluice.bench.guardrails.jmh_generated;
public class GuardrailBenchmark_jmhType extends GuardrailBenchmark_jmhType_B3 {
}

