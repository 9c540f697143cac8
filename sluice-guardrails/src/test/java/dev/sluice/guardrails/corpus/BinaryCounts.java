package dev.sluice.guardrails.corpus;

/** Counts of a yes/no detector on labelled texts, and the measures made from them. */
public record BinaryCounts(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {

    public static final BinaryCounts ZERO = new BinaryCounts(0, 0, 0, 0);

    public BinaryCounts add(boolean labelled, boolean found) {
        return new BinaryCounts(truePositives + (labelled && found ? 1 : 0), falsePositives + (!labelled && found
                ? 1 : 0), falseNegatives + (labelled && !found ? 1 : 0), trueNegatives + (!labelled && !found ? 1 : 0));
    }

    public double precision() {
        int found = truePositives + falsePositives;
        return found == 0 ? 1 : (double) truePositives / found;
    }

    public double recall() {
        int labelled = truePositives + falseNegatives;
        return labelled == 0 ? 1 : (double) truePositives / labelled;
    }

    public double falsePositiveRate() {
        int negatives = falsePositives + trueNegatives;
        return negatives == 0 ? 0 : (double) falsePositives / negatives;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** {@code | TP | FP | FN | TN | precision | recall | F1 | FP rate |} cells. */
    public String row() {
        return String.format("| %d | %d | %d | %d | %.3f | %.3f | %.3f | %.3f |", truePositives, falsePositives,
                falseNegatives, trueNegatives, precision(), recall(), f1(), falsePositiveRate());
    }
}
