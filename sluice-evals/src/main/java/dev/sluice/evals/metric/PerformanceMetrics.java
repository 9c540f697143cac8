package dev.sluice.evals.metric;

import dev.sluice.evals.spi.Score;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.spi.ScorerFactory;
import dev.sluice.evals.spi.ScoringInput;
import dev.sluice.evals.suite.MetricSpec;
import java.util.function.ToDoubleFunction;

/**
 * Per-call measurements as metrics, in raw units. Latency, TTFT and cost are lower-is-better: a case passes when the
 * value is at most the threshold (no threshold: every case passes). Throughput passes when at least the threshold.
 */
public final class PerformanceMetrics {

    private PerformanceMetrics() { }

    /** {@code latency_ms}: client-measured time from request to the last byte. */
    public static final class LatencyMs implements ScorerFactory {
        @Override public String type() { return "latency_ms"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            return lowerIsBetter(in -> in.output().latencyMs());
        }
    }

    /** {@code ttft_ms}: time to the first content token; a scoring error when the target does not stream. */
    public static final class TtftMs implements ScorerFactory {
        @Override public String type() { return "ttft_ms"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            Scorer inner = lowerIsBetter(in -> in.output().ttftMs());
            return new Scorer() {
                @Override public Score score(ScoringInput in) {
                    return in.output().ttftMs() < 0 ? Score.failed("no time to first token: the target did not stream")
                            : inner.score(in);
                }

                @Override public boolean higherIsBetter() { return false; }

                @Override public double defaultThreshold() { return Double.POSITIVE_INFINITY; }
            };
        }
    }

    /** {@code cost_usd}: the cost the gateway reported for the call. */
    public static final class CostUsd implements ScorerFactory {
        @Override public String type() { return "cost_usd"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            return lowerIsBetter(in -> in.output().costUsd());
        }
    }

    /** {@code tokens_per_s}: output tokens per second of generation. */
    public static final class TokensPerSecond implements ScorerFactory {
        @Override public String type() { return "tokens_per_s"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            return new Scorer() {
                @Override public Score score(ScoringInput in) { return Score.of(in.output().tokensPerSecond()); }

                @Override public double defaultThreshold() { return 0; }
            };
        }
    }

    static Scorer lowerIsBetter(ToDoubleFunction<ScoringInput> value) {
        return new Scorer() {
            @Override public Score score(ScoringInput in) { return Score.of(value.applyAsDouble(in)); }

            @Override public boolean higherIsBetter() { return false; }

            @Override public double defaultThreshold() { return Double.POSITIVE_INFINITY; }
        };
    }
}
