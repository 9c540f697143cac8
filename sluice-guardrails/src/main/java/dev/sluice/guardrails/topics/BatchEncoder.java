package dev.sluice.guardrails.topics;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 run on many short texts at once: the texts are tokenized together, sorted by length and cut into
 * batches of similar lengths (padding wastes little), and each batch is one ONNX Runtime run whose token vectors are
 * mean-pooled under the attention mask and scaled to unit length, as sentence-transformers does. A text is cut at
 * {@value #MAX_TOKENS} word pieces, the model's own limit in sentence-transformers (it was trained on 128).
 *
 * <p>A run uses its caller's thread only (no ONNX thread pool). The model and tokenizer are the ones inside the
 * langchain4j artifact (nothing is downloaded). Thread-safe (an ONNX session may be run concurrently); each call
 * blocks its thread for the model's time.
 */
final class BatchEncoder implements AutoCloseable {

    static final int MAX_TOKENS = 256;
    private static final String TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";
    /**
     * At most this many token slots per run (batch size times padded length), which bounds one run's memory: the
     * hidden states take 1.5 KB a slot, the attention scores 48 bytes a slot per token of the padded length (6 MB and
     * up to 48 MB at 4,096).
     */
    private static final int MAX_CELLS = 4_096;
    /** A batch is closed when padding would make it this much longer than its real tokens. */
    private static final double MAX_PADDING = 1.3;

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;

    BatchEncoder() {
        try (InputStream model = resource("/all-minilm-l6-v2.onnx")) {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // one thread per run: checks already run concurrently on the worker pool, one per core, and a run's
            // own thread pool would spin against them and the event loops on a small VM
            options.setIntraOpNumThreads(1);
            session = environment.createSession(model.readAllBytes(), options);
            tokenizer = tokenizer(Map.of("padding", "false", "truncation", "true", "maxLength",
                    String.valueOf(MAX_TOKENS)));
            typeIds = session.getInputNames().contains("token_type_ids");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load all-MiniLM-L6-v2: " + e.getMessage(), e);
        }
    }

    /** The unit-length embeddings of {@code texts}, in their order (blank texts are embedded as one space). */
    float[][] embed(List<String> texts) {
        String[] inputs = texts.stream().map(t -> t.isBlank() ? " " : t).toArray(String[]::new);
        long[][] ids = Arrays.stream(tokenizer.batchEncode(inputs)).map(Encoding::getIds).toArray(long[][]::new);
        Integer[] order = new Integer[ids.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        float[][] out = new float[ids.length][];
        int from = 0;
        while (from < order.length) {
            int to = batchEnd(ids, order, from);
            run(ids, Arrays.copyOfRange(order, from, to), out);
            from = to;
        }
        return out;
    }

    /**
     * The embedding of each word piece of the vocabulary alone, as the text {@code [CLS] piece [SEP]}: row {@code i} is
     * the unit-length embedding of piece {@code i}. 30,522 texts of three tokens: 45-52 s of one core here
     * (StaticTableGenerator's, never at run time).
     */
    float[][] embedVocabulary() {
        int size = vocabularySize();
        int rows = 256; // measured: 1,365 rows a run (the most MAX_CELLS allows) took 1.8 times as long
        long cls = tokenizer.encode("").getIds()[0];
        long sep = tokenizer.encode("").getIds()[1];
        long[][] ids = new long[size][];
        Arrays.setAll(ids, i -> new long[] {cls, i, sep});
        float[][] out = new float[ids.length][];
        for (int from = 0; from < ids.length; from += rows) {
            int first = from;
            Integer[] batch = new Integer[Math.min(rows, ids.length - from)];
            Arrays.setAll(batch, i -> first + i);
            run(ids, batch, out);
        }
        return out;
    }

    /** The tokenizer shipped with the model, with DJL's {@code options}. */
    static HuggingFaceTokenizer tokenizer(Map<String, String> options) {
        try (InputStream in = resource(TOKENIZER)) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many word pieces the model knows (ids run from 0 to this, exclusive). */
    static int vocabularySize() {
        return vocabulary().size();
    }

    /** The tokenizer's vocabulary: an object from each word piece to its id. */
    static JsonNode vocabulary() {
        try (InputStream in = resource(TOKENIZER)) {
            return new ObjectMapper().readTree(in).path("model").path("vocab");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of the batch that starts at {@code from} (texts in {@code order}, shortest first). */
    private static int batchEnd(long[][] ids, Integer[] order, int from) {
        long tokens = 0;
        int to = from;
        while (to < order.length) {
            int length = ids[order[to]].length;
            long cells = (long) length * (to - from + 1);
            if (to > from && (cells > MAX_CELLS || cells > MAX_PADDING * (tokens + length))) {
                break;
            }
            tokens += length;
            to++;
        }
        return to;
    }

    private void run(long[][] texts, Integer[] batch, float[][] out) {
        int rows = batch.length;
        int length = texts[batch[rows - 1]].length;
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            long[] tokenIds = texts[batch[r]];
            System.arraycopy(tokenIds, 0, ids, r * length, tokenIds.length);
            Arrays.fill(mask, r * length, r * length + tokenIds.length, 1L);
        }
        long[] shape = {rows, length};
        List<OnnxTensor> tensors = new ArrayList<>(3);
        try {
            tensors.add(OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            tensors.add(OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            Map<String, OnnxTensor> inputs = typeIds
                    ? Map.of("input_ids", tensors.get(0), "attention_mask", tensors.get(1), "token_type_ids",
                            add(tensors, OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * length]),
                                    shape)))
                    : Map.of("input_ids", tensors.get(0), "attention_mask", tensors.get(1));
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int dimensions = hidden.capacity() / (rows * length);
                for (int r = 0; r < rows; r++) {
                    out[batch[r]] = meanPool(hidden, r, length, texts[batch[r]].length, dimensions);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("all-MiniLM-L6-v2 failed: " + e.getMessage(), e);
        } finally {
            tensors.forEach(OnnxTensor::close);
        }
    }

    private static OnnxTensor add(List<OnnxTensor> tensors, OnnxTensor tensor) {
        tensors.add(tensor);
        return tensor;
    }

    /** The mean of row {@code r}'s first {@code tokens} token vectors, scaled to unit length. */
    private static float[] meanPool(FloatBuffer hidden, int r, int length, int tokens, int dimensions) {
        float[] sum = new float[dimensions];
        int base = r * length * dimensions;
        for (int t = 0; t < tokens; t++) {
            int at = base + t * dimensions;
            for (int d = 0; d < dimensions; d++) {
                sum[d] += hidden.get(at + d);
            }
        }
        double norm = 0;
        for (int d = 0; d < dimensions; d++) {
            sum[d] /= tokens;
            norm += sum[d] * sum[d];
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dimensions; d++) {
            sum[d] *= scale;
        }
        return sum;
    }

    private static InputStream resource(String name) {
        InputStream in = AllMiniLmL6V2EmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the langchain4j all-MiniLM-L6-v2 artifact");
        }
        return in;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
