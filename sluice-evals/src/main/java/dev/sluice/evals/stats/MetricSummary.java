package dev.sluice.evals.stats;

import java.util.Map;

/**
 * One metric on one target.
 *
 * @param scored cases with a score; {@code errors} cases could not be scored (they count as failures in the pass rate)
 * @param meanCi 95% percentile-bootstrap interval of the mean
 * @param passCi 95% Wilson interval of the pass rate, over scored + errors
 * @param byCategory per category of the dataset ("-" for cases without one), sorted by name
 */
public record MetricSummary(String metric, int scored, int errors, double mean, Interval meanCi, int passed,
                            double passRate, Interval passCi, Map<String, CategoryStat> byCategory) {

    /** A category's share of one metric. */
    public record CategoryStat(int n, double mean, double passRate) { }
}
