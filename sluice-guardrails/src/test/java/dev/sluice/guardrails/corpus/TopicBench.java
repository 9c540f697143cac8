package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.topics.Embedder;
import dev.sluice.guardrails.topics.MiniLmEmbedder;
import dev.sluice.guardrails.topics.StaticEmbeddings;
import dev.sluice.guardrails.topics.TopicClassifier;
import dev.sluice.guardrails.topics.TopicScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints denied-topic precision, recall and F1 per topic at the default threshold, for MiniLM alone on every window
 * and for the two stages (static screen, then MiniLM), a sweep of thresholds for the two stages, how many windows of
 * benign text reach MiniLM, and the cost. Run by bench/guardrails.sh.
 */
public final class TopicBench {

    /** The JMH benchmark's 4 KB support e-mail, when run from the repository's root. */
    private static final Path SUPPORT = Path.of("bench/jmh/src/main/resources/dev/sluice/bench/guardrails",
            "support-thread.txt");

    private TopicBench() { }

    public static void main(String[] args) throws IOException {
        long load = System.nanoTime();
        MiniLmEmbedder.shared().embed("warm up");
        MiniLmEmbedder.shared().screen();
        System.out.printf("%n## Denied topics (%d texts, %d topics; MiniLM and its static table loaded in %d ms)%n%n",
                TopicScoring.TEXTS.size(), TopicScoring.topics().size(), (System.nanoTime() - load) / 1_000_000);
        Counting alone = new Counting(false);
        Counting cascade = new Counting(true);
        List<List<TopicScore>> aloneScores = timed("MiniLM alone", alone);
        List<List<TopicScore>> scores = timed("static screen + MiniLM", cascade);
        System.out.println("| method | threshold | topic | TP | FP | FN | TN | precision | recall | F1 | FP rate |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows("MiniLM alone", aloneScores);
        rows("screen + MiniLM", scores);
        for (double th = 0.25; th <= 0.701; th += 0.05) {
            List<List<TopicScore>> at = TopicScoring.similarities(cascade, th);
            System.out.printf("| screen + MiniLM | %.2f | all %s%n", th,
                    TopicScoring.total(TopicScoring.counts(at, th, null)).row());
        }
        windowsReachingTheModel();
        if (Arrays.asList(args).contains("--errors")) {
            List<String> errors = new ArrayList<>();
            TopicScoring.counts(scores, TopicClassifier.DEFAULT_THRESHOLD, errors);
            errors.forEach(e -> System.out.println("  " + e));
        }
    }

    private static List<List<TopicScore>> timed(String name, Counting embedder) {
        long t0 = System.nanoTime();
        List<List<TopicScore>> scores = TopicScoring.similarities(embedder);
        System.out.printf("%s: %.1f ms per corpus text on average (new text, one short text = 1-3 windows)%n",
                name, (System.nanoTime() - t0) / 1e6 / TopicScoring.TEXTS.size());
        return scores;
    }

    private static void rows(String method, List<List<TopicScore>> scores) {
        double th = TopicClassifier.DEFAULT_THRESHOLD;
        Map<String, BinaryCounts> counts = TopicScoring.counts(scores, th, null);
        counts.forEach((topic, c) -> System.out.println("| " + method + " | " + th + " | " + topic + " " + c.row()));
        System.out.println("| " + method + " | " + th + " | **all** " + TopicScoring.total(counts).row());
    }

    /** The share of benign windows the screen passes to MiniLM: the corpus's NONE texts and the 4 KB e-mail. */
    private static void windowsReachingTheModel() throws IOException {
        List<String> benign = TopicScoring.TEXTS.stream().filter(t -> t.label().equals("NONE"))
                .map(LabelledText::text).toList();
        System.out.println();
        reaching("the corpus's 40 benign texts", benign);
        if (Files.exists(SUPPORT)) {
            reaching("the JMH benchmark's 4 KB support e-mail", List.of(Files.readString(SUPPORT).substring(0, 4096)));
        }
    }

    private static void reaching(String what, List<String> texts) {
        Counting all = new Counting(false);
        Counting passed = new Counting(true);
        TopicClassifier every = new TopicClassifier(TopicScoring.topics(), TopicClassifier.DEFAULT_THRESHOLD, all);
        TopicClassifier screened = new TopicClassifier(TopicScoring.topics(), TopicClassifier.DEFAULT_THRESHOLD,
                passed);
        every.classify("warm up");
        screened.classify("warm up");
        all.windows.set(0);
        passed.windows.set(0);
        texts.forEach(every::classify);
        texts.forEach(screened::classify);
        System.out.printf("Windows of %s that reach MiniLM at the default threshold: %d of %d (%.0f%%)%n", what,
                passed.windows.get(), all.windows.get(), 100.0 * passed.windows.get() / all.windows.get());
    }

    /** MiniLM without its cache (every text new), with or without its screen, counting the texts it embeds. */
    private static final class Counting implements Embedder {

        private final Embedder model = MiniLmEmbedder.shared().uncached();
        private final boolean screened;
        final AtomicLong windows = new AtomicLong();

        Counting(boolean screened) {
            this.screened = screened;
        }

        @Override
        public float[] embed(String text) {
            return model.embed(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            windows.addAndGet(texts.size());
            return model.embedAll(texts);
        }

        @Override
        public StaticEmbeddings screen() {
            return screened ? model.screen() : null;
        }
    }
}
