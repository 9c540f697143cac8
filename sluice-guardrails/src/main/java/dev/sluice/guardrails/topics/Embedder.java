package dev.sluice.guardrails.topics;

import java.util.List;

/**
 * Turns a text into a sentence embedding. Implementations must be thread-safe; calls may block for milliseconds (a
 * model runs), so callers on an event loop run them on a worker.
 */
@FunctionalInterface
public interface Embedder {

    /** The embedding of {@code text}, of the same dimension for every text. */
    float[] embed(String text);

    /**
     * The embeddings of {@code texts}, in their order. The default embeds them one by one; a model that can run many
     * texts at once overrides it.
     */
    default List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    /**
     * A cheap approximation of this embedder that screens many texts before it runs ({@link TopicClassifier}), or
     * null when it has none: then every window of a text is embedded by this one. May be made on first use (MiniLM's
     * reads its table: tens of milliseconds). The default is null.
     */
    default StaticEmbeddings screen() {
        return null;
    }

    /**
     * Whether this embedder keeps the embeddings of texts it saw (a cache): then a {@link TopicClassifier} also keeps
     * its recent texts' scores, so a text seen again (a conversation's history, re-sent each turn) costs a look-up,
     * not a screen of its every window. The default is false.
     */
    default boolean remembers() {
        return false;
    }

    /** Cosine similarity of two vectors of equal length; 0 when either is all zeros. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
