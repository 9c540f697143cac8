package dev.sluice.guardrails.topics;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The all-MiniLM-L6-v2 sentence embedding model (384 dimensions), shipped inside its Maven artifact and run in-process
 * by ONNX Runtime: nothing is downloaded. Loading it takes one to two seconds and about 100 MB, so there is one per
 * process ({@link #shared()}), loaded on the first {@link #embed}, never at class-load or start-up time. An embedding
 * of a sentence takes a few milliseconds on one core. Thread-safe.
 */
public final class MiniLmEmbedder implements Embedder {

    private volatile AllMiniLmL6V2EmbeddingModel model;

    private MiniLmEmbedder() { }

    private static final class Shared {
        static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();
    }

    /** The process's one embedder; the model itself is loaded by the first {@link #embed}. */
    public static MiniLmEmbedder shared() {
        return Shared.INSTANCE;
    }

    @Override
    public float[] embed(String text) {
        return model().embed(text.isBlank() ? " " : text).content().vector();
    }

    private AllMiniLmL6V2EmbeddingModel model() {
        AllMiniLmL6V2EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    m = new AllMiniLmL6V2EmbeddingModel();
                    model = m;
                }
            }
        }
        return m;
    }
}
