package dev.sluice.guardrails.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.pii.SensitiveInformationFilter;
import dev.sluice.guardrails.pii.SensitiveInformationPolicy;
import org.junit.jupiter.api.Test;

/**
 * The targets hold on the labelled corpus, for every type and overall: recall at least 0.97 and precision at
 * least 0.95, with exact spans (the context types' recall at least 0.90: see {@link PiiType#isContextual()}). A detector change that costs accuracy fails the build here; {@code
 * bench/guardrails.sh --errors} lists what it missed and what it wrongly found.
 */
class PiiAccuracyTest {

    static final double RECALL = 0.97;
    static final double PRECISION = 0.95;
    /** The context types (PASSWORD, PIN, ...) miss phrasings their cues do not cover: a lower recall floor. */
    static final double CONTEXT_RECALL = 0.90;

    @Test
    void everyStructuredTypeMeetsTheRecallAndPrecisionTargets() {
        Scoreboard board = Scoreboard.score(CorpusFile.load(),
                new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.NONE)));
        board.byType().forEach((type, counts) -> {
            double recall = PiiType.valueOf(type).isContextual() ? CONTEXT_RECALL : RECALL;
            assertThat(counts.recall()).as("recall of " + type + " " + counts).isGreaterThanOrEqualTo(recall);
            assertThat(counts.precision()).as("precision of " + type + " " + counts).isGreaterThanOrEqualTo(PRECISION);
        });
        assertThat(board.overall().recall()).isGreaterThanOrEqualTo(RECALL);
        assertThat(board.overall().precision()).isGreaterThanOrEqualTo(PRECISION);
    }
}
