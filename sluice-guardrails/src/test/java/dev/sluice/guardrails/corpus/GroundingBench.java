package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.topics.MiniLmEmbedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints contextual grounding and relevance precision, recall and F1 on {@code corpus/grounding.json} at the
 * recommended thresholds and a sweep, and the scoring cost. Run by {@code bench/guardrails.sh --only grounding}.
 */
public final class GroundingBench {

    private GroundingBench() { }

    public static void main(String[] args) {
        MiniLmEmbedder.shared().embed("warm up");
        long t0 = System.nanoTime();
        List<GroundingScoring.Scored> scored = GroundingScoring.score(MiniLmEmbedder.shared());
        double perAnswer = (System.nanoTime() - t0) / 1e6 / scored.size();
        System.out.printf("%n## Contextual grounding and relevance (%d answers; positives = flagged answers)%n%n",
                scored.size());
        System.out.println("| filter | threshold | TP | FP | FN | TN | precision | recall | F1 | FP rate |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (double th = 0.3; th <= 0.801; th += 0.05) {
            String mark = Math.abs(th - GroundingScoring.GROUNDING_THRESHOLD) < 1e-9 ? " (recommended)" : "";
            System.out.printf("| GROUNDING | %.2f%s %s%n", th, mark, GroundingScoring.grounding(scored, th, null)
                    .row());
        }
        for (double th = 0.3; th <= 0.801; th += 0.05) {
            String mark = Math.abs(th - GroundingScoring.RELEVANCE_THRESHOLD) < 1e-9 ? " (recommended)" : "";
            System.out.printf("| RELEVANCE | %.2f%s %s%n", th, mark, GroundingScoring.relevance(scored, th, null)
                    .row());
        }
        System.out.println();
        System.out.println("| kind | answers | mean grounding | mean relevance |");
        System.out.println("|---|---:|---:|---:|");
        for (String kind : List.of("faithful", "paraphrase", "number", "name", "fabricated", "offtopic",
                "sidestep")) {
            var of = scored.stream().filter(s -> s.c().kind().equals(kind)).toList();
            System.out.printf("| %s | %d | %.3f | %.3f |%n", kind, of.size(),
                    of.stream().mapToDouble(s -> s.scores().grounding()).average().orElse(0),
                    of.stream().mapToDouble(s -> s.scores().relevance()).average().orElse(0));
        }
        System.out.printf("%nScoring cost: %.1f ms per answer on average (source, query and answer embedded)%n",
                perAnswer);
        if (Arrays.asList(args).contains("--errors")) {
            List<String> errors = new ArrayList<>();
            GroundingScoring.grounding(scored, GroundingScoring.GROUNDING_THRESHOLD, errors);
            GroundingScoring.relevance(scored, GroundingScoring.RELEVANCE_THRESHOLD, errors);
            errors.forEach(e -> System.out.println("  " + e));
        }
    }
}
