package dev.sluice.guardrails.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.topics.Embedder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scorer's overlap terms and its reuse of a source's embeddings, with a fake embedder that records its texts. */
class GroundingScorerTest {

    private final List<String> embedded = new ArrayList<>();
    private final Embedder fake = text -> {
        embedded.add(text);
        String t = text.toLowerCase();
        return new float[] {t.contains("fee") ? 1 : 0, t.contains("euros") ? 1 : 0, 0.1f};
    };

    @Test
    void aSourceIsEmbeddedOnceForTheWindowsOfAStream() {
        GroundingScorer scorer = new GroundingScorer(fake);
        List<String> source = List.of("The fee is 4 euros. It is waived for students.");
        scorer.score(source, List.of(), "The fee is 4 euros.");
        int first = embedded.size();
        scorer.score(source, List.of(), "Students pay no fee.");
        assertThat(embedded.size() - first).as("only the second answer's sentence").isEqualTo(1);
    }

    @Test
    void aNumberOrANameTheSourceLacksLowersASentencesSupport() {
        Terms source = Terms.of("The fee is 4 euros, set by the board in Vienna.");
        double same = GroundingScorer.support("The fee is 4 euros.", 0.9, source);
        assertThat(GroundingScorer.support("The fee is 7 euros.", 0.9, source)).isLessThan(same / 2 + 1e-9);
        assertThat(GroundingScorer.support("The fee is 4 euros in Berlin.", 0.9, source)).isLessThan(same / 2 + 1e-9);
        assertThat(GroundingScorer.support("The fee is four euros.", 0.9, source)).as("a number in words")
                .isGreaterThan(same / 2);
    }
}
