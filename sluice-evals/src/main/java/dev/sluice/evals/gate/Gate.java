package dev.sluice.evals.gate;

import dev.sluice.evals.run.MetricInfo;
import dev.sluice.evals.stats.Comparison;
import dev.sluice.evals.stats.MetricSummary;
import dev.sluice.evals.stats.RunSummary;
import dev.sluice.evals.stats.TargetSummary;
import dev.sluice.evals.suite.GateRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks gate rules. Metric and latency rules apply to every target; the cost rule to the run's total; the regression
 * rule to every comparison with the baseline (it passes, with a note, when no baseline was given). {@code
 * no_regression} is a non-inferiority rule: it holds only when the data show the current run is not worse than the
 * baseline by {@code min_effect} or more (the upper confidence bound of the drop is below it, with at least 10
 * pairs), so too few pairs fail it rather than pass it. Stateless.
 */
public final class Gate {

    public GateVerdict evaluate(List<GateRule> rules, RunSummary summary) {
        List<RuleResult> out = new ArrayList<>();
        for (GateRule rule : rules) {
            switch (rule) {
                case GateRule.MinMean r -> summary.targets().forEach(t -> out.add(minMean(r, t)));
                case GateRule.MinPassRate r -> summary.targets().forEach(t -> out.add(minPassRate(r, t)));
                case GateRule.MaxP95Latency r -> summary.targets().forEach(t -> out.add(maxLatency(r, t)));
                case GateRule.MaxCost r -> out.add(maxCost(r, summary));
                case GateRule.NoRegression r -> out.addAll(noRegression(r, summary));
            }
        }
        return new GateVerdict(out);
    }

    private static RuleResult minMean(GateRule.MinMean r, TargetSummary t) {
        MetricSummary m = t.metrics().get(r.metric());
        String rule = f("min_mean(%s) >= %.3f [%s]", r.metric(), r.min(), t.target());
        if (m == null || Double.isNaN(m.mean())) {
            return new RuleResult(rule, false, "no scored cases");
        }
        boolean ok = m.mean() >= r.min();
        return new RuleResult(rule, ok, ok ? f("mean %.3f", m.mean())
                : f("mean %.3f is %.3f below the minimum %.3f", m.mean(), r.min() - m.mean(), r.min()));
    }

    private static RuleResult minPassRate(GateRule.MinPassRate r, TargetSummary t) {
        MetricSummary m = t.metrics().get(r.metric());
        String rule = f("min_pass_rate(%s) >= %.1f%% [%s]", r.metric(), 100 * r.min(), t.target());
        if (m == null || Double.isNaN(m.passRate())) {
            return new RuleResult(rule, false, "no cases");
        }
        boolean ok = m.passRate() >= r.min();
        return new RuleResult(rule, ok, ok ? f("pass rate %.1f%%", 100 * m.passRate())
                : f("pass rate %.1f%% is %.1f points below the minimum %.1f%%", 100 * m.passRate(),
                100 * (r.min() - m.passRate()), 100 * r.min()));
    }

    private static RuleResult maxLatency(GateRule.MaxP95Latency r, TargetSummary t) {
        String rule = f("max_p95_latency_ms <= %.0f [%s]", r.maxMs(), t.target());
        if (Double.isNaN(t.p95LatencyMs())) {
            return new RuleResult(rule, false, "no successful calls to measure");
        }
        boolean ok = t.p95LatencyMs() <= r.maxMs();
        return new RuleResult(rule, ok, ok ? f("p95 %.0f ms", t.p95LatencyMs())
                : f("p95 %.0f ms is %.0f ms over the maximum %.0f ms", t.p95LatencyMs(), t.p95LatencyMs() - r.maxMs(),
                r.maxMs()));
    }

    private static RuleResult maxCost(GateRule.MaxCost r, RunSummary s) {
        double cost = s.targets().stream().mapToDouble(TargetSummary::totalCostUsd).sum();
        boolean ok = cost <= r.maxUsd();
        return new RuleResult(f("max_cost_usd <= %.4f", r.maxUsd()), ok, ok ? f("cost $%.4f", cost)
                : f("cost $%.4f is $%.4f over the maximum $%.4f", cost, cost - r.maxUsd(), r.maxUsd()));
    }

    private static List<RuleResult> noRegression(GateRule.NoRegression r, RunSummary s) {
        if (s.baselineRunId() == null) {
            return List.of(new RuleResult("no_regression", true, "no baseline given: nothing to compare"));
        }
        List<RuleResult> out = new ArrayList<>();
        for (Comparison c : s.comparisons()) {
            if (!applies(r, c, s)) {
                continue;
            }
            String rule = f("no_regression(%s) vs %s [%s]", c.metric(), s.baselineRunId(), c.target());
            String measured = f("diff %+.3f (95%% CI %+.3f..%+.3f), p=%.4f, %d pairs", c.meanDiff(), c.diffCi().low(),
                    c.diffCi().high(), c.pValue(), c.pairs());
            double minEffect = c.minEffect();
            String verdict;
            if (c.nonInferior()) {
                verdict = f("not worse by %.3f or more: the drop is at most %+.3f (upper bound); ", minEffect,
                        c.dropUpper()) + measured;
            } else if (c.pairsNeeded() < 0) {
                verdict = f("worse: the drop could be as large as %.3f, over min_effect %.3f; ", c.dropUpper(),
                        minEffect) + measured;
            } else {
                verdict = f("not shown to be within min_effect %.3f: the drop could be as large as %.3f; about %d "
                        + "pairs like these are needed to show it; ", minEffect, c.dropUpper(), c.pairsNeeded())
                        + measured;
            }
            out.add(new RuleResult(rule, c.nonInferior(), verdict));
        }
        return out;
    }

    private static boolean applies(GateRule.NoRegression r, Comparison c, RunSummary s) {
        if (!r.metrics().isEmpty()) {
            return r.metrics().contains(c.metric());
        }
        return s.run().manifest().metrics().stream().filter(m -> m.name().equals(c.metric()))
                .anyMatch(MetricInfo::higherIsBetter);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
