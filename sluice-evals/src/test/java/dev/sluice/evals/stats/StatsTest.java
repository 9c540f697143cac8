package dev.sluice.evals.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Intervals and tests against known values and, by seeded simulation, against their promised coverage. */
class StatsTest {

    @Test
    void normalQuantilesMatchTables() {
        assertThat(Normal.quantile(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(Normal.quantile(0.8)).isCloseTo(0.841621, within(1e-6));
        assertThat(Normal.quantile(0.01)).isCloseTo(-2.326348, within(1e-6));
        assertThat(Normal.quantile(0.5)).isCloseTo(0, within(1e-12));
    }

    @Test
    void wilsonIntervalMatchesAHandComputedValue() {
        Interval i = Stats.wilson(8, 10, 0.95);
        assertThat(i.low()).isCloseTo(0.4902, within(1e-4));
        assertThat(i.high()).isCloseTo(0.9433, within(1e-4));
        Interval none = Stats.wilson(0, 20, 0.95);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.1611, within(1e-4));
    }

    @Test
    void wilsonIntervalsCoverTheTrueProportionAboutNinetyFivePercentOfTheTime() {
        SplittableRandom random = new SplittableRandom(7);
        double p = 0.3;
        int n = 50;
        int sims = 4000;
        int covered = 0;
        for (int s = 0; s < sims; s++) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                k += random.nextDouble() < p ? 1 : 0;
            }
            covered += Stats.wilson(k, n, 0.95).contains(p) ? 1 : 0;
        }
        assertThat((double) covered / sims).isBetween(0.93, 0.97);
    }

    @Test
    void bootstrapIntervalsCoverTheTrueMeanAboutNinetyFivePercentOfTheTime() {
        SplittableRandom random = new SplittableRandom(11);
        int sims = 400;
        int n = 60;
        int covered = 0;
        for (int s = 0; s < sims; s++) {
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = random.nextDouble(); // uniform(0, 1): true mean 0.5
            }
            covered += Stats.bootstrapMean(xs, 0.95, 1000, s).contains(0.5) ? 1 : 0;
        }
        assertThat((double) covered / sims).isBetween(0.91, 0.98);
    }

    /** The exact probability that the interval for k of n covers p, summed over k ~ Binomial(n, p). */
    private static double exactCoverage(int n, double p, java.util.function.IntFunction<Interval> interval) {
        double covered = 0;
        double logP = Math.log(p);
        double logQ = Math.log1p(-p);
        for (int k = 0; k <= n; k++) {
            double logChoose = 0;
            for (int i = 1; i <= k; i++) {
                logChoose += Math.log(n - k + i) - Math.log(i);
            }
            double prob = Math.exp(logChoose + k * logP + (n - k) * logQ);
            covered += interval.apply(k).contains(p) ? prob : 0;
        }
        return covered;
    }

    @Test
    void passRateIntervalsCoverAtLeast93PercentOverTheGridWhereGoldenSetsLive() {
        java.util.List<String> under = new java.util.ArrayList<>();
        for (int n : new int[] {5, 10, 20, 30, 40, 60, 100, 200}) {
            for (double p : new double[] {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99}) {
                double c = exactCoverage(n, p, k -> Stats.meanInterval(bits(k, n), 0.95, 100, 1));
                if (c < 0.93) {
                    under.add(String.format("n=%d p=%.2f: %.3f", n, p, c));
                }
            }
        }
        assertThat(under).as("grid points covered less than 93% of the time").isEmpty();
        // the plain Wilson interval, for contrast, does not meet it (n=20, p=0.95: 92.4%)
        assertThat(exactCoverage(20, 0.95, k -> Stats.wilson(k, 20, 0.95))).isLessThan(0.93);
    }

    private static double[] bits(int ones, int n) {
        double[] xs = new double[n];
        for (int i = 0; i < ones; i++) {
            xs[i] = 1;
        }
        return xs;
    }

    @Test
    void bcaCoversASkewedBoundedScoreBetterThanThePercentileBootstrap() {
        // scores bunched near 1 with a long tail down (Beta(5, 1) by inversion: x = u^(1/5)), n = 20: true mean 5/6
        SplittableRandom random = new SplittableRandom(3);
        int sims = 600;
        int n = 20;
        double truth = 5.0 / 6;
        int bca = 0;
        int percentile = 0;
        for (int s = 0; s < sims; s++) {
            double[] xs = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = Math.pow(random.nextDouble(), 0.2);
            }
            bca += Stats.bcaMean(xs, 0.95, 1000, s).contains(truth) ? 1 : 0;
            percentile += Stats.bootstrapMean(xs, 0.95, 1000, s).contains(truth) ? 1 : 0;
        }
        assertThat((double) bca / sims).isGreaterThanOrEqualTo((double) percentile / sims).isGreaterThan(0.92);
    }

    @Test
    void newcombesPairedIntervalIsWideWithFewPairsAndNarrowWithMany() {
        Interval four = Stats.pairedDifference(4, 0, 0, 0, 0.9); // 4 pairs, all passed twice
        assertThat(four.low()).isLessThan(-0.3);
        Interval many = Stats.pairedDifference(400, 0, 0, 0, 0.9);
        assertThat(many.low()).isBetween(-0.02, 0.0);
        Interval allLost = Stats.pairedDifference(0, 4, 0, 0, 0.9); // every pair went from pass to fail
        assertThat(allLost.high()).isLessThan(-0.3);
    }

    @Test
    void bootstrapIsReproducibleForTheSameSeed() {
        double[] xs = {0.1, 0.4, 0.35, 0.8, 0.9, 0.2};
        assertThat(Stats.bootstrapMean(xs, 0.95, 2000, 42)).isEqualTo(Stats.bootstrapMean(xs, 0.95, 2000, 42));
        assertThat(Stats.bootstrapMean(new double[] {0.7}, 0.95, 100, 1)).isEqualTo(new Interval(0.7, 0.7));
    }

    @Test
    void percentileInterpolatesLinearly() {
        double[] xs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(Stats.percentile(xs, 0.5)).isEqualTo(5.5);
        assertThat(Stats.percentile(xs, 0.95)).isCloseTo(9.55, within(1e-12));
    }

    @Test
    void exactMcNemarMatchesTheBinomialTails() {
        assertThat(PairedTests.mcNemarExactP(0, 6)).isCloseTo(2 / 64.0, within(1e-12));
        assertThat(PairedTests.mcNemarExactP(1, 5)).isCloseTo(2 * 7 / 64.0, within(1e-12));
        assertThat(PairedTests.mcNemarExactP(3, 3)).isEqualTo(1.0);
        assertThat(PairedTests.mcNemarExactP(0, 0)).isEqualTo(1.0);
    }

    @Test
    void exactSignFlipTestCountsExtremeSignPatterns() {
        assertThat(PairedTests.signFlipP(new double[] {1, 1, 1, 1, 1}, 0, 0)).isCloseTo(2 / 32.0, within(1e-12));
        // |sum| of the 8 patterns of (3, 1, 1): 5, 3, 3, 1, 1, 3, 3, 5 -> |sum| >= 5 in 2 of 8
        assertThat(PairedTests.signFlipP(new double[] {3, 1, 1}, 0, 0)).isCloseTo(0.25, within(1e-12));
        assertThat(PairedTests.signFlipP(new double[] {0, 0}, 0, 0)).isEqualTo(1.0);
    }

    @Test
    void signFlipTestRejectsAboutFivePercentOfTrueNullsAndMostRealShifts() {
        SplittableRandom random = new SplittableRandom(3);
        int sims = 300;
        int n = 40;
        int falseAlarms = 0;
        int detections = 0;
        for (int s = 0; s < sims; s++) {
            double[] nullDiffs = new double[n];
            double[] shifted = new double[n];
            for (int i = 0; i < n; i++) {
                double noise = random.nextDouble() - random.nextDouble();
                nullDiffs[i] = noise;
                shifted[i] = noise - 0.2;
            }
            falseAlarms += PairedTests.signFlipP(nullDiffs, 1000, s) < 0.05 ? 1 : 0;
            detections += PairedTests.signFlipP(shifted, 1000, s) < 0.05 ? 1 : 0;
        }
        assertThat((double) falseAlarms / sims).isBetween(0.02, 0.09);
        assertThat((double) detections / sims).isGreaterThan(0.6);
    }

    @Test
    void minimumDetectableEffectFollowsTheNormalPowerFormula() {
        // (z_0.975 + z_0.8) * sd / sqrt(n) = 2.8016 * 1 / sqrt(50)
        assertThat(PairedTests.minimumDetectableEffect(1.0, 50, 0.05, 0.8)).isCloseTo(0.39621, within(1e-4));
        assertThat(PairedTests.minimumDetectableEffect(0.3, 0, 0.05, 0.8)).isInfinite();
    }
}
