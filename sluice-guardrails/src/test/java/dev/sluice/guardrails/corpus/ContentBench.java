package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.content.ContentClassifier;
import dev.sluice.guardrails.content.ContentType;
import dev.sluice.guardrails.content.Strength;
import java.util.Map;

/** Prints the content classifier's accuracy per strength, family and category. Run by bench/guardrails.sh. */
public final class ContentBench {

    private ContentBench() { }

    public static void main(String[] args) {
        ContentClassifier c = ContentClassifier.shared();
        boolean errors = java.util.Arrays.asList(args).contains("--errors");
        System.out.println("\n## Prompt attacks (" + ContentScoring.ATTACKS.size() + " tuning, "
                + ContentScoring.ATTACKS_HELD_OUT.size() + " held out)\n");
        System.out.println("| set | filter strength | TP | FP | FN | TN | precision | recall | F1 | FP rate |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Strength s : new Strength[] {Strength.HIGH, Strength.MEDIUM, Strength.LOW}) {
            System.out.println("| tuning | " + s + " " + ContentScoring.attacks(c, ContentScoring.ATTACKS, s, null)
                    .row());
            System.out.println("| held out | " + s + " " + ContentScoring.attacks(c, ContentScoring.ATTACKS_HELD_OUT,
                    s, null).row());
        }
        System.out.println("\nPer family, tuning set, strength HIGH (recall for attacks, FP rate for benign):\n");
        for (Map.Entry<String, BinaryCounts> e : ContentScoring.byFamily(c, ContentScoring.ATTACKS, Strength.HIGH)
                .entrySet()) {
            BinaryCounts b = e.getValue();
            System.out.printf("  %-32s %3d  %s%n", e.getKey(), b.truePositives() + b.falsePositives()
                    + b.falseNegatives() + b.trueNegatives(), e.getKey().startsWith("ATTACK")
                    ? String.format("recall %.2f", b.recall()) : String.format("FP rate %.2f", b.falsePositiveRate()));
        }
        System.out.println("\n## Content filters (" + ContentScoring.CONTENT.size() + " texts)\n");
        System.out.println("| category | filter strength | TP | FP | FN | TN | precision | recall | F1 | FP rate |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Strength s : new Strength[] {Strength.HIGH, Strength.MEDIUM, Strength.LOW}) {
            for (Map.Entry<ContentType, BinaryCounts> e : ContentScoring.content(c, s, null).entrySet()) {
                System.out.println("| " + e.getKey() + " | " + s + " " + e.getValue().row());
            }
        }
        if (errors) {
            System.out.println("\nErrors at strength HIGH:");
            ContentScoring.errors(c, Strength.HIGH).forEach(e -> System.out.println("  " + e));
        }
    }
}
