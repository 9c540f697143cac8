package dev.sluice.evals.stats;

import java.util.SplittableRandom;

/** Tests for paired samples (the same cases scored in two runs). Stateless and thread-safe. */
public final class PairedTests {

    /** Up to this many pairs the sign-flip test enumerates all 2^n sign patterns exactly. */
    static final int EXACT_LIMIT = 16;

    private PairedTests() { }

    /**
     * Two-sided paired sign-flip permutation test of mean difference zero: under the null each difference is equally
     * likely to have either sign. Exact for small n, else Monte Carlo with {@code resamples} seeded draws (the
     * p-value then counts the observed pattern, so it is never 0). Returns 1 for no pairs or all-zero differences.
     */
    public static double signFlipP(double[] diffs, int resamples, long seed) {
        int n = diffs.length;
        double observed = Math.abs(sum(diffs));
        if (n == 0 || observed == 0) {
            return 1.0;
        }
        double tolerance = 1e-9 * Math.max(1, observed);
        if (n <= EXACT_LIMIT) {
            long extreme = 0;
            long patterns = 1L << n;
            for (long mask = 0; mask < patterns; mask++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (mask >> i & 1) == 1 ? -diffs[i] : diffs[i];
                }
                if (Math.abs(s) >= observed - tolerance) {
                    extreme++;
                }
            }
            return (double) extreme / patterns;
        }
        SplittableRandom random = new SplittableRandom(seed);
        long extreme = 0;
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (double d : diffs) {
                s += random.nextBoolean() ? -d : d;
            }
            if (Math.abs(s) >= observed - tolerance) {
                extreme++;
            }
        }
        return (extreme + 1.0) / (resamples + 1.0);
    }

    /**
     * Exact McNemar test (two-sided binomial test on the discordant pairs): {@code b} pairs passed only in one run,
     * {@code c} only in the other. Returns 1 when there are no discordant pairs.
     */
    public static double mcNemarExactP(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return 1.0;
        }
        int k = Math.min(b, c);
        double logHalfN = n * Math.log(0.5);
        double tail = 0;
        for (int i = 0; i <= k; i++) {
            tail += Math.exp(logChoose(n, i) + logHalfN);
        }
        return Math.min(1.0, 2 * tail);
    }

    /**
     * The smallest true mean difference a two-sided test at {@code alpha} detects with probability {@code power},
     * for n pairs whose differences have standard deviation {@code sd} (normal approximation).
     */
    public static double minimumDetectableEffect(double sd, int n, double alpha, double power) {
        if (n == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return (Normal.quantile(1 - alpha / 2) + Normal.quantile(power)) * sd / Math.sqrt(n);
    }

    private static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }

    private static double logChoose(int n, int k) {
        double r = 0;
        for (int i = 1; i <= k; i++) {
            r += Math.log(n - k + i) - Math.log(i);
        }
        return r;
    }
}
