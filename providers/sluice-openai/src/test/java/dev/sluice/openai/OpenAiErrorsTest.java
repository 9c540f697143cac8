package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(nullValues = "null", value = {
        "INVALID_REQUEST,         400, invalid_request_error, null",
        "AUTHENTICATION,          401, authentication_error,  invalid_api_key",
        "PERMISSION_DENIED,       403, permission_error,      null",
        "NOT_FOUND,               404, not_found_error,       null",
        "REQUEST_TOO_LARGE,       413, invalid_request_error, request_too_large",
        "CONTEXT_WINDOW_EXCEEDED, 400, invalid_request_error, context_length_exceeded",
        "CONTENT_FILTERED,        400, invalid_request_error, content_filter",
        "UNSUPPORTED_FEATURE,     400, invalid_request_error, unsupported_parameter",
        "RATE_LIMITED,            429, rate_limit_error,      rate_limit_exceeded",
        "UPSTREAM_ERROR,          502, server_error,          null",
        "UPSTREAM_UNAVAILABLE,    503, server_error,          service_unavailable",
        "TIMEOUT,                 504, server_error,          timeout",
        "INTERNAL,                500, server_error,          null",
    })
    void eachErrorTypeHasItsOpenAiTypeCodeAndStatus(ErrorType type, int status, String wireType, String code)
            throws IOException {
        WireReply reply = codec.encodeError(GatewayError.of(type, "what went wrong"));
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo("application/json");
        JsonNode err = Json.parse(reply.body()).get("error");
        assertThat(err.get("message").asText()).isEqualTo("what went wrong");
        assertThat(err.get("type").asText()).isEqualTo(wireType);
        assertThat(err.get("code").isNull() ? null : err.get("code").asText()).isEqualTo(code);
        assertThat(err.has("param")).isTrue();
    }

    @Test
    void onlyAMissingModelIsModelNotFoundAndAnUnknownUrlHasNoCode() throws IOException {
        WireReply model = codec.encodeError(new GatewayError(ErrorType.NOT_FOUND, 404, "no such model", null, null,
                "model"));
        assertThat(Json.parse(model.body()).at("/error/code").asText()).isEqualTo("model_not_found");
        WireReply route = codec.encodeError(new GatewayError(ErrorType.NOT_FOUND, 404, "No route for GET /v1/x", null,
                null, null));
        assertThat(Json.parse(route.body()).at("/error/code").isNull()).isTrue();
    }

    @Test
    void aRateLimitCarriesRetryAfterAndTheParamIsKept() throws IOException {
        WireReply reply = codec.encodeError(new GatewayError(ErrorType.RATE_LIMITED, 429, "slow down", null,
                Duration.ofMillis(1500), null));
        assertThat(reply.headers()).containsEntry("retry-after", "2");
        WireReply invalid = codec.encodeError(GatewayError.invalid("bad", "messages[1].role"));
        assertThat(Json.parse(invalid.body()).at("/error/param").asText()).isEqualTo("messages[1].role");
    }

    @Test
    void anUpstreamContextOverflowIsRecognised() {
        GatewayError e = codec.decodeError(400, headers(Map.of()), bytes("""
                {"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages \
                resulted in 130000 tokens.","type":"invalid_request_error","param":"messages",\
                "code":"context_length_exceeded"}}"""), "oai");
        assertThat(e.type()).isEqualTo(ErrorType.CONTEXT_WINDOW_EXCEEDED);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.provider()).isEqualTo("oai");
        assertThat(e.message()).contains("maximum context length");
    }

    @Test
    void aCompatibleServersContextOverflowIsRecognisedByItsWords() {
        GatewayError e = codec.decodeError(400, headers(Map.of()), bytes("""
                {"object":"error","message":"This model's maximum context length is 4096 tokens. However, you                 requested 5000 tokens in the messages.","type":"BadRequestError","param":null,"code":400}"""), "vllm");
        assertThat(e.type()).isEqualTo(ErrorType.CONTEXT_WINDOW_EXCEEDED);
        assertThat(codec.decodeError(400, headers(Map.of()), bytes("""
                {"error":{"message":"bad role","type":"invalid_request_error"}}"""), "o").type())
                .isEqualTo(ErrorType.INVALID_REQUEST);
    }

    @Test
    void anUpstreamContentFilterIsRecognised() {
        GatewayError e = codec.decodeError(400, headers(Map.of()), bytes("""
                {"error":{"message":"The response was filtered","type":null,"param":"prompt","code":"content_filter",\
                "status":400}}"""), "azure");
        assertThat(e.type()).isEqualTo(ErrorType.CONTENT_FILTERED);
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        GatewayError e = codec.decodeError(429, headers(Map.of("retry-after-ms", List.of("250"),
                "retry-after", List.of("1"))), bytes("{\"error\":{\"message\":\"x\",\"code\":\"rate_limit_exceeded\"}}"),
                "oai");
        assertThat(e.type()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anAuthenticationFailureNeverEchoesTheUpstreamMessage() {
        GatewayError e = codec.decodeError(401, headers(Map.of()), bytes("""
                {"error":{"message":"Incorrect API key provided: sk-proj-abc***************wxyz.",\
                "type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"""), "oai");
        assertThat(e.type()).isEqualTo(ErrorType.AUTHENTICATION);
        assertThat(e.message()).doesNotContain("sk-").contains("oai");
    }

    @Test
    void aPermissionErrorAboutTheKeyIsNotEchoedEither() {
        GatewayError e = codec.decodeError(403, headers(Map.of()), bytes("""
                {"error":{"message":"Project key sk-proj-abc123 is not allowed to access this model",\
                "type":"invalid_request_error","param":null,"code":null}}"""), "oai");
        assertThat(e.type()).isEqualTo(ErrorType.PERMISSION_DENIED);
        assertThat(e.message()).doesNotContain("sk-").contains("oai", "403");
    }

    @Test
    void theUpstreamsErrorCodeIsNamedWhenItIsANameAndDroppedWhenItIsNot() {
        GatewayError quota = codec.decodeError(429, headers(Map.of()), bytes("""
                {"error":{"message":"You exceeded your current quota.","type":"insufficient_quota",\
                "param":null,"code":"insufficient_quota"}}"""), "oai");
        assertThat(quota.message()).isEqualTo("provider 'oai' (insufficient_quota): You exceeded your current quota.");
        GatewayError odd = codec.decodeError(400, headers(Map.of()), bytes("""
                {"error":{"message":"bad","code":"key sk-live-1 rejected"}}"""), "p");
        assertThat(odd.message()).isEqualTo("provider 'p': bad");
    }

    @Test
    void aNonJsonGatewayPageIsStillMappedByStatus() {
        GatewayError bad = codec.decodeError(502, headers(Map.of()), bytes("<html>Bad gateway</html>"), "oai");
        assertThat(bad.type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
        assertThat(bad.status()).isEqualTo(502);
        assertThat(bad.message()).isEqualTo("provider 'oai' failed (HTTP 502)");
        GatewayError unavailable = codec.decodeError(503, headers(Map.of()), new byte[0], "oai");
        assertThat(unavailable.type()).isEqualTo(ErrorType.UPSTREAM_UNAVAILABLE);
        assertThat(unavailable.type().retryable()).isTrue();
    }

    @Test
    void aBareStringErrorFromACompatibleServerIsRead() {
        GatewayError e = codec.decodeError(404, headers(Map.of()),
                bytes("{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}"), "ollama");
        assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
        assertThat(e.message()).contains("llama9");
    }
}
