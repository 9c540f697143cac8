package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.pii.Finding;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.pii.SensitiveInformationFilter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Precision, recall and F1 of a filter on the corpus, per type and overall (micro-averaged). A finding counts only
 * when its type and its span are exactly a label's; anything else is a false positive, and a label not found exactly
 * is a false negative.
 */
public final class Scoreboard {

    /** True positives, false positives and false negatives of one type. */
    public record Counts(int truePositives, int falsePositives, int falseNegatives) {

        public double precision() {
            int found = truePositives + falsePositives;
            return found == 0 ? 1 : (double) truePositives / found;
        }

        public double recall() {
            int labelled = truePositives + falseNegatives;
            return labelled == 0 ? 1 : (double) truePositives / labelled;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Counts plus(Counts o) {
            return new Counts(truePositives + o.truePositives, falsePositives + o.falsePositives,
                    falseNegatives + o.falseNegatives);
        }
    }

    private final Map<String, Counts> byType = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    private Scoreboard() {
        for (PiiType type : PiiType.values()) {
            if (type.isStructured()) {
                byType.put(type.name(), new Counts(0, 0, 0));
            }
        }
    }

    public static Scoreboard score(List<Sample> samples, SensitiveInformationFilter filter) {
        Scoreboard board = new Scoreboard();
        for (Sample sample : samples) {
            Set<Sample.Label> gold = new HashSet<>(sample.labels());
            for (Finding f : filter.check(sample.text()).findings()) {
                Sample.Label found = new Sample.Label(f.type(), f.start(), f.end());
                if (gold.remove(found)) {
                    board.add(f.type(), new Counts(1, 0, 0));
                } else {
                    board.add(f.type(), new Counts(0, 1, 0));
                    board.errors.add("FP " + f.type() + " [" + f.text() + "] in " + sample.id() + ": " + sample.text());
                }
            }
            for (Sample.Label missed : gold) {
                board.add(missed.type(), new Counts(0, 0, 1));
                board.errors.add("FN " + missed.type() + " [" + sample.text().substring(missed.start(), missed.end())
                        + "] in " + sample.id() + ": " + sample.text());
            }
        }
        return board;
    }

    private void add(String type, Counts c) {
        byType.merge(type, c, Counts::plus);
    }

    public Map<String, Counts> byType() {
        return byType;
    }

    public Counts overall() {
        return byType.values().stream().reduce(new Counts(0, 0, 0), Counts::plus);
    }

    public List<String> errors() {
        return errors;
    }

    /** The table the benchmark prints. */
    public void print(PrintStream out) {
        out.printf("%-34s %5s %5s %5s %9s %7s %6s%n", "type", "TP", "FP", "FN", "precision", "recall", "F1");
        byType.forEach((type, c) -> row(out, type, c));
        row(out, "overall (micro)", overall());
    }

    /** The table without the types that neither occur nor were found. */
    public void printNonEmpty(PrintStream out) {
        out.printf("%-34s %5s %5s %5s %9s %7s %6s%n", "type", "TP", "FP", "FN", "precision", "recall", "F1");
        byType.forEach((type, c) -> {
            if (c.truePositives() + c.falsePositives() + c.falseNegatives() > 0) {
                row(out, type, c);
            }
        });
        row(out, "overall (micro)", overall());
    }

    private static void row(PrintStream out, String name, Counts c) {
        out.printf("%-34s %5d %5d %5d %9.3f %7.3f %6.3f%n", name, c.truePositives(), c.falsePositives(),
                c.falseNegatives(), c.precision(), c.recall(), c.f1());
    }
}
