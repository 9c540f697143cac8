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
