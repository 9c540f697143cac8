package dev.sluice.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import dev.sluice.spi.http.RetryAfter;
import dev.sluice.spi.http.UpstreamErrors;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The one mapping between {@link GatewayError} and Anthropic's {@code {"type":"error","error":{...}}}, both ways.
 * Upstream errors are worded by {@link UpstreamErrors}, with Anthropic's error type as the upstream's code.
 */
final class AnthropicErrors {

    private AnthropicErrors() { }

    static ObjectNode body(GatewayError e) {
        ObjectNode root = Json.object().put("type", "error");
        root.putObject("error").put("type", wireType(e.type())).put("message", e.message());
        return root;
    }

    static WireReply encode(GatewayError e) {
        Map<String, String> headers = e.retryAfter() == null ? Map.of()
                : Map.of("retry-after", RetryAfter.headerValue(e.retryAfter()));
        return new WireReply(e.status(), "application/json", headers, Json.bytes(body(e)));
    }

    /** Anthropic's documented error type for a canonical one. */
    static String wireType(ErrorType t) {
        return switch (t) {
            case INVALID_REQUEST, UNSUPPORTED_FEATURE, CONTEXT_WINDOW_EXCEEDED, CONTENT_FILTERED ->
                    "invalid_request_error";
            case AUTHENTICATION, SIGNATURE_INVALID -> "authentication_error";
            case PERMISSION_DENIED -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case REQUEST_TOO_LARGE -> "request_too_large";
            case RATE_LIMITED, QUOTA_EXCEEDED -> "rate_limit_error";
            case OVERLOADED -> "overloaded_error";
            case TIMEOUT -> "timeout_error";
            case UPSTREAM_ERROR, UPSTREAM_UNAVAILABLE, INTERNAL, CLIENT_CLOSED -> "api_error";
        };
    }

    /** Reads an upstream's non-2xx answer; the upstream status is kept. */
    static GatewayError decode(int status, HttpHeaders headers, byte[] body, String providerId) {
        return read(errorNode(body), status, headers == null ? null : RetryAfter.from(headers), providerId);
    }

    /** An {@code error} event inside a stream, which has no HTTP status of its own: the type's default is used. */
    static GatewayError decodeInStream(JsonNode err, String providerId) {
        return read(err, 0, null, providerId);
    }

    /** @param status the upstream's HTTP status, or 0 inside a stream */
    private static GatewayError read(JsonNode err, int status, Duration retryAfter, String providerId) {
        String type = err == null ? null : text(err, "type");
        String upstreamMessage = err == null ? null : text(err, "message");
        ErrorType canonical = classify(status, type, upstreamMessage);
        return new GatewayError(canonical, status == 0 ? canonical.defaultStatus() : status,
                UpstreamErrors.message(canonical, status, type, upstreamMessage, providerId), providerId, retryAfter,
                null);
    }

    private static ErrorType classify(int status, String type, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("prompt is too long") || m.contains("exceed context limit")) {
            return ErrorType.CONTEXT_WINDOW_EXCEEDED;
        }
        if (status == 529 || "overloaded_error".equals(type)) {
            return ErrorType.OVERLOADED;
        }
        if (status == 429 || "rate_limit_error".equals(type)) {
            return ErrorType.RATE_LIMITED;
        }
        if (status != 0) {
            return ErrorType.fromStatus(status);
        }
        return switch (type == null ? "" : type) {
            case "invalid_request_error" -> ErrorType.INVALID_REQUEST;
            case "authentication_error" -> ErrorType.AUTHENTICATION;
            case "permission_error" -> ErrorType.PERMISSION_DENIED;
            case "not_found_error" -> ErrorType.NOT_FOUND;
            case "request_too_large" -> ErrorType.REQUEST_TOO_LARGE;
            case "timeout_error" -> ErrorType.TIMEOUT;
            default -> ErrorType.UPSTREAM_ERROR;
        };
    }

    private static JsonNode errorNode(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode root = Json.parse(body);
            JsonNode err = root == null ? null : root.get("error");
            return err != null && err.isObject() ? err : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
