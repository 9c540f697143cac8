package dev.sluice.guardrails.pii.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guardrails.corpus.CorpusFile;
import dev.sluice.guardrails.corpus.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * A detector is not run on a text that lacks what it {@link Detector#needs}: each detector, run anyway on every text
 * of the labelled corpus (and on variants that lose a character), finds nothing in a text that lacks its needs. A
 * bound set too high would lose candidates silently; this is where it would show.
 */
class DetectorNeedsTest {

    private static final List<Detector> DETECTORS = BuiltInDetectors.all();

    /** The texts a gate must not cost a candidate in: the corpus's, and each with its characters thinned out. */
    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        Random random = new Random(16);
        for (Sample s : CorpusFile.load()) {
            texts.add(s.text());
            StringBuilder thinned = new StringBuilder(s.text());
            for (int k = thinned.length() / 8; k > 0 && !thinned.isEmpty(); k--) {
                thinned.deleteCharAt(random.nextInt(thinned.length()));
            }
            texts.add(thinned.toString());
        }
        return texts;
    }

    @Test
    void noDetectorFindsAnythingInATextThatLacksWhatItNeeds() {
        Gated gated = runWhereGated((d, scan) -> (d.needs() & ~scan.features()) != 0);
        assertThat(gated.misses()).isEmpty();
        assertThat(gated.runs()).as("texts the gates kept from a detector").isGreaterThan(10_000);
    }

    @Test
    void noDetectorFindsAnythingInATextWhoseDigitRunsHoldNoCountItReads() {
        Gated gated = runWhereGated((d, scan) -> d.runDigits() != Detector.ANY_DIGITS
                && (d.runDigits() & scan.runDigits()) == 0);
        assertThat(gated.misses()).isEmpty();
        assertThat(gated.runs()).as("texts the digit counts kept from a detector").isGreaterThan(10_000);
    }

    /** What the detectors found, each in the texts that {@code gate} keeps from it, and how many such runs there were. */
    private record Gated(List<String> misses, int runs) { }

    private static Gated runWhereGated(BiPredicate<Detector, TextScan> gate) {
        List<String> misses = new ArrayList<>();
        int runs = 0;
        for (String text : texts()) {
            TextScan scan = new TextScan(text);
            for (Detector d : DETECTORS) {
                if (!gate.test(d, scan)) {
                    continue;
                }
                runs++;
                List<Candidate> found = new ArrayList<>();
                d.detect(new TextScan(text), found);
                if (!found.isEmpty()) {
                    misses.add(d.getClass().getSimpleName() + " in: " + text);
                }
            }
        }
        return new Gated(misses, runs);
    }

    @Test
    void aPhoneNumberReachesOnlyTheDigitRunDetectorsOfItsCounts() {
        long runs = new TextScan("Write to ann@example.com or call 555-201-3344.").runDigits();
        List<String> run = DETECTORS.stream()
                .filter(d -> d.runDigits() != Detector.ANY_DIGITS && (d.runDigits() & runs) != 0)
                .map(d -> d.getClass().getSimpleName()).toList();
        assertThat(run).containsExactlyInAnyOrder("CardCvvDetector", "NhsNumberDetector"); // 3 (6) and 10 digits
    }

    @Test
    void aTextWithNoDigitsNorSignsReachesOnlyTheDetectorsThatNeedNothing() {
        long has = new TextScan("You are terse. The capital of France is Paris.").features();
        List<String> run = DETECTORS.stream().filter(d -> (d.needs() & ~has) == 0)
                .map(d -> d.getClass().getSimpleName()).distinct().toList();
        assertThat(run).doesNotContain("PhoneDetector", "CardNumberDetector", "EmailDetector", "Ipv4Detector",
                "UrlDetector", "AwsAccessKeyDetector", "SocialSecurityNumberDetector");
        assertThat(run).contains("PasswordDetector"); // cue words: every text
    }

    @Test
    void theFeaturesOfATextAreWhatItHolds() {
        long has = new TextScan("mail ann@example.com, call 555-201-3344 or see https://10.0.0.1/x").features();
        assertThat(has & Needs.AT).isNotZero();
        assertThat(has & Needs.DIGITS_7).isNotZero();
        assertThat(has & Needs.DOTTED_QUAD).isNotZero();
        assertThat(has & Needs.URL_SHAPE).isNotZero();
        assertThat(has & Needs.RUN_8).isZero();
        assertThat(new TextScan("plain words only").features()).isZero();
    }
}
