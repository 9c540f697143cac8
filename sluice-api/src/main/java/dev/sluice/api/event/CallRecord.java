package dev.sluice.api.event;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Everything known about one finished call: what the ledger stores, the metrics count and the traces describe. Its
 * parts are never null.
 *
 * @param identity which call it was
 * @param request what the caller asked for
 * @param routing where the call went
 * @param outcome how it ended
 * @param timing how long it took
 * @param guardrail what the gateway's guardrail did, or null when no guardrail applied to the call
 */
public record CallRecord(Identity identity, Request request, Routing routing, Outcome outcome, Timing timing,
                         GuardrailVerdict guardrail) {

    public CallRecord {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(timing, "timing");
    }

    /** A call no guardrail applied to. */
    public CallRecord(Identity identity, Request request, Routing routing, Outcome outcome, Timing timing) {
        this(identity, request, routing, outcome, timing, null);
    }

    /**
     * Which call it was.
     *
     * @param requestId the call's id ({@link RequestIds})
     * @param startedAt when the call arrived, on the wall clock
     * @param traceparent the caller's W3C {@code traceparent} header, or null
     */
    public record Identity(String requestId, Instant startedAt, String traceparent) { }

    /**
     * What the caller asked for.
     *
     * @param inboundApi {@code openai}, {@code anthropic} or {@code bedrock}
     * @param operation {@code chat} or {@code embeddings}
     * @param caller who made the call; {@link Caller#MASTER} when null is given
     * @param model the public model name the caller asked for
     * @param stream whether the caller asked for a streamed answer
     * @param user the end user the request named (its {@code user} field), or null
     * @param tags client metadata from {@code x-sluice-tags}
     */
    public record Request(String inboundApi, String operation, Caller caller, String model, boolean stream,
                          String user, Map<String, String> tags) {

        public Request {
            caller = caller == null ? Caller.MASTER : caller;
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }

    /**
     * Where the call went.
     *
     * @param route the route name when the model was a route, else null
     * @param deployment the deployment (model entry) that answered last, null if none was reached
     * @param providerId the provider id that answered last, null if none was reached
     * @param providerType the provider's type ({@code openai}, {@code bedrock}, ...)
     * @param upstreamModel the model id the upstream was asked for, null if none was reached
     * @param attempts how many upstream attempts were made, 0 when none was
     * @param attemptLog every upstream attempt, in order (as many as {@code attempts} when the engine made them);
     *     empty when none was made or none was reported; never null
     */
    public record Routing(String route, String deployment, String providerId, String providerType,
                          String upstreamModel, int attempts, java.util.List<AttemptRecord> attemptLog) {

        public Routing {
            attemptLog = attemptLog == null ? java.util.List.of() : java.util.List.copyOf(attemptLog);
        }

        /** Where a call went, its attempts not itemised. */
        public Routing(String route, String deployment, String providerId, String providerType, String upstreamModel,
                       int attempts) {
            this(route, deployment, providerId, providerType, upstreamModel, attempts, java.util.List.of());
        }
    }

    /**
     * How the call ended.
     *
     * @param status the HTTP status the caller saw (200 for a stream that started, even if it broke later)
     * @param errorType null on success
     * @param errorMessage null on success
     * @param stopReason why the model stopped, or null
     * @param responseId the answer's id, or null
     * @param cacheHit whether the answer was served from Sluice's own cache rather than by an upstream
     * @param usage the tokens the call used; {@link Usage#EMPTY} when null is given
     */
    public record Outcome(int status, ErrorType errorType, String errorMessage, StopReason stopReason,
                          String responseId, boolean cacheHit, Usage usage) {

        public Outcome {
            usage = usage == null ? Usage.EMPTY : usage;
        }
    }

    /**
     * How long the call took.
     *
     * @param latencyNanos from request arrival to the last byte written
     * @param ttftNanos time to the first content event for streams (to the full answer otherwise); -1 when none came
     * @param gatewayNanos time spent in Sluice itself, excluding the upstream's time
     */
    public record Timing(long latencyNanos, long ttftNanos, long gatewayNanos) { }

    public boolean success() { return outcome.errorType() == null; }

    /**
     * Output tokens per second: of a stream, after its first token; of a whole answer, over the whole call. 0 when it
     * cannot be told.
     */
    public double outputTokensPerSecond() {
        // a stream's generation runs from its first token to its end; a whole answer shows no such split (its
        // "first token" is the whole answer), so the rate is over the whole call there
        long latencyNanos = timing.latencyNanos();
        long generationNanos = request.stream() ? latencyNanos - Math.max(timing.ttftNanos(), 0) : latencyNanos;
        long outputTokens = outcome.usage().outputTokens();
        if (outputTokens <= 0 || generationNanos <= 0) {
            return 0;
        }
        return outputTokens / (generationNanos / 1e9);
    }
}
