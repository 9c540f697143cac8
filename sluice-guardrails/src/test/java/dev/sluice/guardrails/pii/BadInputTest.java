package dev.sluice.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.words.WordFilter;
import dev.sluice.guardrails.words.WordPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Any string, of any size up to the 8 MiB body limit, is checked without an exception; findings stay inside the text.
 * The deadline on the large texts is not a speed test (the benchmark measures speed): it is there to catch a scan
 * that turned quadratic, which on 8 MiB would take hours instead of about a second.
 */
class BadInputTest {

    private static final int EIGHT_MIB = 8 << 20;

    private final SensitiveInformationFilter builtIn =
            new SensitiveInformationFilter(SensitiveInformationPolicy.all(Action.ANONYMIZE));
    private final SensitiveInformationFilter withRegex = new SensitiveInformationFilter(new SensitiveInformationPolicy(
            SensitiveInformationPolicy.all(Action.ANONYMIZE).entities(),
            List.of(new CustomRegex("DIGITS", "[0-9]+(?:[ .-][0-9]+)*", Action.BLOCK)), null));
    private final WordFilter words = new WordFilter(new WordPolicy(List.of("a b", "x"), null, true, null));

    @Test
    void randomUtf16OfEverySizeNeverThrowsAndKeepsFindingsInsideTheText() {
        SplittableRandom random = new SplittableRandom(8);
        String alphabet = "0123456789 -.:/@+()[]#_=AaBbFfKkSsXxZz\u0000\u200B\u200D\uFEFF\u00A0é\uD83D\uDE00\uD800\uDFFF";
        for (int round = 0; round < 2500; round++) {
            int length = round < 2000 ? random.nextInt(64) : random.nextInt(16_384);
            StringBuilder b = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                b.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x10000)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            SensitiveInformationResult r = withRegex.check(text);
            for (Finding f : r.findings()) {
                assertThat(text.substring(f.start(), f.end())).isEqualTo(f.text());
            }
            assertThatCode(() -> words.check(text)).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "8 MiB of \"{0}\"")
    @ValueSource(strings = {"4111 1111 1111 1111 ", "1 ", "a@b.co ", "@", "a@", "fe80::1:", ":", "1.2.3.4.",
            "www.", "http://", "https://a", "(", "+", "+1 (", "AKIA2345ABCDEFGH7QWERTYUIOPASDFGHJK ", "A", "DE89 ",
            "AB 12 34 ", "12/", "\u200B\u0000\uD800a\u200D", "shit ", "é"})
    void eightMibOfARepeatedPatternIsCheckedWellWithinADeadline(String unit) {
        String text = repeat(unit, EIGHT_MIB);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            SensitiveInformationResult r = builtIn.check(text);
            assertThat(r.text()).isNotNull();
            words.check(text);
        });
    }

    @Test
    void aBacktrackingNightmareOfACustomRegexRunsOverEightMibWithinADeadline() {
        // (a|aa)*c against a run of a's takes exponential time in a backtracking engine; RE2/J is linear
        SensitiveInformationFilter f = new SensitiveInformationFilter(new SensitiveInformationPolicy(Map.of(),
                List.of(new CustomRegex("NESTED", "(a|aa)*(b|a)*c", Action.BLOCK)), null));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThat(f.check(repeat("a", EIGHT_MIB))
                .findings()).isEmpty());
    }

    private static String repeat(String unit, int length) {
        StringBuilder b = new StringBuilder(length + unit.length());
        while (b.length() < length) {
            b.append(unit);
        }
        b.setLength(length);
        return b.toString();
    }
}
