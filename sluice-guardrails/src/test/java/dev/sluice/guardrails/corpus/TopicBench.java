package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.topics.MiniLmEmbedder;
import dev.sluice.guardrails.topics.TopicClassifier;
import dev.sluice.guardrails.topics.TopicScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints denied-topic precision, recall and F1 per topic at the default threshold and a sweep of thresholds, and the
 * embedding's cost. Run by bench/guardrails.sh.
 */
public final class TopicBench {

    private TopicBench() { }

    public static void main(String[] args) {
        long load = System.nanoTime();
        MiniLmEmbedder.shared().embed("warm up");
        System.out.printf("%n## Denied topics (%d texts, %d topics; MiniLM loaded in %d ms)%n%n",
                TopicScoring.TEXTS.size(), TopicScoring.topics().size(), (System.nanoTime() - load) / 1_000_000);
        long t0 = System.nanoTime();
        List<List<TopicScore>> scores = TopicScoring.similarities(MiniLmEmbedder.shared());
        double perText = (System.nanoTime() - t0) / 1e6 / TopicScoring.TEXTS.size();
        System.out.println("| threshold | topic | TP | FP | FN | TN | precision | recall | F1 | FP rate |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, BinaryCounts> e : TopicScoring.counts(scores, TopicClassifier.DEFAULT_THRESHOLD,
                null).entrySet()) {
            System.out.println("| " + TopicClassifier.DEFAULT_THRESHOLD + " | " + e.getKey() + " " + e.getValue()
                    .row());
        }
        for (double th = 0.25; th <= 0.701; th += 0.05) {
            System.out.printf("| %.2f | all %s%n", th, TopicScoring.total(TopicScoring.counts(scores, th, null))
                    .row());
        }
        System.out.printf("%nEmbedding cost: %.1f ms per corpus text on average (one short text = 1-3 windows)%n",
                perText);
        if (Arrays.asList(args).contains("--errors")) {
            List<String> errors = new ArrayList<>();
            TopicScoring.counts(scores, TopicClassifier.DEFAULT_THRESHOLD, errors);
            errors.forEach(e -> System.out.println("  " + e));
        }
    }
}
