package dev.sluice.bedrock;

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

/** Errors in Bedrock's own shape for callers, and upstream AWS errors in canonical terms. */
class BedrockErrorsTest {

    final BedrockCodec codec = new BedrockCodec();

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "INVALID_REQUEST, ValidationException, 400",
        "CONTEXT_WINDOW_EXCEEDED, ValidationException, 400",
        "UNSUPPORTED_FEATURE, ValidationException, 400",
        "PERMISSION_DENIED, AccessDeniedException, 403",
        "AUTHENTICATION, UnrecognizedClientException, 403",
        "NOT_FOUND, ResourceNotFoundException, 404",
        "RATE_LIMITED, ThrottlingException, 429",
        "UPSTREAM_UNAVAILABLE, ServiceUnavailableException, 503",
        "OVERLOADED, ServiceUnavailableException, 529",
        "TIMEOUT, ModelTimeoutException, 504",
        "UPSTREAM_ERROR, ModelErrorException, 502",
        "INTERNAL, InternalServerException, 500",
    })
    void canonicalErrorsGoOutAsAwsJsonErrors(ErrorType type, String awsName, int status) throws IOException {
        WireReply reply = codec.encodeError(GatewayError.of(type, "what went wrong"));
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.headers()).containsEntry("x-amzn-ErrorType", awsName);
        assertThat(Json.parse(reply.body())).isEqualTo(Json.parse("{\"message\":\"what went wrong\"}"));
    }

    @Test
    void aRateLimitKeepsItsStatusAndRetryHint() {
        WireReply reply = codec.encodeError(new GatewayError(ErrorType.RATE_LIMITED, 429, "slow", null,
                Duration.ofMillis(6200), null));
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.headers()).containsEntry("retry-after", "7");
    }

    @Test
    void aTimeoutWithoutAServerStatusUsesTheStatusAwsUses() {
        WireReply reply = codec.encodeError(new GatewayError(ErrorType.TIMEOUT, 400, "slow", null, null, null));
        assertThat(reply.status()).isEqualTo(408);
    }

    static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    static GatewayError upstream(int status, String errorType, String body) {
        HttpHeaders h = errorType == null ? headers(Map.of())
                : headers(Map.of("x-amzn-ErrorType", List.of(errorType + ":http://internal.amazon.com/coral/")));
        return new BedrockCodec().decodeError(status, h, body.getBytes(StandardCharsets.UTF_8), "br");
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "400|ValidationException|{\"message\":\"Malformed input request\"}|INVALID_REQUEST",
        "400|ValidationException|{\"message\":\"Input is too long for requested model.\"}|CONTEXT_WINDOW_EXCEEDED",
        "400|ValidationException|{\"message\":\"prompt is too long: 210000 tokens > 200000 maximum\"}"
                + "|CONTEXT_WINDOW_EXCEEDED",
        "429|ThrottlingException|{\"message\":\"Too many requests\"}|RATE_LIMITED",
        "400|ServiceQuotaExceededException|{\"message\":\"quota\"}|RATE_LIMITED",
        "408|ModelTimeoutException|{\"message\":\"Model has timed out\"}|TIMEOUT",
        "503|ServiceUnavailableException|{\"message\":\"down\"}|UPSTREAM_UNAVAILABLE",
        "429|ModelNotReadyException|{\"message\":\"warming up\"}|UPSTREAM_UNAVAILABLE",
        "500|InternalServerException|{\"message\":\"oops\"}|UPSTREAM_ERROR",
        "424|ModelErrorException|{\"message\":\"model failed\"}|UPSTREAM_ERROR",
        "403|AccessDeniedException|{\"message\":\"You don't have access to the model\"}|PERMISSION_DENIED",
        "403|UnrecognizedClientException|{\"message\":\"The security token included in the request is invalid.\"}"
                + "|AUTHENTICATION",
        "404|ResourceNotFoundException|{\"message\":\"Model not found\"}|NOT_FOUND",
        "502||<html>Bad gateway</html>|UPSTREAM_ERROR",
    })
    void upstreamErrorsAreMappedByTheirAwsName(int status, String name, String body, ErrorType expected) {
        GatewayError e = upstream(status, name == null || name.isEmpty() ? null : name, body);
        assertThat(e.type()).isEqualTo(expected);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.provider()).isEqualTo("br");
        assertThat(e.message()).contains("'br'");
    }

    @Test
    void theTypeFieldIsUsedWhenTheHeaderIsMissing() {
        GatewayError e = codec.decodeError(429, headers(Map.of("retry-after", List.of("3"))),
                "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\",\"message\":\"Rate exceeded\"}"
                        .getBytes(StandardCharsets.UTF_8), "br");
        assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(e.message()).contains("Rate exceeded");
    }

    @Test
    void anUpstreamMessageIsPassedOnWithTheAwsErrorName() {
        GatewayError e = upstream(429, "ThrottlingException", "{\"message\":\"Too many requests\"}");
        assertThat(e.message()).contains("'br'").contains("ThrottlingException").contains("Too many requests");
    }

    @Test
    void anAccessDeniedThatTalksAboutCredentialsDoesNotEchoThem() {
        GatewayError e = upstream(403, "AccessDeniedException",
                "{\"message\":\"The security token AKIAXXXX is not allowed to call this model\"}");
        assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_DENIED);
        assertThat(e.message()).doesNotContain("AKIA");
    }

    @Test
    void credentialErrorsDoNotEchoTheUpstreamMessage() {
        GatewayError e = upstream(403, "InvalidSignatureException",
                "{\"message\":\"The request signature we calculated does not match. AKIAXXXX\"}");
        assertThat(e.type()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(e.message()).doesNotContain("AKIA");
    }
}
