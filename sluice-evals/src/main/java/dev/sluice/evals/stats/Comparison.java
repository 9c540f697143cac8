package dev.sluice.evals.stats;

/**
 * A metric of one target against the baseline on the cases both runs scored.
 *
 * @param meanDiff mean of (current - baseline)
 * @param diffCi 95% interval of {@code meanDiff}: Newcombe's paired score interval for pass/fail metrics, Student's t
 *               otherwise
 * @param pValue two-sided p-value: exact McNemar for pass/fail metrics ({@code binary}), else a paired sign-flip
 *               permutation test
 * @param regression significantly worse (p below alpha) by at least the gate's minimum effect
 * @param mde minimum detectable effect at alpha with power 0.8 for this many pairs
 * @param underpowered {@code mde} exceeds the gate's minimum effect, or fewer than 10 pairs: a real regression of
 *                     that size could go unnoticed
 * @param dropUpper the upper confidence bound (one-sided, 1 - alpha) of how much worse the current run is, in the
 *                  metric's units
 * @param nonInferior shown not worse by min_effect or more: at least 10 pairs and {@code dropUpper} below it
 * @param pairsNeeded when not shown, how many pairs behaving like these would show it; -1 when no number would
 *                    (the drop measured is min_effect or more)
 * @param minEffect the smallest drop that counts as a regression, in the metric's units
 */
public record Comparison(String target, String baselineTarget, String metric, int pairs, double baselineMean,
                         double currentMean, double meanDiff, Interval diffCi, boolean binary, double pValue,
                         boolean regression, double mde, boolean underpowered, double dropUpper, boolean nonInferior,
                         int pairsNeeded, double minEffect) { }
