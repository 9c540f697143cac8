package dev.sluice.guardrails.topics;

import java.util.Arrays;
import java.util.List;

/**
 * The cheap first stage of {@link TopicClassifier}: each window's best cosine, in {@link StaticEmbeddings}' space,
 * to any topic's definition or examples. Sums add, so a text's word pieces are looked up once, per sentence, and a
 * window's dot products are sums of its sentences'; only a window of three sentences or more (the whole of a short
 * text) has its vector added up. Immutable and thread-safe.
 */
final class TopicScreen {

    private final StaticEmbeddings table;
    private final float[][] topicVectors;

    /** @param texts every topic's definition and examples, in any order (the screen passes a window for any) */
    TopicScreen(StaticEmbeddings table, List<String> texts) {
        this.table = table;
        this.topicVectors = Arrays.stream(table.sums(texts)).map(Vectors::unit).toArray(float[][]::new);
    }

    /** Each window's best cosine to a topic text (0 for a window without word pieces), in the windows' order. */
    double[] scores(List<String> sentences, List<Window> windows) {
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
        double[] out = new double[windows.size()];
        for (int w = 0; w < out.length; w++) {
            Window window = windows.get(w);
            double square = square(window, sums, squares, neighbours);
            if (square <= 0) {
                continue;
            }
            double best = 0;
            for (int j = 0; j < topicVectors.length; j++) {
                double d = 0;
                for (int i = window.from(); i < window.to(); i++) {
                    d += dots[i][j];
                }
                best = Math.max(best, d);
            }
            out[w] = best / Math.sqrt(square);
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
