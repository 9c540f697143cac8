package dev.sluice.guardrails.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.guardrails.topics.DeniedTopic;
import dev.sluice.guardrails.topics.Embedder;
import dev.sluice.guardrails.topics.TopicClassifier;
import dev.sluice.guardrails.topics.TopicScore;
import dev.sluice.guardrails.topics.TopicTier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores denied-topic detection on {@code corpus/topics.tsv} (and its held-out set, {@code topics-heldout.tsv},
 * never used to choose a threshold) against the topics of {@code corpus/topics.json}. The texts are embedded once;
 * each threshold is then a cheap re-count.
 */
public final class TopicScoring {

    public static final List<LabelledText> TEXTS = LabelledText.load("topics.tsv", false);
    public static final List<LabelledText> HELD_OUT = LabelledText.load("topics-heldout.tsv", false);

    private TopicScoring() { }

    public static List<DeniedTopic> topics() {
        try (InputStream in = TopicScoring.class.getResourceAsStream("/corpus/topics.json")) {
            JsonNode root = new ObjectMapper().readTree(in).path("topics");
            List<DeniedTopic> out = new ArrayList<>();
            for (JsonNode t : root) {
                List<String> examples = new ArrayList<>();
                t.path("examples").forEach(e -> examples.add(e.asText()));
                out.add(new DeniedTopic(t.path("name").asText(), t.path("definition").asText(), examples));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each corpus text's similarity to each topic (computed once with {@code embedder}) at STANDARD's default. */
    public static List<List<TopicScore>> similarities(Embedder embedder) {
        return similarities(embedder, TopicTier.STANDARD, TopicClassifier.DEFAULT_THRESHOLD, TEXTS);
    }

    /**
     * Each text's similarity to each topic with a classifier of {@code tier} at {@code threshold}. With STANDARD its
     * screen passes windows from {@code threshold - SCREEN_MARGIN}, so the similarities are only good for counts at
     * {@code threshold} or above; with CLASSIC they do not depend on the threshold.
     */
    public static List<List<TopicScore>> similarities(Embedder embedder, TopicTier tier, double threshold,
                                                      List<LabelledText> texts) {
        TopicClassifier c = new TopicClassifier(topics(), threshold, tier, embedder);
        return texts.stream().map(t -> c.classify(t.text())).toList();
    }

    /** Counts per topic on the corpus at {@code threshold}. */
    public static Map<String, BinaryCounts> counts(List<List<TopicScore>> scores, double threshold,
                                                   List<String> errors) {
        return counts(TEXTS, scores, threshold, errors);
    }

    /** Counts per topic at {@code threshold}; a text labelled with another topic or NONE is a negative. */
    public static Map<String, BinaryCounts> counts(List<LabelledText> texts, List<List<TopicScore>> scores,
                                                   double threshold, List<String> errors) {
        Map<String, BinaryCounts> out = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            LabelledText t = texts.get(i);
            for (TopicScore s : scores.get(i)) {
                boolean labelled = t.label().equals(s.topic());
                boolean found = s.similarity() >= threshold;
                out.merge(s.topic(), BinaryCounts.ZERO.add(labelled, found), TopicScoring::sum);
                if (errors != null && labelled != found) {
                    errors.add(String.format("%s %s %.3f: %s", labelled ? "FN" : "FP", s.topic(), s.similarity(),
                            t.text()));
                }
            }
        }
        return out;
    }

    static BinaryCounts sum(BinaryCounts a, BinaryCounts b) {
        return new BinaryCounts(a.truePositives() + b.truePositives(), a.falsePositives() + b.falsePositives(),
                a.falseNegatives() + b.falseNegatives(), a.trueNegatives() + b.trueNegatives());
    }

    public static BinaryCounts total(Map<String, BinaryCounts> counts) {
        return counts.values().stream().reduce(BinaryCounts.ZERO, TopicScoring::sum);
    }
}
