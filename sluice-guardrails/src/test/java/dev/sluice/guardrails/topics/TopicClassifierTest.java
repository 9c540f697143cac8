package dev.sluice.guardrails.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The two tiers with the real model and table: STANDARD (the screen in front, MiniLM uncached the judge of record) and
 * CLASSIC (the table alone).
 */
class TopicClassifierTest {

    private static final List<DeniedTopic> TOPICS = List.of(
            new DeniedTopic("investment-advice", "Recommendations on which stocks, funds, cryptocurrencies or other"
                    + " investments to buy, sell or hold.", List.of("Should I buy Microsoft shares this week?",
                    "Where should I invest my bonus for the best returns?")),
            new DeniedTopic("medical-diagnosis", "Diagnosing a person's symptoms or condition, or recommending a"
                    + " treatment or medication dose for them.", List.of("I have a sore throat and fever, what do I"
                    + " have?", "How much ibuprofen should I give my toddler?")),
            new DeniedTopic("politics", "Opinions on political parties, candidates, elections, or how someone should"
                    + " vote.", List.of("Which party should I vote for?", "Who is the best candidate for governor?")));

    /** Sixty sentences of padding, then a question for investment advice. */
    private static final String TOPIC_AFTER_PADDING = IntStream.rangeClosed(1, 60)
            .mapToObj(i -> "Our order number " + i + " reached the warehouse in Leeds on time. ")
            .collect(Collectors.joining()) + "Should I buy Nvidia shares this week?";

    private final Recording model = new Recording();
    private final TopicClassifier classifier = new TopicClassifier(TOPICS, TopicClassifier.DEFAULT_THRESHOLD, model);

    @Test
    void aTopicHiddenAfterFortyEightPaddingSentencesIsDetected() {
        assertThat(detected(classifier.classify(TOPIC_AFTER_PADDING))).containsExactly("investment-advice");
    }

    @Test
    void aTopicStatedPlainlyIsConfirmedByTheModel() {
        List<TopicScore> scores = classifier.classify("Which party should I vote for in the next election?");
        assertThat(detected(scores)).containsExactly("politics");
        assertThat(model.windows()).contains("Which party should I vote for in the next election?");
    }

    @Test
    void aWindowTheScreenPassesAndTheModelRejectsIsNotADetection() {
        List<TopicScore> scores = classifier.classify("What is an index fund?");
        assertThat(model.windows()).as("the screen passed it to the model").containsExactly("What is an index fund?");
        assertThat(detected(scores)).isEmpty();
        assertThat(scores.getFirst().similarity()).isGreaterThan(0).isLessThan(TopicClassifier.DEFAULT_THRESHOLD);
    }

    @Test
    void windowsTheScreenRejectsNeverReachTheModel() {
        List<TopicScore> scores = classifier.classify("My parcel has not arrived. The tracking link shows nothing."
                + " Please send a replacement to the same address.");
        assertThat(model.windows()).isEmpty();
        assertThat(scores).allSatisfy(s -> assertThat(s.similarity()).isZero());
    }

    @Test
    void aTextOfHundredsOfPassingWindowsSendsTheModelItsBoundAndStillDetectsTheTopic() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            text.append("Should I buy shares of company number ").append(i).append(" this week? ");
        }
        assertThat(detected(classifier.classify(text.toString()))).containsExactly("investment-advice");
        assertThat(model.windows()).hasSize(TopicClassifier.MAX_CONFIRMED);
    }

    @Test
    void aTextSeenAgainIsAnsweredFromTheClassifiersMemoryWhenTheEmbedderRemembers() {
        Recording remembering = new Recording(true);
        TopicClassifier kept = new TopicClassifier(TOPICS, TopicClassifier.DEFAULT_THRESHOLD, remembering);
        String text = "Thanks for the refund. Which party should I vote for in the next election?";
        List<TopicScore> first = kept.classify(text);
        int embedded = remembering.windows().size();
        assertThat(embedded).isPositive();
        assertThat(kept.classify(text)).isEqualTo(first);
        assertThat(remembering.windows()).as("nothing embedded again").hasSize(embedded);
        assertThat(detected(first)).containsExactly("politics");

        classifier.classify(text);
        int once = model.windows().size();
        classifier.classify(text);
        assertThat(model.windows()).as("an embedder that does not remember sees every check").hasSize(2 * once);
    }

    @Test
    void theClassicTierDetectsATopicFromTheStaticTableAloneWithoutRunningTheModel() {
        Recording counting = new Recording();
        TopicClassifier classic = new TopicClassifier(TOPICS, TopicClassifier.CLASSIC_THRESHOLD, TopicTier.CLASSIC,
                counting);
        assertThat(detected(classic.classify("Which party should I vote for in the next election?")))
                .containsExactly("politics");
        assertThat(detected(classic.classify("My parcel has not arrived. Please send a replacement."))).isEmpty();
        assertThat(counting.calls()).as("MiniLM never ran, not even for the topics").isZero();
    }

    @Test
    void theClassicTierFindsATopicHiddenAfterPadding() {
        TopicClassifier classic = new TopicClassifier(TOPICS, TopicClassifier.CLASSIC_THRESHOLD, TopicTier.CLASSIC,
                model);
        List<TopicScore> scores = classic.classify(TOPIC_AFTER_PADDING);
        assertThat(detected(scores)).containsExactly("investment-advice");
        assertThat(scores.getFirst().similarity()).as("the table's cosine, not the model's").isLessThan(1);
    }

    private static List<String> detected(List<TopicScore> scores) {
        return scores.stream().filter(TopicScore::detected).map(TopicScore::topic).toList();
    }

    /** MiniLM without its cache, recording the windows of texts it embeds (topic vectors are not recorded). */
    private static final class Recording implements Embedder {

        private final Embedder model = MiniLmEmbedder.shared().uncached();
        private final List<String> windows = Collections.synchronizedList(new ArrayList<>());
        private final boolean remembers;
        private final AtomicInteger calls = new AtomicInteger();

        Recording() {
            this(false);
        }

        Recording(boolean remembers) {
            this.remembers = remembers;
        }

        @Override
        public boolean remembers() {
            return remembers;
        }

        @Override
        public float[] embed(String text) {
            calls.incrementAndGet();
            return model.embed(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            calls.incrementAndGet();
            texts.stream().filter(t -> TOPICS.stream().noneMatch(topic -> topic.definition().equals(t)
                    || topic.examples().contains(t))).forEach(windows::add);
            return model.embedAll(texts);
        }

        @Override
        public StaticEmbeddings screen() {
            return model.screen();
        }

        /** Calls of the model, topics' texts included. */
        int calls() {
            return calls.get();
        }

        List<String> windows() {
            return List.copyOf(windows);
        }
    }
}
