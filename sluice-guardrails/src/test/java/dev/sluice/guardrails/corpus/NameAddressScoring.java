package dev.sluice.guardrails.corpus;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.pii.ContextWords;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.pii.SensitiveInformationFilter;
import dev.sluice.guardrails.pii.SensitiveInformationPolicy;
import java.util.List;
import java.util.Map;

/**
 * The NAME and ADDRESS corpus ({@code corpus/pii-names-addresses.txt}, the hand-written set's format) and the filter
 * that scores it: NAME and ADDRESS asked for, detect only. A found span counts only when it is exactly the labelled
 * span.
 */
final class NameAddressScoring {

    static final String RESOURCE = "/corpus/pii-names-addresses.txt";

    private NameAddressScoring() { }

    static final String HELD_OUT = "/corpus/pii-names-addresses-heldout.txt";

    static List<Sample> samples() {
        return HandwrittenSet.load(RESOURCE, "NA");
    }

    /** Written after the detectors and never tuned to. */
    static List<Sample> heldOut() {
        return HandwrittenSet.load(HELD_OUT, "NAH");
    }

    static SensitiveInformationFilter filter() {
        return new SensitiveInformationFilter(new SensitiveInformationPolicy(Map.of(PiiType.NAME, Action.NONE,
                PiiType.ADDRESS, Action.NONE), List.of(), ContextWords.defaults()));
    }

    static Scoreboard score(List<Sample> samples) {
        return Scoreboard.score(samples, filter());
    }
}
