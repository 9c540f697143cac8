package dev.sluice.guardrails.topics;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The all-MiniLM-L6-v2 sentence embedding model (384 dimensions), shipped inside its Maven artifact and run in-process
 * by ONNX Runtime: nothing is downloaded. Loading it takes one to two seconds and about 100 MB, so there is one per
 * process ({@link #shared()}), loaded on first use, never at class-load or start-up time. Thread-safe.
 *
 * <ul>
 *   <li>{@link #embed} takes one text of any length (langchain4j's encoder: a text past 510 word pieces is cut into
 *       parts whose embeddings are averaged); the evaluations use it.</li>
 *   <li>{@link #embedAll} takes the short windows of denied topics: all in few ONNX runs ({@link BatchEncoder}, each
 *       text cut at 256 word pieces), unit vectors, and the last {@value #CACHED} windows' embeddings kept by their
 *       text, so a conversation's history re-sent on every turn is embedded once. {@link #uncached()} skips the
 *       cache (benchmarks of new text).</li>
 *   <li>{@link #screen} is the static word-piece table distilled from this model ({@link StaticEmbeddings}, 8 MB),
 *       which denied topics screen every window with before the model confirms the few that pass.</li>
 * </ul>
 */
public final class MiniLmEmbedder implements Embedder {

    static final int CACHED = 8192;

    private final TextCache<float[]> cache = new TextCache<>(CACHED);
    private final Lazy<AllMiniLmL6V2EmbeddingModel> model = new Lazy<>(AllMiniLmL6V2EmbeddingModel::new);
    private final Lazy<BatchEncoder> batches = new Lazy<>(BatchEncoder::new);
    private final Lazy<StaticEmbeddings> screen = new Lazy<>(StaticEmbeddings::load);

    private MiniLmEmbedder() { }

    private static final class Shared {
        static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();
    }

    /** The process's one embedder; the model itself is loaded by the first call that needs it. */
    public static MiniLmEmbedder shared() {
        return Shared.INSTANCE;
    }

    /** {@inheritDoc} Blank text (which langchain4j's model refuses) is embedded by the batch encoder. */
    @Override
    public float[] embed(String text) {
        return text.isBlank() ? batches.get().embed(List.of(text))[0] : model.get().embed(text).content().vector();
    }

    /** Unit-length embeddings of {@code texts} (each cut at 256 word pieces), from the cache where it has them. */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        Map<String, float[]> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String text : texts) {
            if (!found.containsKey(text)) {
                float[] v = cache.get(text);
                found.put(text, v);
                if (v == null) {
                    missing.add(text);
                }
            }
        }
        if (!missing.isEmpty()) {
            float[][] computed = batches.get().embed(missing);
            for (int i = 0; i < computed.length; i++) {
                found.put(missing.get(i), computed[i]);
                cache.put(missing.get(i), computed[i]);
            }
        }
        return texts.stream().map(found::get).toList();
    }

    /** {@inheritDoc} True: the last {@value #CACHED} windows' embeddings are kept. */
    @Override
    public boolean remembers() {
        return true;
    }

    /** This model without the cache: every {@link #embedAll} runs the model. */
    public Embedder uncached() {
        return new Embedder() {
            @Override
            public float[] embed(String text) {
                return MiniLmEmbedder.this.embed(text);
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                return List.of(batches.get().embed(texts));
            }

            @Override
            public StaticEmbeddings screen() {
                return MiniLmEmbedder.this.screen();
            }
        };
    }

    /** {@inheritDoc} This model's static word-piece table ({@link StaticEmbeddings}), read on first use. */
    @Override
    public StaticEmbeddings screen() {
        return screen.get();
    }
}
