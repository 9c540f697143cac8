package dev.sluice.api.error;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure in canonical form.
 *
 * @param status the HTTP status to answer with (an upstream's own status is kept, e.g. 429 stays 429)
 * @param message human-readable, safe to show to the caller (never contains secrets)
 * @param provider the provider id when the error came from upstream, else null
 * @param retryAfter how long the upstream asked to wait, else null
 * @param param the request field at fault, when known (e.g. {@code messages[2].content}), else null
 */
public record GatewayError(ErrorType type, int status, String message, String provider, Duration retryAfter,
                           String param) {

    public GatewayError {
        Objects.requireNonNull(type, "type");
        message = message == null ? type.name().toLowerCase() : message;
    }

    public static GatewayError of(ErrorType type, String message) {
        return new GatewayError(type, type.defaultStatus(), message, null, null, null);
    }

    public static GatewayError invalid(String message, String param) {
        return new GatewayError(ErrorType.INVALID_REQUEST, 400, message, null, null, param);
    }

    public GatewayError withStatus(int newStatus) {
        return new GatewayError(type, newStatus, message, provider, retryAfter, param);
    }

    public GatewayError withMessage(String newMessage) {
        return new GatewayError(type, status, newMessage, provider, retryAfter, param);
    }

    public GatewayError withProvider(String newProvider) {
        return new GatewayError(type, status, message, newProvider, retryAfter, param);
    }

    public GatewayException toException() { return new GatewayException(this); }
}
