package dev.sluice.store.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatternRedactorTest {

    private final Redactor redactor = Redactor.standard();

    @Test
    void emailsCardNumbersAndBearerTokensAreMasked() {
        String text = "mail jane.doe@example.com, card 4111 1111 1111 1111, Authorization: Bearer abc.DEF-123_xyz";
        assertThat(redactor.redact(text)).isEqualTo(
                "mail [REDACTED_EMAIL], card [REDACTED_CARD], Authorization: Bearer [REDACTED_TOKEN]");
    }

    @Test
    void numbersThatFailTheLuhnCheckAreKept() {
        assertThat(redactor.redact("order 1234567890123 shipped")).isEqualTo("order 1234567890123 shipped");
    }

    @Test
    void apiKeysAreMasked() {
        assertThat(redactor.redact("key sk-proj-abcdefghijklmnop1234")).isEqualTo("key [REDACTED_KEY]");
    }

    @Test
    void aCardNumberInsideALongerRunOfDigitsIsNotACard() {
        assertThat(redactor.redact("id 94111111111111111 x")).isEqualTo("id 94111111111111111 x");
        assertThat(redactor.redact("4111-1111-1111-1111")).isEqualTo("[REDACTED_CARD]");
    }

    /**
     * Long runs that made the backtracking patterns super-linear (a 200 KB run of letters took over four minutes)
     * are redacted in linear time. The deadline guards against a return to backtracking; it is far above what the
     * linear code needs on a slow machine, and far below what the old code took for a tenth of this text.
     */
    @Test
    void longRunsOfLettersDigitsAndDotsTakeLinearTime() {
        String letters = "a".repeat(2_000_000);
        String digits = "1".repeat(2_000_000);
        String dotted = "a.".repeat(1_000_000) + "@";
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            assertThat(redactor.redact(letters)).isEqualTo(letters);
            assertThat(redactor.redact(digits)).isEqualTo(digits);
            assertThat(redactor.redact(dotted)).isEqualTo(dotted);
            assertThat(redactor.redact("x".repeat(100_000) + "@example.com")).isEqualTo("[REDACTED_EMAIL]");
        });
    }
}
