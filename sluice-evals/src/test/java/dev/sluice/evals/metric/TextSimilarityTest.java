package dev.sluice.evals.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** String similarity against hand-computed and published values. */
class TextSimilarityTest {

    @Test
    void levenshteinDistanceMatchesTheTextbookExamples() {
        assertThat(TextSimilarity.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(TextSimilarity.levenshtein("flaw", "lawn")).isEqualTo(2);
        assertThat(TextSimilarity.levenshtein("", "abc")).isEqualTo(3);
        assertThat(TextSimilarity.levenshtein("same", "same")).isZero();
        assertThat(TextSimilarity.levenshteinSimilarity("kitten", "sitting")).isCloseTo(1 - 3.0 / 7, within(1e-12));
        assertThat(TextSimilarity.levenshteinSimilarity("", "")).isEqualTo(1.0);
    }

    @Test
    void rougeLReproducesTheExamplesOfLinsPaper() {
        var reference = Tokens.of("police killed the gunman");
        assertThat(TextSimilarity.rougeL(Tokens.of("police kill the gunman"), reference)).isCloseTo(0.75, within(1e-12));
        assertThat(TextSimilarity.rougeL(Tokens.of("the gunman kill police"), reference)).isCloseTo(0.5, within(1e-12));
        assertThat(TextSimilarity.rougeL(Tokens.of("nothing alike"), reference)).isZero();
    }

    @Test
    void bleuMatchesAHandComputedExample() {
        var candidate = Tokens.of("the cat sat on the mat");
        var reference = Tokens.of("the cat is on the mat");
        // p1 = 5/6, p2 = 3/5, p3 = 1/4, equal lengths so BP = 1: (1/8)^(1/3) = 0.5
        assertThat(TextSimilarity.bleu(candidate, reference, 3, false)).isCloseTo(0.5, within(1e-12));
        // no 4-gram matches: unsmoothed BLEU-4 is 0
        assertThat(TextSimilarity.bleu(candidate, reference, 4, false)).isZero();
        // add-one for n > 1: 5/6 * 4/6 * 2/5 * 1/4 = 1/18, fourth root
        assertThat(TextSimilarity.bleu(candidate, reference, 4, true)).isCloseTo(Math.pow(1.0 / 18, 0.25),
                within(1e-12));
        assertThat(TextSimilarity.bleu(reference, reference, 4, false)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void bleuPenalisesShortCandidatesWithTheBrevityPenalty() {
        var reference = Tokens.of("the cat is on the mat");
        assertThat(TextSimilarity.bleu(Tokens.of("the cat"), reference, 1, false)).isCloseTo(Math.exp(1 - 6.0 / 2),
                within(1e-12));
    }

    @Test
    void tokensAreLowerCasedWordsWithPunctuationApart() {
        assertThat(Tokens.of("Hello, World! 42x")).containsExactly("hello", ",", "world", "!", "42x");
    }
}
