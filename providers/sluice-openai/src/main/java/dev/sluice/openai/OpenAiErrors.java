package dev.sluice.openai;

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
import java.util.Map;
import java.util.regex.Pattern;

/** The one mapping between {@link GatewayError} and OpenAI's {@code {"error":{...}}} shape, both ways. */
final class OpenAiErrors {

    private static final Pattern CODE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private OpenAiErrors() { }

    /** The error object ({@code {"error":{message,type,param,code}}}) for a caller. */
    static ObjectNode body(GatewayError e) {
        ObjectNode root = Json.object();
        ObjectNode err = root.putObject("error");
        err.put("message", e.message());
        err.put("type", wireType(e.type()));
        if (e.param() != null) {
            err.put("param", e.param());
        } else {
            err.putNull("param");
        }
        // a 404 is model_not_found only when it is about the model (the param says so); an unknown URL has no code
        String code = e.type() == ErrorType.NOT_FOUND && !"model".equals(e.param()) ? null : wireCode(e.type());
        if (code != null) {
            err.put("code", code);
        } else {
            err.putNull("code");
        }
        return root;
    }

    static WireReply encode(GatewayError e) {
        Map<String, String> headers = e.retryAfter() == null ? Map.of()
                : Map.of("retry-after", RetryAfter.headerValue(e.retryAfter()));
        return new WireReply(e.status(), "application/json", headers, Json.bytes(body(e)));
    }

    private static String wireType(ErrorType t) {
        return switch (t) {
            case INVALID_REQUEST, UNSUPPORTED_FEATURE, CONTEXT_WINDOW_EXCEEDED, CONTENT_FILTERED, REQUEST_TOO_LARGE ->
                    "invalid_request_error";
            case AUTHENTICATION, SIGNATURE_INVALID -> "authentication_error";
            case PERMISSION_DENIED -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case RATE_LIMITED -> "rate_limit_error";
            case QUOTA_EXCEEDED -> "insufficient_quota";
            case TIMEOUT, OVERLOADED, UPSTREAM_ERROR, UPSTREAM_UNAVAILABLE, INTERNAL, CLIENT_CLOSED -> "server_error";
        };
    }

    private static String wireCode(ErrorType t) {
        return switch (t) {
            case AUTHENTICATION, SIGNATURE_INVALID -> "invalid_api_key";
            case NOT_FOUND -> "model_not_found";
            case RATE_LIMITED -> "rate_limit_exceeded";
            case QUOTA_EXCEEDED -> "insufficient_quota";
            case CONTEXT_WINDOW_EXCEEDED -> "context_length_exceeded";
            case CONTENT_FILTERED -> "content_filter";
            case UNSUPPORTED_FEATURE -> "unsupported_parameter";
            case REQUEST_TOO_LARGE -> "request_too_large";
            case OVERLOADED -> "server_overloaded";
            case UPSTREAM_UNAVAILABLE -> "service_unavailable";
            case TIMEOUT -> "timeout";
            default -> null;
        };
    }

    /**
     * Reads an upstream's error answer. The upstream status is kept; the body's {@code code} refines the type
     * (context overflow and content filtering are told apart from other 400s so that the gateway can fall back). The
     * message is worded by {@link UpstreamErrors}, which never passes on what an upstream says about credentials.
     */
    static GatewayError decode(int status, HttpHeaders headers, byte[] body, String providerId) {
        JsonNode err = errorNode(body);
        String code = err == null ? null : text(err, "code");
        String type = err == null ? null : text(err, "type");
        String upstreamMessage = err == null ? null : text(err, "message");
        ErrorType canonical = classify(status, code, type);
        if (canonical == ErrorType.INVALID_REQUEST && contextOverflow(upstreamMessage)) {
            canonical = ErrorType.CONTEXT_WINDOW_EXCEEDED; // compatible servers (vLLM, ...) say it only in words
        }
        String message = UpstreamErrors.message(canonical, status, name(code), upstreamMessage, providerId);
        Duration retryAfter = headers == null ? null : RetryAfter.from(headers);
        String param = err == null ? null : text(err, "param");
        return new GatewayError(canonical, status, message, providerId, retryAfter, param);
    }

    /** Whether an upstream's words say the prompt is longer than the model's context. */
    private static boolean contextOverflow(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("maximum context length") || m.contains("context length exceeded")
                || m.contains("context window");
    }

    static GatewayError decodeInStream(JsonNode err, String providerId) {
        String code = text(err, "code");
        ErrorType canonical = classify(0, code, text(err, "type"));
        int status = canonical == ErrorType.INTERNAL ? 502 : canonical.defaultStatus();
        String message = UpstreamErrors.message(canonical, 0, name(code), text(err, "message"), providerId);
        return new GatewayError(canonical, status, message, providerId, null, text(err, "param"));
    }

    private static ErrorType classify(int status, String code, String type) {
        if ("context_length_exceeded".equals(code) || "string_above_max_length".equals(code)) {
            return ErrorType.CONTEXT_WINDOW_EXCEEDED;
        }
        if ("content_filter".equals(code) || "content_policy_violation".equals(code)) {
            return ErrorType.CONTENT_FILTERED;
        }
        if (status == 0) {
            return "rate_limit_exceeded".equals(code) ? ErrorType.RATE_LIMITED : ErrorType.UPSTREAM_ERROR;
        }
        if (status == 503 || "server_overloaded".equals(code) || "engine_overloaded".equals(type)) {
            return ErrorType.UPSTREAM_UNAVAILABLE;
        }
        return ErrorType.fromStatus(status);
    }

    /**
     * The upstream's {@code code} when it is a name such as {@code insufficient_quota}, worth showing next to the
     * status; null for anything else, which is not passed on (a compatible server may put any text there).
     */
    private static String name(String code) {
        return code != null && CODE_NAME.matcher(code).matches() ? code : null;
    }

    private static JsonNode errorNode(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode root = Json.parse(body);
            JsonNode err = root == null ? null : root.get("error");
            if (err != null && err.isObject()) {
                return err;
            }
            if (err != null && err.isTextual()) {
                // vLLM and Ollama sometimes send {"error":"text"}
                return Json.object().put("message", err.textValue());
            }
            return root != null && root.isObject() && root.has("message") ? root : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : null;
    }
}
