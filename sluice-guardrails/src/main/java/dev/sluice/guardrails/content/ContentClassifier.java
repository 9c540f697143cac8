package dev.sluice.guardrails.content;

import dev.sluice.guardrails.content.internal.CueLexicon;
import dev.sluice.guardrails.content.internal.Normalized;
import dev.sluice.guardrails.content.internal.TextNormalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The local content and prompt-attack classifier. A text is normalised ({@link TextNormalizer}: decoded, folded,
 * disguises undone) and searched once for the weighted cues of the shipped lexicon
 * ({@code dev/sluice/guardrails/content/cues.txt}: phrases such as "ignore ... previous ... instructions" in English
 * and seven other languages, with negative weights for benign intent such as "how do I defend against"). A category's
 * score is the sum of the weights of its cues found (each once); for PROMPT_ATTACK, a text that also hid words
 * (zero-width characters, leetspeak, mixed scripts, base64) scores {@value #DISGUISE_BONUS} more, since hiding an
 * instruction is itself a sign of attack. Confidence is LOW from a score of 1, MEDIUM from 2, HIGH from 3.
 *
 * <p>Immutable and thread-safe; {@link #classify} does no I/O and takes time linear in the text's length (a bounded
 * look-up per token). Get the shared instance with {@link #shared()}: the lexicon is read once, on first use.
 */
public final class ContentClassifier {

    static final double DISGUISE_BONUS = 1.0;
    private static final double LOW = 1.0;
    private static final double MEDIUM = 2.0;
    private static final double HIGH = 3.0;

    private final CueLexicon lexicon;
    private final ContentType[] categories;

    private ContentClassifier(CueLexicon lexicon) {
        this.lexicon = lexicon;
        this.categories = new ContentType[lexicon.size()];
        for (int i = 0; i < lexicon.size(); i++) {
            categories[i] = ContentType.valueOf(lexicon.category(i));
        }
    }

    private static final class Shared {
        static final ContentClassifier INSTANCE = new ContentClassifier(
                CueLexicon.load(ContentClassifier.class, "cues.txt"));
    }

    /** The classifier with the shipped lexicon, read on first use and shared. */
    public static ContentClassifier shared() {
        return Shared.INSTANCE;
    }

    /** Every category's score and confidence for {@code text}. Never throws. */
    public Map<ContentType, ContentScore> classify(String text) {
        Normalized n = TextNormalizer.normalize(text);
        CueLexicon.Hits hits = lexicon.find(n);
        double[] sums = new double[ContentType.values().length];
        BitSet all = hits.all();
        for (int id = all.nextSetBit(0); id >= 0; id = all.nextSetBit(id + 1)) {
            sums[categories[id].ordinal()] += lexicon.weight(id);
        }
        int attack = ContentType.PROMPT_ATTACK.ordinal();
        if (sums[attack] > 0 && n.obfuscated()) {
            sums[attack] += DISGUISE_BONUS;
        }
        Map<ContentType, ContentScore> out = new EnumMap<>(ContentType.class);
        for (ContentType type : ContentType.values()) {
            double score = Math.max(0, sums[type.ordinal()]);
            out.put(type, new ContentScore(type, score, confidence(score)));
        }
        return out;
    }

    /** Bedrock's confidence level for a score. */
    public static Strength confidence(double score) {
        return score >= HIGH ? Strength.HIGH : score >= MEDIUM ? Strength.MEDIUM : score >= LOW ? Strength.LOW
                : Strength.NONE;
    }

    /** The cues found in {@code text}, as written in the lexicon; for error lists and tuning. */
    public List<String> explain(String text) {
        Normalized n = TextNormalizer.normalize(text);
        BitSet all = lexicon.find(n).all();
        List<String> out = new ArrayList<>();
        for (int id = all.nextSetBit(0); id >= 0; id = all.nextSetBit(id + 1)) {
            out.add(lexicon.describe(id));
        }
        if (n.obfuscated()) {
            out.add("(disguised)");
        }
        return out;
    }
}
