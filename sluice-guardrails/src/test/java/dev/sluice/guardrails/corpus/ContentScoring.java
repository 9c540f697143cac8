package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.content.ContentClassifier;
import dev.sluice.guardrails.content.ContentType;
import dev.sluice.guardrails.content.Strength;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the content classifier on its corpora: prompt attacks (tuning set and held-out set) and the five content
 * categories, at each filter strength (a text counts as detected when a filter of that strength would act on it).
 */
public final class ContentScoring {

    public static final List<LabelledText> ATTACKS = LabelledText.load("prompt-attacks.tsv", true);
    public static final List<LabelledText> ATTACKS_HELD_OUT = LabelledText.load("prompt-attacks-heldout.tsv", true);
    public static final List<LabelledText> CONTENT = LabelledText.load("content.tsv", false);

    private ContentScoring() { }

    static boolean detected(ContentClassifier c, ContentType type, Strength strength, String text) {
        return strength.blocks(c.classify(text).get(type).confidence());
    }

    /** Prompt-attack counts over {@code corpus} at {@code strength}; misses go to {@code errors} when not null. */
    public static BinaryCounts attacks(ContentClassifier c, List<LabelledText> corpus, Strength strength,
                                       List<String> errors) {
        BinaryCounts counts = BinaryCounts.ZERO;
        for (LabelledText t : corpus) {
            boolean attack = t.label().equals("ATTACK");
            boolean found = detected(c, ContentType.PROMPT_ATTACK, strength, t.text());
            counts = counts.add(attack, found);
            if (errors != null && attack != found) {
                errors.add((attack ? "FN " : "FP ") + t.family() + ": " + t.text() + "  " + c.explain(t.text()));
            }
        }
        return counts;
    }

    /** Recall per attack family (or false-positive rate per benign family) at {@code strength}. */
    public static Map<String, BinaryCounts> byFamily(ContentClassifier c, List<LabelledText> corpus,
                                                     Strength strength) {
        Map<String, BinaryCounts> out = new LinkedHashMap<>();
        for (LabelledText t : corpus) {
            boolean found = detected(c, ContentType.PROMPT_ATTACK, strength, t.text());
            out.merge(t.label() + " " + t.family(), BinaryCounts.ZERO.add(t.label().equals("ATTACK"), found),
                    (a, b) -> new BinaryCounts(a.truePositives() + b.truePositives(), a.falsePositives()
                            + b.falsePositives(), a.falseNegatives() + b.falseNegatives(), a.trueNegatives()
                            + b.trueNegatives()));
        }
        return out;
    }

    /** Counts per content category at {@code strength}: a text labelled with another category counts as negative. */
    public static Map<ContentType, BinaryCounts> content(ContentClassifier c, Strength strength, List<String> errors) {
        Map<ContentType, BinaryCounts> out = new LinkedHashMap<>();
        for (ContentType type : ContentType.values()) {
            if (type == ContentType.PROMPT_ATTACK) {
                continue;
            }
            BinaryCounts counts = BinaryCounts.ZERO;
            for (LabelledText t : CONTENT) {
                boolean labelled = t.label().equals(type.name());
                boolean found = detected(c, type, strength, t.text());
                counts = counts.add(labelled, found);
                if (errors != null && labelled != found) {
                    errors.add((labelled ? "FN " : "FP ") + type + ": " + t.text() + "  " + c.explain(t.text()));
                }
            }
            out.put(type, counts);
        }
        return out;
    }

    /** Every error at {@code strength}, for tuning and for {@code bench/guardrails.sh --errors}. */
    public static List<String> errors(ContentClassifier c, Strength strength) {
        List<String> errors = new ArrayList<>();
        attacks(c, ATTACKS, strength, errors);
        List<String> held = new ArrayList<>();
        attacks(c, ATTACKS_HELD_OUT, strength, held);
        held.forEach(e -> errors.add("(held out) " + e));
        content(c, strength, errors);
        return errors;
    }
}
