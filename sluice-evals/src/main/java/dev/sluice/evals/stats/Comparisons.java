package dev.sluice.evals.stats;

import dev.sluice.evals.run.CaseResult;
import dev.sluice.evals.run.EvalRun;
import dev.sluice.evals.run.MetricInfo;
import dev.sluice.evals.spi.Score;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Paired comparison of a run with a baseline. Results are paired by case id and repeat; targets are matched by name,
 * or, when the baseline has a single target, every current target is compared with it (model A vs model B).
 */
final class Comparisons {

    private static final int MIN_PAIRS = 10;

    private Comparisons() { }

    static List<Comparison> compare(Summarizer s, EvalRun run, EvalRun baseline, List<String> warnings) {
        List<Comparison> out = new ArrayList<>();
        Set<String> baseTargets = baseline.manifest().targets().keySet();
        Map<String, MetricInfo> baseMetrics = new HashMap<>();
        baseline.manifest().metrics().forEach(m -> baseMetrics.put(m.name(), m));
        for (String target : run.manifest().targets().keySet()) {
            String baseTarget = baseTargets.contains(target) ? target
                    : baseTargets.size() == 1 ? baseTargets.iterator().next() : null;
            if (baseTarget == null) {
                warnings.add(target + ": the baseline has no target of that name; not compared");
                continue;
            }
            for (MetricInfo m : run.manifest().metrics()) {
                if (!baseMetrics.containsKey(m.name())) {
                    warnings.add(m.name() + ": not in the baseline; not compared");
                    continue;
                }
                out.add(compareMetric(s, run, baseline, target, baseTarget, m, warnings));
            }
        }
        return out;
    }

    private static Comparison compareMetric(Summarizer s, EvalRun run, EvalRun baseline, String target,
                                            String baseTarget, MetricInfo m, List<String> warnings) {
        Map<String, Double> base = scores(baseline.results(), baseTarget, m.name());
        Map<String, Double> cur = scores(run.results(), target, m.name());
        List<double[]> pairs = new ArrayList<>();
        cur.forEach((key, v) -> {
            Double b = base.get(key);
            if (b != null) {
                pairs.add(new double[] {b, v});
            }
        });
        int n = pairs.size();
        double[] diffs = pairs.stream().mapToDouble(p -> p[1] - p[0]).toArray();
        boolean binary = pairs.stream().allMatch(p -> isBit(p[0]) && isBit(p[1]));
        double p;
        if (binary) {
            int worse = (int) pairs.stream().filter(x -> x[0] == 1 && x[1] == 0).count();
            int better = (int) pairs.stream().filter(x -> x[0] == 0 && x[1] == 1).count();
            p = PairedTests.mcNemarExactP(worse, better);
        } else {
            p = PairedTests.signFlipP(diffs, 10_000, s.seed() ^ m.name().hashCode());
        }
        double meanDiff = n == 0 ? Double.NaN : Stats.mean(diffs);
        double goodDiff = m.higherIsBetter() ? meanDiff : -meanDiff;
        boolean regression = n > 0 && goodDiff < 0 && p < s.alpha() && -goodDiff >= s.minEffect();
        double mde = PairedTests.minimumDetectableEffect(Stats.sd(diffs), n, s.alpha(), 0.8);
        boolean underpowered = n < MIN_PAIRS || mde > s.minEffect();
        if (underpowered && m.higherIsBetter()) {
            warnings.add(String.format("%s / %s: %d pairs can only detect a change of %.3f or more (power 0.8, "
                    + "alpha %.2f); the gate cares about %.3f", target, m.name(), n, mde, s.alpha(), s.minEffect()));
        }
        return new Comparison(target, baseTarget, m.name(), n, Stats.mean(pairs.stream().mapToDouble(x -> x[0])
                .toArray()), Stats.mean(pairs.stream().mapToDouble(x -> x[1]).toArray()), meanDiff,
                Stats.bootstrapMean(diffs, Summarizer.LEVEL, Summarizer.RESAMPLES, s.seed() ^ 31L * m.name().hashCode()),
                binary, p, regression, mde, underpowered);
    }

    private static Map<String, Double> scores(List<CaseResult> results, String target, String metric) {
        Map<String, Double> out = new HashMap<>();
        for (CaseResult r : results) {
            Score sc = r.scores().get(metric);
            if (r.target().equals(target) && sc != null && sc.ok()) {
                out.put(r.pairKey(), sc.value());
            }
        }
        return out;
    }

    private static boolean isBit(double v) {
        return v == 0.0 || v == 1.0;
    }
}
