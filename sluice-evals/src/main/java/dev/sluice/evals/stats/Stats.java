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
}
