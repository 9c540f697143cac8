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
}
