package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.pii.SensitiveInformationFilter;
import dev.sluice.guardrails.pii.SensitiveInformationPolicy;
import java.util.List;

/**
 * Benchmark: precision, recall and F1 per sensitive-information type on the labelled corpus, then the detectors'
 * speed on the corpus and on large texts. {@code --errors} also lists every false positive and false negative. Run
 * by {@code bench/guardrails.sh}.
 */
public final class PiiBench {

    private PiiBench() { }

    public static void main(String[] args) {
        boolean showErrors = List.of(args).contains("--errors");
        List<Sample> corpus = CorpusFile.load();
        SensitiveInformationFilter filter = new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.NONE));
        long positives = corpus.stream().mapToLong(s -> s.labels().size()).sum();
        System.out.printf("corpus: %d samples, %d labelled entities (seed %d)%n%n", corpus.size(), positives,
                CorpusGenerator.SEED);
        Scoreboard board = Scoreboard.score(corpus, filter);
        board.print(System.out);
        if (showErrors) {
            System.out.println();
            board.errors().forEach(System.out::println);
        }
        List<Sample> handwritten = HandwrittenSet.load();
        System.out.printf("%nhand-written set (styles the generator does not use; no target): %d samples, %d entities%n%n",
                handwritten.size(), handwritten.stream().mapToLong(s -> s.labels().size()).sum());
        Scoreboard hand = Scoreboard.score(handwritten, filter);
        hand.printNonEmpty(System.out);
        System.out.println();
        hand.errors().forEach(System.out::println);
        System.out.println();
        Speed.report(corpus, filter, System.out);
    }
}
