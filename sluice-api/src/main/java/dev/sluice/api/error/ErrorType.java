package dev.sluice.api.error;

/**
 * The one error family of Sluice. Each wire codec maps these to and from its own error JSON once.
 * The default HTTP status is the one sent when no upstream status is kept.
 */
public enum ErrorType {
    INVALID_REQUEST(400, false),
    AUTHENTICATION(401, false),
    /**
     * A request signed with a known AWS access key id (SigV4) whose signature does not hold: it does not match, it is
     * incomplete, or its time is outside the allowed skew. AWS APIs call it {@code InvalidSignatureException}; every
     * other API sees an authentication failure.
     */
    SIGNATURE_INVALID(401, false),
    PERMISSION_DENIED(403, false),
    NOT_FOUND(404, false),
    REQUEST_TOO_LARGE(413, false),
    UNSUPPORTED_FEATURE(400, false),
    CONTEXT_WINDOW_EXCEEDED(400, false),
    CONTENT_FILTERED(400, false),
    RATE_LIMITED(429, true),
    /** A money budget of the caller (its key, use case or team) is spent until its period resets. */
    QUOTA_EXCEEDED(429, false),
    OVERLOADED(529, true),
    UPSTREAM_ERROR(502, true),
    UPSTREAM_UNAVAILABLE(503, true),
    TIMEOUT(504, true),
    INTERNAL(500, false),
    /** The caller went away before its answer was complete (nginx's 499); recorded, never sent. */
    CLIENT_CLOSED(499, false);

    private final int defaultStatus;
    private final boolean retryable;

    ErrorType(int defaultStatus, boolean retryable) {
        this.defaultStatus = defaultStatus;
        this.retryable = retryable;
    }

    public int defaultStatus() { return defaultStatus; }

    /** Whether another attempt (same or other deployment) may succeed. */
    public boolean retryable() { return retryable; }

    /**
     * The type that an upstream HTTP status means when its body says nothing more precise. Statuses an upstream
     * should never answer an API call with (1xx, 3xx, anything outside 100-599) are upstream errors.
     */
    public static ErrorType fromStatus(int status) {
        if (status < 200 || status >= 300 && status < 400 || status > 599) {
            return UPSTREAM_ERROR;
        }
        return switch (status) {
            case 400, 422 -> INVALID_REQUEST;
            case 401 -> AUTHENTICATION;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 408, 504 -> TIMEOUT;
            case 413 -> REQUEST_TOO_LARGE;
            case 429 -> RATE_LIMITED;
            case 503 -> UPSTREAM_UNAVAILABLE;
            case 529 -> OVERLOADED;
            default -> status >= 500 ? UPSTREAM_ERROR : INVALID_REQUEST;
        };
    }
}
