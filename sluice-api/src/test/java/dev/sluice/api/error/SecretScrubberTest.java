package dev.sluice.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What is masked in upstream text, and what is left alone. */
class SecretScrubberTest {

    private static final String KEY = "sk-live-9f8e7d6c5b4a39281706";
    private final SecretScrubber scrubber = new SecretScrubber(List.of(KEY, "short"));

    @Test
    void aConfiguredSecretWholeOrInPartIsMasked() {
        assertThat(scrubber.scrub("bad key " + KEY + "!")).isEqualTo("bad key [redacted]!");
        assertThat(scrubber.scrub("key ****5b4a39281706 expired")).doesNotContain("5b4a3928").contains("[redacted]");
        assertThat(scrubber.scrub("prefix 9f8e7d6c and more")).isEqualTo("prefix [redacted] and more");
        assertThat(scrubber.scrub("a short word")).as("secrets under 8 characters are not looked for")
                .isEqualTo("a short word");
    }

    @Test
    void credentialShapesAreMaskedWhateverTheirSource() {
        assertThat(SecretScrubber.SHAPES.scrub("Authorization: Bearer abcdefgh12345678"))
                .isEqualTo("Authorization: [redacted]");
        assertThat(SecretScrubber.SHAPES.scrub("used bearer abcdefgh12345678 today"))
                .isEqualTo("used bearer [redacted] today");
        assertThat(SecretScrubber.SHAPES.scrub("key sk-ant-api03-abcDEF123_xyz invalid"))
                .isEqualTo("key [redacted] invalid");
        assertThat(SecretScrubber.SHAPES.scrub("id AKIAIOSFODNN7EXAMPLE unknown")).isEqualTo("id [redacted] unknown");
        assertThat(SecretScrubber.SHAPES.scrub("{\"api_key\": \"hunter22\"}")).isEqualTo("{\"api_key\": \"[redacted]\"}");
        assertThat(SecretScrubber.SHAPES.scrub("jwt eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4 ok"))
                .isEqualTo("jwt [redacted] ok");
        assertThat(SecretScrubber.SHAPES.scrub("secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY1 given"))
                .isEqualTo("secret [redacted] given");
    }

    @Test
    void ordinaryUpstreamMessagesAreLeftAlone() {
        for (String m : List.of("max_tokens: 100000 > 8192, which is the maximum allowed",
                "The model `gpt-4o-mini-2024-07-18` does not exist or you do not have access to it.",
                "messages.1.content: Input should be a valid list",
                "Malformed input request: #/messages/0: expected type: JSONArray, found: String",
                "Rate limit reached for requests; please try again in 20s.",
                "request 123e4567-e89b-12d3-a456-426614174000 failed")) {
            assertThat(scrubber.scrub(m)).isEqualTo(m);
        }
    }

    @Test
    void anErrorKeepsEverythingButItsSecrets() {
        GatewayError e = new GatewayError(ErrorType.INVALID_REQUEST, 400, "bad " + KEY, "up", null, "model");
        GatewayError clean = scrubber.scrub(e);
        assertThat(clean).isEqualTo(new GatewayError(ErrorType.INVALID_REQUEST, 400, "bad [redacted]", "up", null,
                "model"));
        GatewayError plain = GatewayError.invalid("fine", null);
        assertThat(scrubber.scrub(plain)).isSameAs(plain);
    }
}
