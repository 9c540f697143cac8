package dev.sluice.simulator;

import java.util.SplittableRandom;

/**
 * Deterministic stand-ins for embeddings: a text's 64-bit FNV-1a hash seeds a Gaussian vector, normalised to length
 * one. The same text always gives the same vector (so caches and tests behave), different texts give nearly
 * orthogonal ones; the vectors carry no meaning.
 */
final class PseudoEmbeddings {

    private PseudoEmbeddings() { }

    static float[] vector(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(fnv1a(text));
        float[] v = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            double g = random.nextGaussian();
            v[i] = (float) g;
            norm += g * g;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimensions; i++) {
            v[i] *= scale;
        }
        return v;
    }

    static long fnv1a(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
