package dev.sluice.guardrails.topics;

/** Unit vectors and dot products of float vectors, shared by the two stages of {@link TopicClassifier}. */
final class Vectors {

    private Vectors() { }

    /** {@code v} scaled to unit length; all zeros when {@code v} is. */
    static float[] unit(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (v[i] / norm);
        }
        return out;
    }

    /**
     * Eight running sums in float (the vectors are floats; 256-384 products add no error that a cosine threshold of
     * two decimals could see): the additions do not wait on one another.
     */
    static double dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int n = a.length & ~7;
        for (int i = 0; i < n; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        for (int i = n; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return ((double) s0 + s1 + s2 + s3) + ((double) s4 + s5 + s6 + s7);
    }
}
