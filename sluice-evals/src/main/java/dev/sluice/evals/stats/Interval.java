package dev.sluice.evals.stats;

/** A two-sided confidence interval. NaN bounds when there was no data. */
public record Interval(double low, double high) {

    public static final Interval NONE = new Interval(Double.NaN, Double.NaN);

    public boolean contains(double x) {
        return x >= low && x <= high;
    }
}
