package dev.sluice.guardrails.corpus;

import java.util.Arrays;
import java.util.List;

/**
 * Prints NAME and ADDRESS precision, recall and F1 on {@code corpus/pii-names-addresses.txt}, and with
 * {@code --errors} every miss. Run by {@code bench/guardrails.sh --only names}.
 */
public final class NameAddressBench {

    private NameAddressBench() { }

    public static void main(String[] args) {
        List<Sample> samples = NameAddressScoring.samples();
        System.out.printf("%n## NAME and ADDRESS (%d sentences, %d labelled entities, %d negatives)%n%n",
                samples.size(), samples.stream().mapToLong(s -> s.labels().size()).sum(),
                samples.stream().filter(s -> s.labels().isEmpty()).count());
        Scoreboard board = NameAddressScoring.score(samples);
        board.printNonEmpty(System.out);
        if (Arrays.asList(args).contains("--errors")) {
            System.out.println();
            board.errors().forEach(System.out::println);
        }
        List<Sample> heldOut = NameAddressScoring.heldOut();
        System.out.printf("%nheld out (written after the detectors, never tuned to): %d sentences, %d entities%n%n",
                heldOut.size(), heldOut.stream().mapToLong(s -> s.labels().size()).sum());
        Scoreboard held = NameAddressScoring.score(heldOut);
        held.printNonEmpty(System.out);
        System.out.println();
        held.errors().forEach(System.out::println);
    }
}
