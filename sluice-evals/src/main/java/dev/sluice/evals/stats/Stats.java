package dev.sluice.evals.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Descriptive statistics and confidence intervals. Stateless and thread-safe; randomness only from the seed given. */
public final class Stats {

    private Stats() { }

    public static double mean(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    /** Sample standard deviation (n - 1); 0 for fewer than two values. */
    public static double sd(double[] xs) {
        if (xs.length < 2) {
            return 0;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.length - 1));
    }

    /** The q-quantile (0..1) with linear interpolation between order statistics (R type 7); NaN when empty. */
    public static double percentile(double[] xs, double q) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double[] s = xs.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /**
     * Percentile bootstrap interval for the mean: {@code resamples} resamples with replacement drawn from a
     * {@link SplittableRandom} seeded with {@code seed}. A single value gives a zero-width interval; none gives NONE.
     */
    public static Interval bootstrapMean(double[] xs, double level, int resamples, long seed) {
        if (xs.length == 0) {
            return Interval.NONE;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        int n = xs.length;
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += xs[random.nextInt(n)];
            }
            means[b] = s / n;
        }
        double tail = (1 - level) / 2;
        return new Interval(percentile(means, tail), percentile(means, 1 - tail));
    }

    /** Wilson score interval for a binomial proportion (Wilson 1927); NONE when n is 0. */
    public static Interval wilson(int successes, int n, double level) {
        if (n == 0) {
            return Interval.NONE;
        }
        double z = Normal.quantile(1 - (1 - level) / 2);
        double p = (double) successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /**
     * Wilson's score interval with continuity correction (Newcombe 1998, method 4) for a binomial proportion: its
     * coverage stays at or above the nominal level where golden sets live (small n, rates near 1), where the plain
     * Wilson interval and the percentile bootstrap fall short. NONE when n is 0.
     */
    public static Interval wilsonCc(int successes, int n, double level) {
        if (n == 0) {
            return Interval.NONE;
        }
        double z = Normal.quantile(1 - (1 - level) / 2);
        double z2 = z * z;
        double p = (double) successes / n;
        double q = 1 - p;
        double low = successes == 0 ? 0 : (2 * n * p + z2 - 1 - z * Math.sqrt(z2 - 2 - 1.0 / n + 4 * p * (n * q + 1)))
                / (2 * (n + z2));
        double high = successes == n ? 1 : (2 * n * p + z2 + 1 + z * Math.sqrt(z2 + 2 - 1.0 / n + 4 * p * (n * q - 1)))
                / (2 * (n + z2));
        return new Interval(Math.max(0, low), Math.min(1, high));
    }

    /**
     * Bias-corrected and accelerated (BCa, Efron 1987) bootstrap interval for the mean, for scores that are not
     * pass/fail: corrects the percentile interval's under-coverage on small, skewed samples. Same draws as
     * {@link #bootstrapMean}; a sample with no spread gives a zero-width interval, none gives NONE.
     */
    public static Interval bcaMean(double[] xs, double level, int resamples, long seed) {
        int n = xs.length;
        if (n == 0) {
            return Interval.NONE;
        }
        double mean = mean(xs);
        if (sd(xs) == 0) {
            return new Interval(mean, mean);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        int below = 0;
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += xs[random.nextInt(n)];
            }
            means[b] = s / n;
            below += means[b] < mean ? 1 : 0;
        }
        double z0 = Normal.quantile(Math.min(Math.max((double) below / resamples, 0.5 / resamples),
                1 - 0.5 / resamples));
        double total = mean * n;
        double jackMean = 0;
        double[] jack = new double[n];
        for (int i = 0; i < n; i++) {
            jack[i] = (total - xs[i]) / (n - 1);
            jackMean += jack[i] / n;
        }
        double num = 0;
        double den = 0;
        for (double j : jack) {
            double d = jackMean - j;
            num += d * d * d;
            den += d * d;
        }
        double a = den == 0 ? 0 : num / (6 * Math.pow(den, 1.5));
        double tail = (1 - level) / 2;
        return new Interval(percentile(means, adjusted(z0, a, Normal.quantile(tail))),
                percentile(means, adjusted(z0, a, Normal.quantile(1 - tail))));
    }

    private static double adjusted(double z0, double a, double z) {
        double q = Normal.cdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
        return Math.min(1, Math.max(0, q));
    }

    /** True when every value is 0 or 1: a pass/fail metric. */
    public static boolean binary(double[] xs) {
        for (double x : xs) {
            if (x != 0.0 && x != 1.0) {
                return false;
            }
        }
        return xs.length > 0;
    }

    /** The interval for a metric's mean: Wilson with continuity correction for pass/fail values, else BCa. */
    public static Interval meanInterval(double[] xs, double level, int resamples, long seed) {
        if (binary(xs)) {
            return wilsonCc((int) Math.round(mean(xs) * xs.length), xs.length, level);
        }
        return bcaMean(xs, level, resamples, seed);
    }

    /**
     * Newcombe's hybrid score interval (1998, method 10) for the difference of two paired proportions, current minus
     * baseline, from the 2x2 table of n pairs: {@code both} passed in both runs, {@code lost} passed in the baseline
     * only, {@code gained} in the current run only, {@code neither} in neither. Counts may be fractional (to ask what
     * a larger sample with the same proportions would give).
     */
    public static Interval pairedDifference(double both, double lost, double gained, double neither, double level) {
        double n = both + lost + gained + neither;
        if (n == 0) {
            return Interval.NONE;
        }
        double p1 = (both + lost) / n;
        double p2 = (both + gained) / n;
        Interval w1 = wilsonOf(both + lost, n, level);
        Interval w2 = wilsonOf(both + gained, n, level);
        double denom = (both + lost) * (gained + neither) * (both + gained) * (lost + neither);
        double phi = denom == 0 ? 0 : (both * neither - lost * gained) / Math.sqrt(denom);
        double theta = p2 - p1;
        double dl2 = p2 - w2.low();
        double du1 = w1.high() - p1;
        double du2 = w2.high() - p2;
        double dl1 = p1 - w1.low();
        double delta = Math.sqrt(Math.max(0, dl2 * dl2 - 2 * phi * dl2 * du1 + du1 * du1));
        double epsilon = Math.sqrt(Math.max(0, du2 * du2 - 2 * phi * du2 * dl1 + dl1 * dl1));
        return new Interval(Math.max(-1, theta - delta), Math.min(1, theta + epsilon));
    }

    /** Wilson's interval for a proportion given as a (possibly fractional) count of n. */
    private static Interval wilsonOf(double successes, double n, double level) {
        double z = Normal.quantile(1 - (1 - level) / 2);
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** Student's t interval for a mean (the paired differences of scores that are not pass/fail). */
    public static Interval tInterval(double[] xs, double level) {
        int n = xs.length;
        if (n == 0) {
            return Interval.NONE;
        }
        double m = mean(xs);
        if (n == 1) {
            return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double half = Normal.studentQuantile(1 - (1 - level) / 2, n - 1) * sd(xs) / Math.sqrt(n);
        return new Interval(m - half, m + half);
    }
}
