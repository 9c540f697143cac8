package dev.sluice.guardrails.topics;

import java.util.List;

/**
 * Each window's cosine, in {@link StaticEmbeddings}' space, to each topic's centroid (of its definition and
 * examples): the whole of {@link TopicClassifier}'s CLASSIC tier, and the first stage of its STANDARD tier. Sums add, so a text's word pieces are looked up once, per
 * sentence, and a window's dot products are sums of its sentences'; only a window of three sentences or more (the
 * whole of a short text) has its vector added up. Immutable and thread-safe.
 */
final class TopicScreen {

    private final StaticEmbeddings table;
    private final float[][] topicVectors;

    /**
     * @param topicTexts each topic's definition and examples. A topic is screened by their centroid (the mean of
     *     their unit vectors): the words they share count, one example's incidental words ("this week") count
     *     little. On the topic corpus the centroid passed half as many windows of benign 4 KB as the best single
     *     text did, for the same recall.
     */
    TopicScreen(StaticEmbeddings table, List<List<String>> topicTexts) {
        this.table = table;
        this.topicVectors = topicTexts.stream().map(texts -> centroid(table.sums(texts))).toArray(float[][]::new);
    }

    private static float[] centroid(float[][] vectors) {
        float[] sum = new float[vectors[0].length];
        for (float[] v : vectors) {
            float[] u = Vectors.unit(v);
            for (int d = 0; d < sum.length; d++) {
                sum[d] += u[d];
            }
        }
        return Vectors.unit(sum);
    }

    /**
     * Each window's cosine to each topic's centroid (0 for a window without word pieces): {@code [window][topic]},
     * in the windows' and the topics' order.
     */
    double[][] scores(List<String> sentences, List<Window> windows) {
        float[][] sums = table.sums(sentences);
        int n = sums.length;
        double[][] dots = new double[n][];
        double[] squares = new double[n];
        double[] neighbours = new double[Math.max(n - 1, 0)];
        for (int i = 0; i < n; i++) {
            dots[i] = new double[topicVectors.length];
            for (int j = 0; j < topicVectors.length; j++) {
                dots[i][j] = Vectors.dot(sums[i], topicVectors[j]);
            }
            squares[i] = Vectors.dot(sums[i], sums[i]);
            if (i > 0) {
                neighbours[i - 1] = Vectors.dot(sums[i - 1], sums[i]);
            }
        }
        double[][] out = new double[windows.size()][topicVectors.length];
        for (int w = 0; w < out.length; w++) {
            Window window = windows.get(w);
            double square = square(window, sums, squares, neighbours);
            if (square <= 0) {
                continue;
            }
            double length = Math.sqrt(square);
            for (int j = 0; j < topicVectors.length; j++) {
                double d = 0;
                for (int i = window.from(); i < window.to(); i++) {
                    d += dots[i][j];
                }
                out[w][j] = d / length;
            }
        }
        return out;
    }

    /** The squared length of a window's vector: from its sentences' when it has one or two, else added up. */
    private static double square(Window window, float[][] sums, double[] squares, double[] neighbours) {
        int from = window.from();
        return switch (window.to() - from) {
            case 0 -> 0;
            case 1 -> squares[from];
            case 2 -> squares[from] + squares[from + 1] + 2 * neighbours[from];
            default -> {
                float[] total = new float[sums[from].length];
                for (int i = from; i < window.to(); i++) {
                    for (int d = 0; d < total.length; d++) {
                        total[d] += sums[i][d];
                    }
                }
                yield Vectors.dot(total, total);
            }
        };
    }
}
