package dev.sluice.guardrails.topics;

import java.util.Arrays;
import java.util.Comparator;

/** The principal directions of a set of vectors: the eigenvectors of their covariance, by cyclic Jacobi rotations. */
final class PrincipalDirections {

    private static final int SWEEPS = 12;

    private PrincipalDirections() { }

    /** The {@code count} directions of largest variance, strongest first, each of unit length. */
    static double[][] of(float[][] vectors, double[] mean, int count) {
        int d = mean.length;
        double[][] a = new double[d][d];
        double[] centred = new double[d];
        for (float[] v : vectors) {
            for (int i = 0; i < d; i++) {
                centred[i] = v[i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                double ci = centred[i];
                for (int j = i; j < d; j++) {
                    a[i][j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
        }
        double[][] vectorsOut = jacobi(a);
        Integer[] order = new Integer[d];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> -a[i][i]));
        double[][] out = new double[count][d];
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < d; i++) {
                out[k][i] = vectorsOut[i][order[k]];
            }
        }
        return out;
    }

    /** Diagonalizes the symmetric {@code a} in place; returns the eigenvectors as columns. */
    private static double[][] jacobi(double[][] a) {
        int d = a.length;
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            for (int p = 0; p < d - 1; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (Math.abs(a[p][q]) > 1e-15) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        return v;
    }

    private static void rotate(double[][] a, double[][] v, int p, int q) {
        int d = a.length;
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < d; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
