package dev.sluice.guardrails.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.topics.MiniLmEmbedder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Floors a little under the measured grounding and relevance accuracy on {@code corpus/grounding.json} at the
 * recommended thresholds (figures in docs/guardrails.md; {@code bench/guardrails.sh --only grounding} prints them).
 * Loads MiniLM.
 */
class GroundingAccuracyTest {

    private static List<GroundingScoring.Scored> scored;

    @BeforeAll
    static void score() {
        scored = GroundingScoring.score(MiniLmEmbedder.shared());
    }

    @Test
    void groundingFlagsUnsupportedAnswersAndPassesSupportedOnes() {
        BinaryCounts c = GroundingScoring.grounding(scored, GroundingScoring.GROUNDING_THRESHOLD, null);
        assertThat(c.precision()).isGreaterThanOrEqualTo(0.90);
        assertThat(c.recall()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void relevanceFlagsAnswersThatDoNotAnswerTheQuery() {
        BinaryCounts c = GroundingScoring.relevance(scored, GroundingScoring.RELEVANCE_THRESHOLD, null);
        assertThat(c.precision()).isGreaterThanOrEqualTo(0.90);
        assertThat(c.recall()).isGreaterThanOrEqualTo(0.80);
    }

    @Test
    void aChangedFigureOrNameLowersGroundingBelowTheFaithfulAnswer() {
        double faithful = mean("faithful");
        assertThat(mean("number")).isLessThan(faithful - 0.3);
        assertThat(mean("name")).isLessThan(faithful - 0.3);
    }

    private static double mean(String kind) {
        return scored.stream().filter(s -> s.c().kind().equals(kind)).mapToDouble(s -> s.scores().grounding())
                .average().orElseThrow();
    }
}
