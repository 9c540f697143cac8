package dev.sluice.guardrails.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.content.ContentClassifier;
import dev.sluice.guardrails.content.ContentType;
import dev.sluice.guardrails.content.Strength;
import dev.sluice.guardrails.topics.MiniLmEmbedder;
import dev.sluice.guardrails.topics.TopicClassifier;
import dev.sluice.guardrails.topics.TopicTier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The accuracy targets of issue 16 on the repository's corpora, and floors a little under what was measured (see
 * docs/guardrails.md) so that a change that makes detection worse fails the build.
 */
class ContentAccuracyTest {

    private final ContentClassifier classifier = ContentClassifier.shared();

    @Test
    void promptAttacksAreDetectedAtNinetyPercentWithAtMostFivePercentFalsePositivesAtStrengthHigh() {
        BinaryCounts tuning = ContentScoring.attacks(classifier, ContentScoring.ATTACKS, Strength.HIGH, null);
        BinaryCounts held = ContentScoring.attacks(classifier, ContentScoring.ATTACKS_HELD_OUT, Strength.HIGH, null);
        assertThat(ContentScoring.ATTACKS.size() + ContentScoring.ATTACKS_HELD_OUT.size()).isGreaterThanOrEqualTo(300);
        assertThat(tuning.recall()).as("tuning recall").isGreaterThanOrEqualTo(0.97);
        assertThat(tuning.falsePositiveRate()).as("tuning FP rate").isLessThanOrEqualTo(0.02);
        assertThat(held.recall()).as("held-out recall").isGreaterThanOrEqualTo(0.90);
        assertThat(held.falsePositiveRate()).as("held-out FP rate").isLessThanOrEqualTo(0.05);
    }

    @Test
    void everyAttackFamilyIsMostlyCaught() {
        ContentScoring.byFamily(classifier, ContentScoring.ATTACKS, Strength.HIGH).forEach((family, c) -> {
            if (family.startsWith("ATTACK")) {
                assertThat(c.recall()).as(family).isGreaterThanOrEqualTo(0.75);
            } else {
                assertThat(c.falsePositiveRate()).as(family).isLessThanOrEqualTo(0.10);
            }
        });
    }

    @Test
    void contentCategoriesKeepTheirMeasuredFloors() {
        Map<ContentType, BinaryCounts> high = ContentScoring.content(classifier, Strength.HIGH, null);
        high.forEach((type, c) -> {
            assertThat(c.recall()).as(type + " recall at HIGH").isGreaterThanOrEqualTo(0.90);
            assertThat(c.precision()).as(type + " precision at HIGH").isGreaterThanOrEqualTo(0.90);
        });
        ContentScoring.content(classifier, Strength.MEDIUM, null).forEach((type, c) ->
                assertThat(c.precision()).as(type + " precision at MEDIUM").isGreaterThanOrEqualTo(0.95));
    }

    @Test
    void deniedTopicsAtTheDefaultThresholdKeepTheirMeasuredFloors() {
        var scores = TopicScoring.similarities(MiniLmEmbedder.shared());
        BinaryCounts all = TopicScoring.total(TopicScoring.counts(scores, TopicClassifier.DEFAULT_THRESHOLD, null));
        assertThat(all.precision()).as("topic precision").isGreaterThanOrEqualTo(0.90);
        assertThat(all.recall()).as("topic recall").isGreaterThanOrEqualTo(0.68);
        assertThat(all.falsePositiveRate()).as("topic FP rate").isLessThanOrEqualTo(0.03);
    }

    @Test
    void deniedTopicsOnTheClassicTierKeepTheirMeasuredFloorsOnTheCorpusAndItsHeldOutSet() {
        double th = TopicClassifier.CLASSIC_THRESHOLD;
        BinaryCounts corpus = TopicScoring.total(TopicScoring.counts(TopicScoring.TEXTS, TopicScoring.similarities(
                MiniLmEmbedder.shared(), TopicTier.CLASSIC, th, TopicScoring.TEXTS), th, null));
        assertThat(corpus.precision()).as("corpus precision").isGreaterThanOrEqualTo(0.85);
        assertThat(corpus.recall()).as("corpus recall").isGreaterThanOrEqualTo(0.73);
        BinaryCounts heldOut = TopicScoring.total(TopicScoring.counts(TopicScoring.HELD_OUT,
                TopicScoring.similarities(MiniLmEmbedder.shared(), TopicTier.CLASSIC, th, TopicScoring.HELD_OUT), th,
                null));
        assertThat(heldOut.precision()).as("held-out precision").isGreaterThanOrEqualTo(0.78);
        assertThat(heldOut.recall()).as("held-out recall").isGreaterThanOrEqualTo(0.68);
        assertThat(heldOut.falsePositiveRate()).as("held-out FP rate").isLessThanOrEqualTo(0.06);
    }
}
