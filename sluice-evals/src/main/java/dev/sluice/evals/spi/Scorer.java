package dev.sluice.evals.spi;

/**
 * Scores outputs on one metric. Implementations are called from many threads at once and must be thread-safe.
 * They should not throw: a failure to score is returned as {@link Score#failed(String)}; an exception thrown anyway is
 * recorded the same way by the runner.
 */
public interface Scorer {

    Score score(ScoringInput input);

    /** Whether bigger values are better (quality) or worse (latency, cost); decides pass/fail and regressions. */
    default boolean higherIsBetter() {
        return true;
    }

    /** The per-case pass threshold used when the suite gives none. */
    default double defaultThreshold() {
        return 0.5;
    }
}
