package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorsTest {

    private final AnthropicCodec codec = new AnthropicCodec();

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private static byte[] body(String type, String message) {
        return ("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                + "\"},\"request_id\":\"req_1\"}").getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "INVALID_REQUEST, 400, invalid_request_error",
        "UNSUPPORTED_FEATURE, 400, invalid_request_error",
        "CONTEXT_WINDOW_EXCEEDED, 400, invalid_request_error",
        "AUTHENTICATION, 401, authentication_error",
        "PERMISSION_DENIED, 403, permission_error",
        "NOT_FOUND, 404, not_found_error",
        "REQUEST_TOO_LARGE, 413, request_too_large",
        "RATE_LIMITED, 429, rate_limit_error",
        "OVERLOADED, 529, overloaded_error",
        "UPSTREAM_ERROR, 502, api_error",
        "INTERNAL, 500, api_error",
        "TIMEOUT, 504, timeout_error",
    })
    void canonicalErrorsEncodeAsAnthropicsDocumentedTypes(ErrorType type, int status, String wireType)
            throws IOException {
        WireReply reply = codec.encodeError(GatewayError.of(type, "what went wrong"));
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(Json.parse(reply.body())).isEqualTo(Json.parse(
                "{\"type\":\"error\",\"error\":{\"type\":\"" + wireType + "\",\"message\":\"what went wrong\"}}"));
        assertThat(reply.headers()).isEmpty();
    }

    @Test
    void aWaitIsSentAsRetryAfterInWholeSeconds() {
        GatewayError e = new GatewayError(ErrorType.RATE_LIMITED, 429, "slow down", "p", Duration.ofMillis(6200), null);
        assertThat(codec.encodeError(e).headers()).containsEntry("retry-after", "7");
    }

    @Test
    void anUpstream429IsRateLimitedWithItsRetryAfter() {
        GatewayError e = codec.decodeError(429, headers(Map.of("retry-after", List.of("7"))),
                body("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"), "c");
        assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.provider()).isEqualTo("c");
        assertThat(e.message()).contains("provider 'c'").contains("per-minute rate limit");
    }

    @Test
    void anUpstream529IsOverloadedAndRetryable() {
        GatewayError e = codec.decodeError(529, headers(Map.of()), body("overloaded_error", "Overloaded"), "c");
        assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED);
        assertThat(e.type().retryable()).isTrue();
        assertThat(e.status()).isEqualTo(529);
    }

    @Test
    void aPromptThatIsTooLongIsAContextWindowError() {
        GatewayError e = codec.decodeError(400, headers(Map.of()),
                body("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"), "c");
        assertThat(e.type()).isEqualTo(ErrorType.CONTEXT_WINDOW_EXCEEDED);
        assertThat(e.status()).isEqualTo(400);
    }

    @Test
    void inputAndMaxTokensOverTheLimitIsAContextWindowError() {
        GatewayError e = codec.decodeError(400, headers(Map.of()), body("invalid_request_error",
                "input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, decrease input length"
                        + " or `max_tokens` and try again"), "c");
        assertThat(e.type()).isEqualTo(ErrorType.CONTEXT_WINDOW_EXCEEDED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "500, UPSTREAM_ERROR",
        "502, UPSTREAM_ERROR",
        "503, UPSTREAM_UNAVAILABLE",
        "504, TIMEOUT",
        "404, NOT_FOUND",
        "403, PERMISSION_DENIED",
        "413, REQUEST_TOO_LARGE",
    })
    void otherStatusesKeepTheirStatusAndMapByIt(int status, ErrorType type) {
        GatewayError e = codec.decodeError(status, headers(Map.of()), body("api_error", "Internal server error"), "c");
        assertThat(e.type()).isEqualTo(type);
        assertThat(e.status()).isEqualTo(status);
    }

    @Test
    void authenticationFailuresNeverEchoTheUpstreamMessage() {
        GatewayError e = codec.decodeError(401, headers(Map.of()),
                body("authentication_error", "invalid x-api-key sk-ant-api03-abc"), "c");
        assertThat(e.type()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(e.message()).doesNotContain("sk-ant").contains("rejected the configured credentials");
    }

    @Test
    void aPermissionErrorAboutTheKeyIsNotEchoedEither() {
        GatewayError e = codec.decodeError(403, headers(Map.of()),
                body("permission_error", "API key sk-ant-api03-abc may not use this model"), "c");
        assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_DENIED);
        assertThat(e.message()).doesNotContain("sk-ant").contains("rejected the configured credentials");
    }

    @Test
    void anErrorEventInsideAStreamAboutTheKeyIsNotEchoed() {
        GatewayError e = AnthropicErrors.decodeInStream(Json.object().put("type", "authentication_error")
                .put("message", "invalid x-api-key sk-ant-api03-abc"), "c");
        assertThat(e.type()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.message()).doesNotContain("sk-ant");
    }

    @Test
    void aBodyThatIsNotJsonStillGivesAMessage() {
        GatewayError e = codec.decodeError(502, headers(Map.of()),
                "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8), "c");
        assertThat(e.type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
        assertThat(e.message()).isEqualTo("provider 'c' failed (HTTP 502)");
    }
}
