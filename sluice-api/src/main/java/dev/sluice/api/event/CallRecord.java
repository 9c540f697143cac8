package dev.sluice.api.event;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import java.time.Instant;
import java.util.Map;

/**
 * Everything known about one finished call: what the ledger stores, the metrics count and the traces describe.
 *
 * @param inboundApi {@code openai}, {@code anthropic} or {@code bedrock}
 * @param operation {@code chat} or {@code embeddings}
 * @param model the public model name the caller asked for
 * @param route the route name when the model was a route, else null
 * @param deployment the deployment (model entry) that answered last, null if none was reached
 * @param providerId the provider id that answered last, null if none was reached
 * @param providerType the provider's type ({@code openai}, {@code bedrock}, ...)
 * @param status the HTTP status the caller saw (200 for a stream that started, even if it broke later)
 * @param errorType null on success
 * @param latencyNanos from request arrival to the last byte written
 * @param ttftNanos time to the first content event for streams (to the full answer otherwise); -1 when none came
 * @param gatewayNanos time spent in Sluice itself, excluding the upstream's time
 * @param tags client metadata from {@code x-sluice-tags}
 */
public record CallRecord(
        String requestId,
        Instant startedAt,
        String inboundApi,
        String operation,
        Caller caller,
        String model,
        String route,
        String deployment,
        String providerId,
        String providerType,
        String upstreamModel,
        boolean stream,
        int status,
        ErrorType errorType,
        String errorMessage,
        int attempts,
        Usage usage,
        long latencyNanos,
        long ttftNanos,
        long gatewayNanos,
        StopReason stopReason,
        String responseId,
        boolean cacheHit,
        String user,
        Map<String, String> tags,
        String traceparent) {

    public CallRecord {
        usage = usage == null ? Usage.EMPTY : usage;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        caller = caller == null ? Caller.MASTER : caller;
    }

    public boolean success() { return errorType == null; }

    /**
     * Output tokens per second: of a stream, after its first token; of a whole answer, over the whole call. 0 when it
     * cannot be told.
     */
    public double outputTokensPerSecond() {
        // a stream's generation runs from its first token to its end; a whole answer shows no such split (its
        // "first token" is the whole answer), so the rate is over the whole call there
        long generationNanos = stream ? latencyNanos - Math.max(ttftNanos, 0) : latencyNanos;
        if (usage.outputTokens() <= 0 || generationNanos <= 0) {
            return 0;
        }
        return usage.outputTokens() / (generationNanos / 1e9);
    }
}
