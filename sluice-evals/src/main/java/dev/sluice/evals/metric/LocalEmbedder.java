package dev.sluice.evals.metric;

import dev.sluice.guardrails.topics.MiniLmEmbedder;
import java.util.function.Function;

/**
 * The local all-MiniLM-L6-v2 sentence embedding model (384 dimensions, in-process with ONNX Runtime) as the evaluations'
 * embedding function: the process's one model ({@link MiniLmEmbedder#shared()}), which denied-topic guardrails use
 * too, so it is loaded (about 100 MB, a second or two) at most once, on first use. Thread-safe.
 */
public final class LocalEmbedder implements Function<String, float[]> {

    @Override
    public float[] apply(String text) {
        return MiniLmEmbedder.shared().embed(text);
    }
}
