package dev.sluice.guardrails.topics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link StaticEmbeddings}' resource from MiniLM (see its Javadoc for the method). Deterministic for a given
 * model and CPU: ONNX Runtime runs on one thread, and the principal directions come from a fixed number of Jacobi
 * sweeps. Run by scripts/distil-topic-table.sh; commit the file it writes.
 *
 * <p>Usage: {@code StaticTableGenerator OUTPUT [DIMENSIONS]} (256 by default).
 */
public final class StaticTableGenerator {

    static final int DIMENSIONS = 256;
    /** The rarity weight's constant: a piece of probability {@code p} counts {@code A / (A + p)}. */
    static final double A = 1e-4;
    /** The vocabulary is in frequency order from this id ("the") on; the ids before are special pieces and symbols. */
    private static final int FIRST_WORD = 1996;

    private StaticTableGenerator() { }

    public static void main(String[] args) throws IOException {
        int dimensions = args.length > 1 ? Integer.parseInt(args[1]) : DIMENSIONS;
        long start = System.nanoTime();
        float[][] vectors;
        try (BatchEncoder model = new BatchEncoder()) {
            vectors = model.embedVocabulary();
        } catch (ai.onnxruntime.OrtException e) {
            throw new IllegalStateException(e);
        }
        StaticEmbeddings table = distil(vectors, dimensions);
        Files.write(Path.of(args[0]), table.bytes());
        System.out.printf("%s written to %s in %d s%n", table, args[0], (System.nanoTime() - start) / 1_000_000_000);
    }

    /** Centres, projects past the {@value StaticEmbeddings#DROPPED} strongest directions, weights and quantizes. */
    static StaticEmbeddings distil(float[][] vectors, int dimensions) {
        int n = vectors.length;
        int d = vectors[0].length;
        double[] mean = new double[d];
        for (float[] v : vectors) {
            for (int i = 0; i < d; i++) {
                mean[i] += v[i] / (double) n;
            }
        }
        double[][] basis = PrincipalDirections.of(vectors, mean, StaticEmbeddings.DROPPED + dimensions);
        float[] scales = new float[n];
        byte[] table = new byte[n * dimensions];
        double[] row = new double[dimensions];
        for (int id = 0; id < n; id++) {
            double max = 0;
            for (int k = 0; k < dimensions; k++) {
                double[] axis = basis[StaticEmbeddings.DROPPED + k];
                double p = 0;
                for (int i = 0; i < d; i++) {
                    p += (vectors[id][i] - mean[i]) * axis[i];
                }
                row[k] = p;
                max = Math.max(max, Math.abs(p));
            }
            double step = max == 0 ? 1 : max / 127;
            for (int k = 0; k < dimensions; k++) {
                table[id * dimensions + k] = (byte) Math.round(row[k] / step);
            }
            scales[id] = (float) (weight(id) * step);
        }
        return new StaticEmbeddings(scales, table, dimensions);
    }

    /** {@code A / (A + p)}, {@code p} the piece's probability by Zipf's law from its rank; symbols count as common. */
    static double weight(int id) {
        int rank = id >= FIRST_WORD ? id - FIRST_WORD + 1 : 1;
        double p = 1 / (rank * Math.log(30_000)); // Zipf: p(rank) = 1 / (rank H(N)), H(N) ~ ln N
        return A / (A + p);
    }
}
