package dev.sluice.guardrails.topics;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Static word-piece vectors distilled from all-MiniLM-L6-v2: a text's vector is the weighted sum of its word pieces'
 * vectors, which costs a table look-up per piece instead of a model run (microseconds per window, not
 * milliseconds). Sums add: the vector of two neighbouring sentences is the sum of theirs, so a text's every window is
 * scored from one pass over its pieces. Its cosines rank texts roughly as MiniLM's do (Pearson 0.85 on the topic
 * corpus), which makes it a screen in front of MiniLM, never a verdict of its own ({@link TopicClassifier}).
 *
 * <p>How the table was made ({@code StaticTableGenerator}, run by {@code scripts/distil-topic-table.sh}, about a minute
 * of one core): each of the 30,522 word pieces is run through MiniLM alone, as the text {@code [CLS] piece [SEP]}; the
 * vectors are centred, the {@value #DROPPED} strongest principal directions (shared by every piece, they carry no
 * topic) are dropped and the next {@code dimensions} are kept; each vector is weighted by how rare its piece is ({@code
 * a / (a + p)}, {@code p} from the vocabulary's frequency order by Zipf's law, {@code a = 1e-4}: "the" and "should"
 * count little), and quantized to one signed byte per dimension with a scale per piece. It is a resource of this
 * module, not computed at run time: the first check would wait about a minute for it, and nothing is downloaded. In
 * memory: a byte per piece and dimension (7.8 MB at 256) and the vocabulary's map (about 3 MB). Texts are cut into
 * pieces by {@link WordPieces} (plain Java: the native tokenizer costs milliseconds for 4 KB).
 *
 * <p>Thread-safe and immutable. {@link #load()} reads the resource (tens of milliseconds).
 */
public final class StaticEmbeddings {

    static final String RESOURCE = "minilm-static.bin";
    static final int MAGIC = 0x534c5354; // "SLST"
    static final int DROPPED = 3;

    private final float[] scales;
    private final byte[] table;
    private final int dimensions;
    private final WordPieces tokenizer;

    /** @param scales per piece, the weight times the quantization step; {@code table} row-major, a row per piece */
    StaticEmbeddings(float[] scales, byte[] table, int dimensions) {
        if (table.length != scales.length * dimensions) {
            throw new IllegalArgumentException("a table of " + table.length + " bytes is not " + scales.length
                    + " rows of " + dimensions);
        }
        this.scales = scales;
        this.table = table;
        this.dimensions = dimensions;
        this.tokenizer = new WordPieces(BatchEncoder.vocabulary());
        if (tokenizer.size() != scales.length) {
            throw new IllegalStateException("the static table has " + scales.length + " rows, not one per word piece"
                    + " of MiniLM's vocabulary (" + tokenizer.size() + ")");
        }
    }

    /** The table shipped with this module. */
    public static StaticEmbeddings load() {
        try (InputStream raw = StaticEmbeddings.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException(RESOURCE + " is missing: run scripts/distil-topic-table.sh");
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            if (in.readInt() != MAGIC) {
                throw new IllegalStateException(RESOURCE + " is not a static table");
            }
            int rows = in.readInt();
            int dimensions = in.readInt();
            float[] scales = new float[rows];
            for (int i = 0; i < rows; i++) {
                scales[i] = in.readFloat();
            }
            byte[] table = new byte[rows * dimensions];
            in.readFully(table);
            return new StaticEmbeddings(scales, table, dimensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int dimensions() {
        return dimensions;
    }

    /** Each text's vector (not unit length; all zeros for a text without word pieces), in their order. */
    public float[][] sums(List<String> texts) {
        float[][] out = new float[texts.size()][dimensions];
        for (int i = 0; i < out.length; i++) {
            float[] sum = out[i];
            tokenizer.pieces(texts.get(i), id -> add(id, sum));
        }
        return out;
    }

    private void add(int id, float[] sum) {
        float scale = scales[id];
        int row = id * dimensions;
        for (int d = 0; d < dimensions; d++) {
            sum[d] += scale * table[row + d];
        }
    }

    /** The bytes of a table, as {@link #load()} reads them. */
    byte[] bytes() {
        ByteBuffer out = ByteBuffer.allocate(12 + 4 * scales.length + table.length);
        out.putInt(MAGIC).putInt(scales.length).putInt(dimensions);
        for (float s : scales) {
            out.putFloat(s);
        }
        return out.put(table).array();
    }

    @Override
    public String toString() {
        return "StaticEmbeddings[" + scales.length + " pieces x " + dimensions + "]";
    }
}
