package dev.sluice.api.event;

import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import java.time.Instant;

/**
 * One try of one deployment within a call.
 *
 * @param number 1 for the first attempt
 * @param durationNanos from sending the attempt to its end (its answer, its error or its cancellation)
 * @param status the status the attempt ended with as the caller would see it: 200, or its error's
 * @param errorType null when the attempt succeeded
 * @param reason why the gateway made this attempt: null for a call's first, else {@link #RETRY}, {@link #FALLBACK},
 *     {@link #CONTEXT_WINDOW_FALLBACK} or {@link #CONTENT_POLICY_FALLBACK}; the attempt before it says what failed
 * @param usage what an attempt whose answer was dropped used (a content filter's refusal answered again by a
 *     content-policy fallback: the upstream bills it all the same), else null: the call's own usage is the answer's
 */
public record AttemptRecord(String requestId, int number, String deployment, String providerId,
                            String providerType, String upstreamModel, Instant startedAt, long durationNanos,
                            int status, ErrorType errorType, String errorMessage, String reason, Usage usage) {

    /** Another try on the same route after a retryable failure (429, 5xx, connect error, timeout). */
    public static final String RETRY = "retry";
    /** The first try on a route's fallback, after the route before it gave up (failures, open breakers). */
    public static final String FALLBACK = "fallback";
    /** A try on a larger-context route or model after an upstream refused the prompt as too long. */
    public static final String CONTEXT_WINDOW_FALLBACK = "context_window_fallback";
    /** A try on the designated route or model after an upstream's content filter refused the request or answer. */
    public static final String CONTENT_POLICY_FALLBACK = "content_policy_fallback";

    /** An attempt whose answer, if any, was not dropped. */
    public AttemptRecord(String requestId, int number, String deployment, String providerId, String providerType,
                         String upstreamModel, Instant startedAt, long durationNanos, int status, ErrorType errorType,
                         String errorMessage, String reason) {
        this(requestId, number, deployment, providerId, providerType, upstreamModel, startedAt, durationNanos, status,
                errorType, errorMessage, reason, null);
    }

    /** An attempt with no reason: a call's first. */
    public AttemptRecord(String requestId, int number, String deployment, String providerId, String providerType,
                         String upstreamModel, Instant startedAt, long durationNanos, int status, ErrorType errorType,
                         String errorMessage) {
        this(requestId, number, deployment, providerId, providerType, upstreamModel, startedAt, durationNanos, status,
                errorType, errorMessage, null);
    }
}
