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
        int both = 0;
        int lost = 0;
        int gained = 0;
        int neither = 0;
        for (double[] x : pairs) {
            if (x[0] == 1 && x[1] == 1) {
                both++;
            } else if (x[0] == 1) {
                lost++;
            } else if (x[1] == 1) {
                gained++;
            } else {
                neither++;
            }
        }
        double p = binary ? PairedTests.mcNemarExactP(lost, gained)
                : PairedTests.signFlipP(diffs, 10_000, s.seed() ^ m.name().hashCode());
        double meanDiff = n == 0 ? Double.NaN : Stats.mean(diffs);
        double goodDiff = m.higherIsBetter() ? meanDiff : -meanDiff;
        boolean regression = n > 0 && goodDiff < 0 && p < s.alpha() && -goodDiff >= s.minEffect();
        double sd = Stats.sd(diffs);
        double mde = PairedTests.minimumDetectableEffect(sd, n, s.alpha(), 0.8);
        boolean underpowered = n < MIN_PAIRS || mde > s.minEffect();
        if (n < MIN_PAIRS) {
            warnings.add(String.format("%s / %s: only %d pairs with the baseline; at least %d are needed to judge a "
                    + "change", target, m.name(), n, MIN_PAIRS));
        } else if (mde > s.minEffect() && m.higherIsBetter()) {
            warnings.add(String.format("%s / %s: with %d pairs, a real drop smaller than %.3f would likely go "
                    + "unnoticed (power 0.8, alpha %.2f); the gate's min_effect is %.3f", target, m.name(), n, mde,
                    s.alpha(), s.minEffect()));
        }
        // non-inferiority: the upper bound (one-sided, 1 - alpha) of the drop must be below min_effect
        double oneSided = 1 - 2 * s.alpha();
        double dropUpper = dropUpper(binary, both, lost, gained, neither, diffs, n, m.higherIsBetter(), oneSided);
        boolean nonInferior = n >= MIN_PAIRS && dropUpper < s.minEffect();
        int needed = nonInferior ? n : pairsNeeded(binary, both, lost, gained, neither, diffs, n,
                m.higherIsBetter(), oneSided, s.minEffect());
        Interval ci = binary ? Stats.pairedDifference(both, lost, gained, neither, Summarizer.LEVEL)
                : Stats.tInterval(diffs, Summarizer.LEVEL);
        return new Comparison(target, baseTarget, m.name(), n, Stats.mean(pairs.stream().mapToDouble(x -> x[0])
                .toArray()), Stats.mean(pairs.stream().mapToDouble(x -> x[1]).toArray()), meanDiff, ci, binary, p,
                regression, mde, underpowered, dropUpper, nonInferior, needed, s.minEffect());
    }

    /** The upper confidence bound of the drop (how much worse the current run is), in metric units. */
    private static double dropUpper(boolean binary, double both, double lost, double gained, double neither,
                                    double[] diffs, int n, boolean higherIsBetter, double level) {
        if (n == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (binary) {
            Interval d = Stats.pairedDifference(both, lost, gained, neither, level);
            return higherIsBetter ? -d.low() : d.high();
        }
        if (n == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double drop = higherIsBetter ? -Stats.mean(diffs) : Stats.mean(diffs);
        return drop + Normal.studentQuantile(level + (1 - level) / 2, n - 1) * Stats.sd(diffs) / Math.sqrt(n);
    }

    /**
     * How many pairs would show non-inferiority if they behaved as these did (the same proportions, or the same mean
     * and spread); -1 when no number would, because the drop measured is itself min_effect or more.
     */
    private static int pairsNeeded(boolean binary, int both, int lost, int gained, int neither, double[] diffs, int n,
                                   boolean higherIsBetter, double level, double minEffect) {
        if (n == 0) {
            return -1;
        }
        double drop = higherIsBetter ? -Stats.mean(diffs) : Stats.mean(diffs);
        if (drop >= minEffect) {
            return -1;
        }
        for (int m = Math.max(n + 1, MIN_PAIRS); m <= 1_000_000; m = m < 64 ? m + 1 : (int) (m * 1.1)) {
            double f = (double) m / n;
            double upper;
            if (binary) {
                Interval d = Stats.pairedDifference(both * f, lost * f, gained * f, neither * f, level);
                upper = higherIsBetter ? -d.low() : d.high();
            } else {
                upper = drop + Normal.studentQuantile(level + (1 - level) / 2, m - 1) * Stats.sd(diffs)
                        / Math.sqrt(m);
            }
            if (upper < minEffect) {
                return m;
            }
        }
        return -1;
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
