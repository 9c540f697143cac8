package dev.sluice.evals.metric;

import dev.sluice.evals.spi.Score;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.spi.ScorerFactory;
import dev.sluice.evals.suite.MetricSpec;

/** A custom metric as a user would write one: 1 when the answer has at most {@code max_words} words. */
public final class WordCountScorerFactory implements ScorerFactory {

    @Override
    public String type() {
        return "test_max_words";
    }

    @Override
    public Scorer create(MetricSpec spec, ScorerContext context) {
        int max = spec.options().path("max_words").asInt(10);
        return in -> Score.bool(in.text().isBlank() || in.text().trim().split("\\s+").length <= max);
    }
}
