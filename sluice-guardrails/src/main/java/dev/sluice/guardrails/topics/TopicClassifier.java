package dev.sluice.guardrails.topics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Denied-topic detection by sentence embeddings. A text is cut into windows ({@link Window}: the whole text when it is
 * short, each sentence, and each pair of neighbouring sentences, all of them however long the text). What scores
 * them is the {@link TopicTier}:
 * <ul>
 *   <li><b>CLASSIC: the static table alone.</b> Every window's cosine to each topic's centroid (of its definition and
 *       examples) in the space of MiniLM's static word-piece table ({@link TopicScreen}); a topic's similarity is its
 *       best window's. Microseconds per window, no model run. Default threshold {@value #CLASSIC_THRESHOLD}.</li>
 *   <li><b>STANDARD: the table screens, the model confirms.</b> A window goes on when its best cosine in the table
 *       reaches the threshold minus {@value #SCREEN_MARGIN} (0.20 at the default threshold: on the topic corpus, the
 *       screen then keeps 43 of the 44 texts MiniLM alone detects; see docs/guardrails.md). The windows that went on
 *       are embedded by the embedder, the model of record (all in one {@link Embedder#embedAll} call), and a
 *       topic's similarity is the highest cosine between one of them and the topic's definition or examples. A
 *       window the screen passes and the model does not is not a detection. At most {@value #MAX_CONFIRMED} windows
 *       of a text go on, those the screen scores highest: the model's time per text is bounded, and padding can
 *       only push a topic out by scoring higher in the screen than the topic. Default threshold {@value
 *       #DEFAULT_THRESHOLD}.</li>
 * </ul>
 * An embedder without a {@linkplain Embedder#screen() screen} (the tests' cheap embedders) embeds every window
 * itself, whatever the tier.
 *
 * <p>When the embedder {@linkplain Embedder#remembers() remembers} (MiniLM's cache), the scores of the last {@value
 * #REMEMBERED_TEXTS} texts (up to {@value #REMEMBERED_CHARS} characters each) are kept too: a text checked again
 * (a conversation's history, re-sent every turn) is not screened again. The scores are the same as a new check's.
 *
 * <p>Thread-safe. Topic vectors are made once, on the first {@link #classify} (so that building a guardrail stays
 * cheap). With STANDARD, {@link #classify} blocks its thread for the model's milliseconds per confirmed window; with
 * CLASSIC, for about 0.3 ms per 4 KB of new text. Call it off event loops. A judge model that confirms a detection
 * is asked by the compiled guardrail, not here ({@link dev.sluice.guardrails.judge.Judge}).
 */
public final class TopicClassifier {

    /** STANDARD's default threshold (MiniLM's cosine). */
    public static final double DEFAULT_THRESHOLD = 0.40;
    /** CLASSIC's default threshold (the static table's cosine). */
    public static final double CLASSIC_THRESHOLD = 0.35;
    /** How far under the model's threshold the screen lets a window through (calibrated on the topic corpus). */
    public static final double SCREEN_MARGIN = 0.20;
    /** The most windows of one text the model confirms (about 0.3 s of one core here; 4 KB of e-mail sends 23). */
    static final int MAX_CONFIRMED = 64;
    private static final int MAX_SENTENCE = 600;
    /** Texts whose scores a classifier keeps when its embedder {@linkplain Embedder#remembers() remembers}. */
    static final int REMEMBERED_TEXTS = 256;
    /** Only texts up to this long are kept (at most 256 x 16 Ki characters per classifier). */
    static final int REMEMBERED_CHARS = 16 * 1024;

    private final List<DeniedTopic> topics;
    private final double threshold;
    private final TopicTier tier;
    private final Embedder embedder;
    private final Lazy<TopicVectors> vectors;
    /** Recent texts' best similarity per topic, when the embedder remembers (null otherwise). */
    private final TextCache<double[]> remembered;

    /** A STANDARD classifier. */
    public TopicClassifier(List<DeniedTopic> topics, double threshold, Embedder embedder) {
        this(topics, threshold, TopicTier.STANDARD, embedder);
    }

    /** @param threshold in (0, 1): the tier's cosine similarity from which a topic counts as detected */
    public TopicClassifier(List<DeniedTopic> topics, double threshold, TopicTier tier, Embedder embedder) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, not " + threshold);
        }
        this.topics = List.copyOf(topics);
        this.threshold = threshold;
        this.tier = Objects.requireNonNull(tier, "tier");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.vectors = new Lazy<>(() -> TopicVectors.of(this.topics, this.tier, this.embedder));
        this.remembered = embedder.remembers() ? new TextCache<>(REMEMBERED_TEXTS) : null;
    }

    public List<DeniedTopic> topics() { return topics; }

    public double threshold() { return threshold; }

    public TopicTier tier() { return tier; }

    /**
     * Every topic's score for {@code text}, in the topics' order: its similarity is the best of its windows', the
     * table's (CLASSIC) or the model's over the windows the screen passed (STANDARD; 0 when it passed none).
     */
    public List<TopicScore> classify(String text) {
        boolean keep = remembered != null && text.length() <= REMEMBERED_CHARS;
        double[] best = keep ? remembered.get(text) : null;
        if (best == null) {
            best = similarities(text);
            if (keep) {
                remembered.put(text, best);
            }
        }
        List<TopicScore> out = new ArrayList<>(topics.size());
        for (int t = 0; t < topics.size(); t++) {
            out.add(new TopicScore(topics.get(t).name(), best[t], best[t] >= threshold));
        }
        return out;
    }

    /** Each topic's best similarity over the windows of {@code text}, as the tier scores them. */
    private double[] similarities(String text) {
        TopicVectors v = vectors.get();
        List<String> sentences = Sentences.split(text, MAX_SENTENCE);
        List<Window> windows = Window.of(text, sentences);
        double[][] screened = v.screen() == null ? null : v.screen().scores(sentences, windows);
        double[] best = new double[topics.size()];
        if (screened != null && tier == TopicTier.CLASSIC) {
            for (double[] window : screened) {
                for (int t = 0; t < best.length; t++) {
                    best[t] = Math.max(best[t], window[t]);
                }
            }
            return best;
        }
        List<String> toConfirm = passed(windows, screened == null ? null : bestPerWindow(screened));
        if (!toConfirm.isEmpty()) {
            for (float[] embedding : embedder.embedAll(toConfirm)) {
                float[] u = Vectors.unit(embedding);
                for (int t = 0; t < best.length; t++) {
                    for (float[] topic : v.model()[t]) {
                        best[t] = Math.max(best[t], Vectors.dot(topic, u));
                    }
                }
            }
        }
        return best;
    }

    private static double[] bestPerWindow(double[][] screened) {
        double[] out = new double[screened.length];
        for (int w = 0; w < out.length; w++) {
            for (double s : screened[w]) {
                out[w] = Math.max(out[w], s);
            }
        }
        return out;
    }

    /**
     * The windows the screen passes (all of them without a screen), at most {@value #MAX_CONFIRMED}: the ones it
     * scores highest, so that a text of thousands of passing windows costs the model a bounded time.
     */
    private List<String> passed(List<Window> windows, double[] screened) {
        List<Integer> passed = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            if (screened == null || screened[w] >= threshold - SCREEN_MARGIN) {
                passed.add(w);
            }
        }
        if (screened != null && passed.size() > MAX_CONFIRMED) {
            passed.sort(Comparator.comparingDouble((Integer w) -> screened[w]).reversed());
            passed = passed.subList(0, MAX_CONFIRMED);
        }
        return passed.stream().map(w -> windows.get(w).text()).toList();
    }

    /**
     * Each topic's definition and examples as unit vectors of the model (not made for CLASSIC with a screen, which
     * never runs it), and the screen of the topics (null when the embedder has none).
     */
    private record TopicVectors(float[][][] model, TopicScreen screen) {

        static TopicVectors of(List<DeniedTopic> topics, TopicTier tier, Embedder embedder) {
            List<List<String>> all = new ArrayList<>();
            for (DeniedTopic topic : topics) {
                List<String> texts = new ArrayList<>();
                texts.add(topic.definition());
                texts.addAll(topic.examples());
                all.add(texts);
            }
            StaticEmbeddings table = embedder.screen();
            TopicScreen screen = table == null ? null : new TopicScreen(table, all);
            if (screen != null && tier == TopicTier.CLASSIC) {
                return new TopicVectors(null, screen);
            }
            float[][][] model = all.stream().map(texts -> embedder.embedAll(texts).stream().map(Vectors::unit)
                    .toArray(float[][]::new)).toArray(float[][][]::new);
            return new TopicVectors(model, screen);
        }
    }
}
