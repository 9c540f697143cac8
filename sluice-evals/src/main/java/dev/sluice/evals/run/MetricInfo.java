package dev.sluice.evals.run;

/**
 * How a metric's scores are read, as recorded with a run.
 *
 * @param threshold the per-case pass threshold
 * @param higherIsBetter whether bigger values are better; a case passes when the value is on the good side of the
 *                       threshold (inclusive)
 */
public record MetricInfo(String name, String type, double threshold, boolean higherIsBetter) {

    public boolean passes(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return higherIsBetter ? value >= threshold : value <= threshold;
    }
}
