package dev.sluice.evals.report;

import dev.sluice.evals.run.CaseResult;
import dev.sluice.evals.run.EvalRun;
import dev.sluice.evals.run.MetricInfo;
import dev.sluice.evals.run.RunManifest;
import dev.sluice.evals.spi.Score;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built runs for report tests. */
final class Runs {

    private Runs() { }

    static EvalRun sample() {
        RunManifest m = new RunManifest("run-1", "support & <faq>", "sha256:aa", "cases.jsonl", "sha256:bb", null,
                Map.of("small", Map.of("model", "m")), List.of(new MetricInfo("exact_match", "exact_match", 1, true),
                new MetricInfo("latency_ms", "latency_ms", 500, false)), 4, Instant.parse("2026-01-02T03:04:05.678Z"),
                Instant.parse("2026-01-02T03:05:00Z"));
        return new EvalRun(m, List.of(
                result("q1", "ok \"quoted\" <b>", Score.of(1), Score.of(120), null),
                result("q2", "wrong \u0001 control", Score.of(0), Score.of(900), null),
                result("q3", null, Score.failed("no output: HTTP 500"), Score.failed("no output: HTTP 500"),
                        "target 'small' answered HTTP 500"),
                result("q4", "fine", Score.failed("judge answer has no score"), Score.of(100), null)));
    }

    private static CaseResult result(String id, String output, Score exact, Score latency, String error) {
        return new CaseResult(id, "small", 0, "cat", "prompt " + id, output, error, 100, 20, 5, 5, 0.001, false,
                Map.of("exact_match", exact, "latency_ms", latency));
    }
}
