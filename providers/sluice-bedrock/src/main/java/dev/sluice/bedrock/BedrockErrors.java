package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import dev.sluice.spi.http.RetryAfter;
import dev.sluice.spi.http.UpstreamErrors;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bedrock's errors, once, both ways: the canonical error as an AWS JSON error ({@code x-amzn-ErrorType} header,
 * {@code {"message": ...}} body, AWS's status), and an upstream AWS error (HTTP or in-stream exception) as a
 * canonical one, worded as {@link UpstreamErrors} words every provider's (so what AWS says about credentials is never
 * passed on). Stateless.
 */
final class BedrockErrors {

    /** The AWS error name and status that each canonical type is sent as. */
    record AwsError(String name, int status, String streamName) { }

    private BedrockErrors() { }

    static AwsError toAws(ErrorType type) {
        return switch (type) {
            case INVALID_REQUEST, UNSUPPORTED_FEATURE, CONTEXT_WINDOW_EXCEEDED, CONTENT_FILTERED, REQUEST_TOO_LARGE ->
                    new AwsError("ValidationException", 400, "validationException");
            case AUTHENTICATION -> new AwsError("UnrecognizedClientException", 403, "validationException");
            case SIGNATURE_INVALID -> new AwsError("InvalidSignatureException", 403, "validationException");
            case PERMISSION_DENIED -> new AwsError("AccessDeniedException", 403, "validationException");
            case NOT_FOUND -> new AwsError("ResourceNotFoundException", 404, "validationException");
            case RATE_LIMITED -> new AwsError("ThrottlingException", 429, "throttlingException");
            case QUOTA_EXCEEDED -> new AwsError("ServiceQuotaExceededException", 429, "throttlingException");
            case OVERLOADED, UPSTREAM_UNAVAILABLE ->
                    new AwsError("ServiceUnavailableException", 503, "serviceUnavailableException");
            case TIMEOUT -> new AwsError("ModelTimeoutException", 408, "modelStreamErrorException");
            case UPSTREAM_ERROR -> new AwsError("ModelErrorException", 424, "modelStreamErrorException");
            case INTERNAL, CLIENT_CLOSED -> new AwsError("InternalServerException", 500, "internalServerException");
        };
    }

    /** The status to answer with: the error's own when it is a 429 or 5xx, else the one AWS uses for the type. */
    static int status(GatewayError error, AwsError aws) {
        int own = error.status();
        return own == 429 || own >= 500 && own <= 599 ? own : aws.status();
    }

    static WireReply encode(GatewayError error) {
        AwsError aws = toAws(error.type());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-ErrorType", aws.name());
        if (error.retryAfter() != null) {
            headers.put("retry-after", RetryAfter.headerValue(error.retryAfter()));
        }
        byte[] body = Json.bytes(Json.object().put("message", error.message()));
        return new WireReply(status(error, aws), "application/json", headers, body);
    }

    /** An upstream HTTP error; {@code headers} may be null. */
    static GatewayError decode(int status, HttpHeaders headers, byte[] body, String providerId) {
        JsonNode json = parse(body);
        String name = headers == null ? null : headers.firstValue("x-amzn-ErrorType").orElse(null);
        if (name == null && json != null) {
            name = json.path("__type").asText(null);
        }
        String upstream = json == null ? null : firstText(json, "message", "Message");
        ErrorType type = classify(simpleName(name), upstream, status);
        Duration retryAfter = headers == null ? null : RetryAfter.from(headers);
        return new GatewayError(type, status,
                UpstreamErrors.message(type, status, simpleName(name), upstream, providerId), providerId, retryAfter,
                null);
    }

    /** An exception message in an upstream stream ({@code :exception-type} and its JSON payload). */
    static GatewayError decodeInStream(String exceptionType, byte[] payload, String providerId) {
        JsonNode json = parse(payload);
        String upstream = json == null ? null : firstText(json, "message", "Message", "originalMessage");
        ErrorType type = classify(simpleName(exceptionType), upstream, 0);
        return new GatewayError(type, type.defaultStatus(),
                UpstreamErrors.message(type, 0, exceptionType, upstream, providerId), providerId, null, null);
    }

    /** An {@code error} message in an upstream stream: its {@code :error-code} and {@code :error-message}. */
    static GatewayError decodeStreamError(String code, String upstream, String providerId) {
        return new GatewayError(ErrorType.UPSTREAM_ERROR, 502,
                UpstreamErrors.message(ErrorType.UPSTREAM_ERROR, 0, code, upstream, providerId), providerId, null,
                null);
    }

    private static ErrorType classify(String name, String message, int status) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (n.equals("validationexception") && isContextOverflow(m)) {
            return ErrorType.CONTEXT_WINDOW_EXCEEDED;
        }
        return switch (n) {
            case "validationexception" -> ErrorType.INVALID_REQUEST;
            case "throttlingexception", "servicequotaexceededexception", "toomanyrequestsexception" ->
                    ErrorType.RATE_LIMITED;
            case "modeltimeoutexception" -> ErrorType.TIMEOUT;
            case "serviceunavailableexception", "modelnotreadyexception" -> ErrorType.UPSTREAM_UNAVAILABLE;
            case "internalserverexception", "modelerrorexception", "modelstreamerrorexception" ->
                    ErrorType.UPSTREAM_ERROR;
            case "accessdeniedexception" -> ErrorType.PERMISSION_DENIED;
            case "unrecognizedclientexception", "invalidsignatureexception", "expiredtokenexception",
                 "missingauthenticationtokenexception", "incompletesignatureexception" -> ErrorType.AUTHENTICATION;
            case "resourcenotfoundexception" -> ErrorType.NOT_FOUND;
            default -> status == 0 ? ErrorType.UPSTREAM_ERROR : ErrorType.fromStatus(status);
        };
    }

    private static boolean isContextOverflow(String m) {
        return m.contains("input is too long") || m.contains("too many input tokens")
                || m.contains("prompt is too long") || m.contains("context window") || m.contains("context length") || m.contains("exceeds the context");
    }

    /** {@code ValidationException:http://internal.amazon.com/...} or {@code com.amazon...#ThrottlingException}. */
    static String simpleName(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            s = s.substring(0, colon);
        }
        int hash = s.lastIndexOf('#');
        if (hash >= 0) {
            s = s.substring(hash + 1);
        }
        return s.trim();
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode n = Json.parse(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstText(JsonNode json, String... keys) {
        for (String k : keys) {
            JsonNode n = json.get(k);
            if (n != null && n.isTextual()) {
                return n.textValue();
            }
        }
        return null;
    }
}
