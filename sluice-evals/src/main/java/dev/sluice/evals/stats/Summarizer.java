package dev.sluice.evals.stats;

import dev.sluice.evals.run.CaseResult;
import dev.sluice.evals.run.EvalRun;
import dev.sluice.evals.run.MetricInfo;
import dev.sluice.evals.spi.Score;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes {@link RunSummary}s. Deterministic for a given seed; thread-safe.
 *
 * @param seed seeds every bootstrap and permutation draw
 * @param minEffect the smallest regression the gate cares about (metric units), for flags and power warnings
 * @param alpha significance level of the regression test
 */
public record Summarizer(long seed, double minEffect, double alpha) {

    static final int RESAMPLES = 2000;
    static final double LEVEL = 0.95;

    public static Summarizer standard() {
        return new Summarizer(20_251_128L, 0.05, 0.05);
    }

    public RunSummary summarize(EvalRun run, EvalRun baseline) {
        List<TargetSummary> targets = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String target : run.manifest().targets().keySet()) {
            targets.add(target(run, target, warnings));
        }
        List<Comparison> comparisons = baseline == null ? List.of() : Comparisons.compare(this, run, baseline, warnings);
        return new RunSummary(run, targets, baseline == null ? null : baseline.manifest().runId(), comparisons,
                warnings);
    }

    private TargetSummary target(EvalRun run, String target, List<String> warnings) {
        List<CaseResult> rs = run.results().stream().filter(r -> r.target().equals(target)).toList();
        List<CaseResult> ok = rs.stream().filter(r -> r.error() == null).toList();
        double[] latency = ok.stream().mapToDouble(CaseResult::latencyMs).toArray();
        double[] ttft = ok.stream().filter(r -> r.ttftMs() >= 0).mapToDouble(CaseResult::ttftMs).toArray();
        double cost = rs.stream().mapToDouble(CaseResult::costUsd).sum();
        Map<String, MetricSummary> metrics = new LinkedHashMap<>();
        for (MetricInfo m : run.manifest().metrics()) {
            MetricSummary s = metric(rs, m);
            metrics.put(m.name(), s);
            if (s.errors() > 0) {
                warnings.add(target + " / " + m.name() + ": " + s.errors() + " case(s) could not be scored");
            }
        }
        if (rs.size() > ok.size()) {
            warnings.add(target + ": " + (rs.size() - ok.size()) + " call(s) failed after retries");
        }
        return new TargetSummary(target, rs.size(), rs.size() - ok.size(), Stats.percentile(latency, 0.5),
                Stats.percentile(latency, 0.95), Stats.mean(ttft), cost, metrics,
                (int) rs.stream().filter(CaseResult::cached).count());
    }

    MetricSummary metric(List<CaseResult> rs, MetricInfo m) {
        List<Double> values = new ArrayList<>();
        int errors = 0;
        int passed = 0;
        Map<String, List<double[]>> byCategory = new TreeMap<>();
        for (CaseResult r : rs) {
            Score s = r.scores().get(m.name());
            boolean pass = s != null && s.ok() && m.passes(s.value());
            if (s == null || !s.ok()) {
                errors++;
            } else {
                values.add(s.value());
            }
            passed += pass ? 1 : 0;
            byCategory.computeIfAbsent(r.category() == null ? "-" : r.category(), k -> new ArrayList<>())
                    .add(new double[] {s != null && s.ok() ? s.value() : Double.NaN, pass ? 1 : 0});
        }
        double[] xs = values.stream().mapToDouble(Double::doubleValue).toArray();
        int n = rs.size();
        Map<String, MetricSummary.CategoryStat> cats = new LinkedHashMap<>();
        byCategory.forEach((cat, list) -> cats.put(cat, new MetricSummary.CategoryStat(list.size(),
                Stats.mean(list.stream().mapToDouble(a -> a[0]).filter(v -> !Double.isNaN(v)).toArray()),
                list.stream().mapToDouble(a -> a[1]).average().orElse(Double.NaN))));
        return new MetricSummary(m.name(), xs.length, errors, Stats.mean(xs),
                Stats.meanInterval(xs, LEVEL, RESAMPLES, seed ^ m.name().hashCode()), passed,
                n == 0 ? Double.NaN : (double) passed / n, Stats.wilsonCc(passed, n, LEVEL), cats);
    }
}
