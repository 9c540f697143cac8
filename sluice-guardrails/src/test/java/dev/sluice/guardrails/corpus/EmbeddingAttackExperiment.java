package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.content.ContentClassifier;
import dev.sluice.guardrails.content.ContentType;
import dev.sluice.guardrails.content.Strength;
import dev.sluice.guardrails.topics.MiniLmEmbedder;
import java.util.List;

/**
 * The alternative that was measured and not chosen for prompt attacks: nearest exemplar by MiniLM embedding. Each
 * tuning text is classified by its nearest neighbours among the other tuning texts (leave one out): an attack when its
 * best cosine to an attack beats its best cosine to a benign text. The held-out texts are classified against all the
 * tuning texts. Prints recall, false-positive rate and cost next to the cue lexicon's. Run by bench/guardrails.sh.
 */
public final class EmbeddingAttackExperiment {

    private EmbeddingAttackExperiment() { }

    public static void main(String[] args) {
        MiniLmEmbedder e = MiniLmEmbedder.shared();
        e.embed("warm up");
        List<LabelledText> tuning = ContentScoring.ATTACKS;
        long t0 = System.nanoTime();
        float[][] tv = tuning.stream().map(t -> e.embed(t.text())).toArray(float[][]::new);
        double embedMs = (System.nanoTime() - t0) / 1e6 / tuning.size();
        BinaryCounts loo = BinaryCounts.ZERO;
        for (int i = 0; i < tuning.size(); i++) {
            loo = loo.add(tuning.get(i).label().equals("ATTACK"), nearestIsAttack(tv[i], tv, tuning, i));
        }
        BinaryCounts held = BinaryCounts.ZERO;
        for (LabelledText t : ContentScoring.ATTACKS_HELD_OUT) {
            held = held.add(t.label().equals("ATTACK"), nearestIsAttack(e.embed(t.text()), tv, tuning, -1));
        }
        ContentClassifier c = ContentClassifier.shared();
        long t1 = System.nanoTime();
        for (LabelledText t : tuning) {
            c.classify(t.text()).get(ContentType.PROMPT_ATTACK);
        }
        double lexiconUs = (System.nanoTime() - t1) / 1e3 / tuning.size();
        System.out.println("\n## Prompt attacks: cue lexicon vs nearest MiniLM exemplar\n");
        System.out.println("| method | set | TP | FP | FN | TN | precision | recall | F1 | FP rate |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.println("| nearest exemplar | tuning (leave one out) " + loo.row());
        System.out.println("| nearest exemplar | held out " + held.row());
        System.out.println("| cue lexicon, HIGH | tuning " + ContentScoring.attacks(c, tuning, Strength.HIGH, null)
                .row());
        System.out.println("| cue lexicon, HIGH | held out " + ContentScoring.attacks(c,
                ContentScoring.ATTACKS_HELD_OUT, Strength.HIGH, null).row());
        System.out.printf("%nCost per prompt: embedding %.2f ms, cue lexicon %.1f µs (cold, first pass)%n", embedMs,
                lexiconUs);
    }

    private static boolean nearestIsAttack(float[] v, float[][] all, List<LabelledText> labels, int skip) {
        double attack = -1;
        double benign = -1;
        for (int j = 0; j < all.length; j++) {
            if (j == skip) {
                continue;
            }
            double s = cosine(v, all[j]);
            if (labels.get(j).label().equals("ATTACK")) {
                attack = Math.max(attack, s);
            } else {
                benign = Math.max(benign, s);
            }
        }
        return attack > benign;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
