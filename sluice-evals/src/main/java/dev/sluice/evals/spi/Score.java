package dev.sluice.evals.spi;

/**
 * The score of one output on one metric.
 *
 * @param value the score (0..1 for quality metrics, raw units for latency and cost); NaN when {@code error} is set
 * @param error why the case could not be scored (judge failed or answered unparsably...), else null. An errored score
 *              is never dropped: it is reported per case, counts as a failure in pass rates and is left out of means
 * @param reason a short explanation (judge rationale, which value matched...), or null
 */
public record Score(double value, String error, String reason) {

    public static Score of(double value) {
        return new Score(value, null, null);
    }

    public static Score of(double value, String reason) {
        return new Score(value, null, reason);
    }

    public static Score bool(boolean ok) {
        return new Score(ok ? 1.0 : 0.0, null, null);
    }

    public static Score failed(String error) {
        return new Score(Double.NaN, error, null);
    }

    public boolean ok() {
        return error == null;
    }
}
