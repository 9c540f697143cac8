package dev.sluice.guardrails.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Denied-topic detection by sentence embeddings. Each topic's definition and examples are embedded once (on the first
 * {@link #classify}, so that building a guardrail stays cheap); a text is cut into windows (the whole text when it is
 * short, each sentence, and each pair of neighbouring sentences, at most {@value #MAX_WINDOWS}), each window is
 * embedded (all windows in one {@link Embedder#embedAll} call), and a topic's similarity is the highest cosine
 * between a window and one of its vectors. A topic is detected when that reaches the threshold ({@value #DEFAULT_THRESHOLD} by default, measured on the topic corpus; see
 * docs/guardrails.md).
 *
 * <p>Thread-safe. {@link #classify} blocks for a few milliseconds per window (the model runs on the caller's thread):
 * call it off event loops. A judge model that confirms a detection is a later hook, not built.
 */
public final class TopicClassifier {

    public static final double DEFAULT_THRESHOLD = 0.40;
    static final int MAX_WINDOWS = 48;
    private static final int WHOLE_TEXT = 600;
    private static final int MAX_WINDOW = 600;

    private final List<DeniedTopic> topics;
    private final double threshold;
    private final Embedder embedder;
    private volatile float[][][] vectors;

    /** @param threshold in (0, 1): the cosine similarity from which a topic counts as detected */
    public TopicClassifier(List<DeniedTopic> topics, double threshold, Embedder embedder) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, not " + threshold);
        }
        this.topics = List.copyOf(topics);
        this.threshold = threshold;
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    public List<DeniedTopic> topics() { return topics; }

    public double threshold() { return threshold; }

    /** Every topic's score for {@code text}, in the topics' order. */
    public List<TopicScore> classify(String text) {
        float[][][] topicVectors = topicVectors();
        double[] best = new double[topics.size()];
        for (float[] embedding : embedder.embedAll(windows(text))) {
            float[] v = unit(embedding);
            for (int t = 0; t < topicVectors.length; t++) {
                for (float[] u : topicVectors[t]) {
                    best[t] = Math.max(best[t], dot(u, v));
                }
            }
        }
        List<TopicScore> out = new ArrayList<>(topics.size());
        for (int t = 0; t < topics.size(); t++) {
            out.add(new TopicScore(topics.get(t).name(), best[t], best[t] >= threshold));
        }
        return out;
    }

    private float[][][] topicVectors() {
        float[][][] v = vectors;
        if (v == null) {
            v = new float[topics.size()][][];
            for (int t = 0; t < topics.size(); t++) {
                DeniedTopic topic = topics.get(t);
                List<String> texts = new ArrayList<>();
                texts.add(topic.definition());
                texts.addAll(topic.examples());
                v[t] = embedder.embedAll(texts).stream().map(TopicClassifier::unit).toArray(float[][]::new);
            }
            vectors = v; // a race embeds twice and keeps either: both are the same
        }
        return v;
    }

    /** The whole text when short, each sentence, and each pair of neighbouring sentences. */
    static List<String> windows(String text) {
        List<String> sentences = Sentences.split(text, MAX_WINDOW);
        List<String> out = new ArrayList<>();
        if (text.length() <= WHOLE_TEXT && !text.isBlank()) {
            out.add(text.strip());
        }
        if (sentences.size() > 1) {
            out.addAll(sentences);
            for (int i = 0; i + 1 < sentences.size(); i++) {
                out.add(sentences.get(i) + " " + sentences.get(i + 1));
            }
        } else if (out.isEmpty()) {
            out.addAll(sentences);
        }
        if (out.isEmpty()) {
            out.add(" ");
        }
        return out.size() > MAX_WINDOWS ? out.subList(0, MAX_WINDOWS) : out;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }

    /** Four running sums: the additions do not wait on one another (a window meets every topic vector). */
    private static double dot(float[] a, float[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length & ~3;
        for (int i = 0; i < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (int i = n; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
