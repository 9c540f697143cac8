package dev.sluice.evals.stats;

/**
 * A metric of one target against the baseline on the cases both runs scored.
 *
 * @param meanDiff mean of (current - baseline)
 * @param diffCi 95% bootstrap interval of {@code meanDiff}
 * @param pValue two-sided p-value: exact McNemar for pass/fail metrics ({@code binary}), else a paired sign-flip
 *               permutation test
 * @param regression significantly worse (p below alpha) by at least the gate's minimum effect
 * @param mde minimum detectable effect at alpha with power 0.8 for this many pairs
 * @param underpowered {@code mde} exceeds the gate's minimum effect, or fewer than 10 pairs: a real regression of
 *                     that size could go unnoticed
 */
public record Comparison(String target, String baselineTarget, String metric, int pairs, double baselineMean,
                         double currentMean, double meanDiff, Interval diffCi, boolean binary, double pValue,
                         boolean regression, double mde, boolean underpowered) { }
