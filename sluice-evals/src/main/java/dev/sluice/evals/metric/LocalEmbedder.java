package dev.sluice.evals.metric;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.function.Function;

/**
 * The local all-MiniLM-L6-v2 sentence embedding model (384 dimensions, runs in-process with ONNX Runtime). The model is
 * loaded on the first {@link #apply} call, once per instance; thread-safe. Create one per process and share it.
 */
public final class LocalEmbedder implements Function<String, float[]> {

    private volatile AllMiniLmL6V2EmbeddingModel model;

    @Override
    public float[] apply(String text) {
        return model().embed(text.isEmpty() ? " " : text).content().vector();
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
