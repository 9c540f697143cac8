package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.topics.Embedder;
import dev.sluice.guardrails.topics.MiniLmEmbedder;
import dev.sluice.guardrails.topics.StaticEmbeddings;
import dev.sluice.guardrails.topics.TopicClassifier;
import dev.sluice.guardrails.topics.TopicScore;
import dev.sluice.guardrails.topics.TopicTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints denied-topic precision, recall and F1 per topic at each tier's default threshold, on the corpus and its
 * held-out set: CLASSIC (the static table alone), MiniLM alone on every window, and STANDARD (static screen, then
 * MiniLM); a sweep of thresholds for both tiers, how many windows of benign text reach MiniLM under STANDARD, and the
 * cost. Run by bench/guardrails.sh.
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
        System.out.printf("%n## Denied topics (%d texts, %d held out, %d topics; MiniLM and its static table loaded in"
                + " %d ms)%n%n", TopicScoring.TEXTS.size(), TopicScoring.HELD_OUT.size(), TopicScoring.topics().size(),
                (System.nanoTime() - load) / 1_000_000);
        Counting alone = new Counting(false);
        Counting cascade = new Counting(true);
        double standard = TopicClassifier.DEFAULT_THRESHOLD;
        double classic = TopicClassifier.CLASSIC_THRESHOLD;
        timed("CLASSIC (static table alone)", cascade, TopicTier.CLASSIC, classic, TopicScoring.TEXTS);
        List<List<TopicScore>> classicScores = timed("CLASSIC (static table alone)", cascade, TopicTier.CLASSIC,
                classic, TopicScoring.TEXTS);
        List<List<TopicScore>> aloneScores = timed("MiniLM alone", alone, TopicTier.STANDARD, standard,
                TopicScoring.TEXTS);
        List<List<TopicScore>> scores = timed("STANDARD (static screen + MiniLM)", cascade, TopicTier.STANDARD,
                standard, TopicScoring.TEXTS);
        System.out.println("| tier | texts | threshold | topic | TP | FP | FN | TN | precision | recall | F1 | FP rate |");
        System.out.println("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows("CLASSIC", "corpus", TopicScoring.TEXTS, classicScores, classic);
        rows("MiniLM alone", "corpus", TopicScoring.TEXTS, aloneScores, standard);
        rows("STANDARD", "corpus", TopicScoring.TEXTS, scores, standard);
        List<List<TopicScore>> classicHeld = TopicScoring.similarities(cascade, TopicTier.CLASSIC, classic,
                TopicScoring.HELD_OUT);
        List<List<TopicScore>> standardHeld = TopicScoring.similarities(cascade, TopicTier.STANDARD, standard,
                TopicScoring.HELD_OUT);
        rows("CLASSIC", "held out", TopicScoring.HELD_OUT, classicHeld, classic);
        rows("STANDARD", "held out", TopicScoring.HELD_OUT, standardHeld, standard);
        for (double th = 0.20; th <= 0.601; th += 0.05) {
            System.out.printf("| CLASSIC | corpus | %.2f | all %s%n", th, TopicScoring.total(
                    TopicScoring.counts(TopicScoring.TEXTS, classicScores, th, null)).row());
        }
        for (double th = 0.25; th <= 0.701; th += 0.05) {
            List<List<TopicScore>> at = TopicScoring.similarities(cascade, TopicTier.STANDARD, th, TopicScoring.TEXTS);
            System.out.printf("| STANDARD | corpus | %.2f | all %s%n", th,
                    TopicScoring.total(TopicScoring.counts(at, th, null)).row());
        }
        windowsReachingTheModel();
        if (Arrays.asList(args).contains("--errors")) {
            List<String> errors = new ArrayList<>();
            TopicScoring.counts(TopicScoring.TEXTS, classicScores, classic, errors);
            TopicScoring.counts(TopicScoring.HELD_OUT, classicHeld, classic, errors);
            errors.forEach(e -> System.out.println("  CLASSIC " + e));
            errors.clear();
            TopicScoring.counts(TopicScoring.TEXTS, scores, standard, errors);
            TopicScoring.counts(TopicScoring.HELD_OUT, standardHeld, standard, errors);
            errors.forEach(e -> System.out.println("  STANDARD " + e));
        }
    }

    private static List<List<TopicScore>> timed(String name, Counting embedder, TopicTier tier, double threshold,
                                                List<LabelledText> texts) {
        long t0 = System.nanoTime();
        List<List<TopicScore>> scores = TopicScoring.similarities(embedder, tier, threshold, texts);
        System.out.printf("%s: %.2f ms per corpus text on average (new text, one short text = 1-3 windows)%n",
                name, (System.nanoTime() - t0) / 1e6 / texts.size());
        return scores;
    }

    private static void rows(String tier, String set, List<LabelledText> texts, List<List<TopicScore>> scores,
                             double th) {
        Map<String, BinaryCounts> counts = TopicScoring.counts(texts, scores, th, null);
        counts.forEach((topic, c) -> System.out.println("| " + tier + " | " + set + " | " + th + " | " + topic + " "
                + c.row()));
        System.out.println("| " + tier + " | " + set + " | " + th + " | **all** " + TopicScoring.total(counts).row());
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
