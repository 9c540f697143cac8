package dev.sluice.gateway.engine;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.event.Caller;
import dev.sluice.spi.Downstream;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The state of one call as it moves through the engine. Created by the inbound adapter, bound to the event loop that
 * read the request ({@link #bind}), filled in by the engine. Confined to that loop's thread: every interceptor, the
 * provider, the timers and the listeners touch it there.
 */
public final class CallContext {

    private final String requestId;
    private final String inboundApi;
    private final String operation;
    private final Caller caller;
    private final long startNanos;
    private final Instant startedAt;
    private final String traceparent;
    private final String tracestate;
    private final Map<String, String> tags;

    Target target;
    String route;
    int attempts;
    /** When every attempt must be over, on {@link System#nanoTime()}; 0 when only each attempt's timeouts hold. */
    long deadlineNanos;
    long upstreamNanos;
    long ttftNanos = -1;
    Usage usage = Usage.EMPTY;
    StopReason stopReason;
    String responseId;
    boolean cacheHit;
    boolean streamStarted;
    /** Characters of text and tool arguments streamed to the caller so far. */
    long deliveredChars;
    String user;
    private ScheduledExecutorService loop;
    private Downstream downstream = Downstream.UNBOUNDED;
    private AttemptHandle current;
    private String cancelReason;
    private Map<String, String> responseHeaders;
    private String guardrailHeader;
    private String judgeHeader;
    private Map<String, String> vendorHeaders = Map.of();
    private String sessionHeader;
    private String cacheControl;
    private java.util.List<Runnable> whenAnswered;
    private java.util.function.Supplier<dev.sluice.api.event.GuardrailVerdict> guardrailVerdict;
    private boolean readsAnswerTexts;
    private com.fasterxml.jackson.databind.JsonNode answerTrace;
    WorkerPool workers;
    /** Why the next attempt is made (an {@link dev.sluice.api.event.AttemptRecord} reason); null for a first. */
    String nextAttemptReason;
    private java.util.List<dev.sluice.api.event.AttemptRecord> attemptLog = java.util.List.of();

    /** A call that starts now. */
    public CallContext(String requestId, String inboundApi, String operation, Caller caller, long startNanos,
                       String traceparent, String tracestate, Map<String, String> tags) {
        this(requestId, Instant.now(), inboundApi, operation, caller, startNanos, traceparent, tracestate, tags);
    }

    /**
     * @param startedAt when the call arrived, on the wall clock: the instant its request id carries
     *                  ({@link dev.sluice.api.event.RequestIds#next(long)})
     * @param startNanos the same moment on {@link System#nanoTime()}, for durations
     */
    public CallContext(String requestId, Instant startedAt, String inboundApi, String operation, Caller caller,
                       long startNanos, String traceparent, String tracestate, Map<String, String> tags) {
        this.requestId = requestId;
        this.inboundApi = inboundApi;
        this.operation = operation;
        this.caller = caller;
        this.startNanos = startNanos;
        this.startedAt = startedAt;
        this.traceparent = traceparent;
        this.tracestate = tracestate;
        this.tags = tags == null ? Map.of() : tags;
    }

    public String requestId() { return requestId; }

    public String inboundApi() { return inboundApi; }

    public String operation() { return operation; }

    public Caller caller() { return caller; }

    public long startNanos() { return startNanos; }

    public Instant startedAt() { return startedAt; }

    public String traceparent() { return traceparent; }

    public String tracestate() { return tracestate; }

    public Map<String, String> tags() { return tags; }

    /** The resolved deployment, once routing has chosen one; null before. */
    public Target target() { return target; }

    public int attempts() { return attempts; }

    public Usage usage() { return usage; }

    /** Time to first token in nanoseconds, or -1. */
    public long ttftNanos() { return ttftNanos; }

    public void route(String name) { this.route = name; }

    /**
     * Adds a header to the caller's answer, whatever it is (a whole answer, a stream's head, an error), e.g. the
     * rate-limit headers; set before the answer starts. Confined to the call's thread.
     */
    public void responseHeader(String name, String value) {
        if (responseHeaders == null) {
            responseHeaders = new java.util.LinkedHashMap<>(8);
        }
        responseHeaders.put(name, value);
    }

    /** The headers interceptors added for the caller's answer; empty when none. */
    public Map<String, String> responseHeaders() {
        return responseHeaders == null ? Map.of() : responseHeaders;
    }

    /** True once a streamed answer sent its first event to the caller. */
    public boolean streamStarted() { return streamStarted; }

    /**
     * Binds the call to the event loop that runs it and to the caller's flow control. Called once by the inbound
     * adapter, before the call starts.
     */
    public CallContext bind(ScheduledExecutorService callLoop, Downstream callerSide) {
        this.loop = callLoop;
        this.downstream = callerSide == null ? Downstream.UNBOUNDED : callerSide;
        return this;
    }

    /** The event loop the call runs on. */
    public ScheduledExecutorService loop() { return loop; }

    /** The caller's flow control (streams). */
    public Downstream downstream() { return downstream; }

    /**
     * The caller went away (or the server is stopping): cancels the attempt in flight, which aborts its upstream
     * exchange. Idempotent; call on the call's thread.
     */
    public void cancel(String reason) {
        if (cancelReason != null) {
            return;
        }
        cancelReason = reason;
        if (current != null) {
            current.cancel(AttemptHandle.Cause.CALLER_GONE, reason);
        }
    }

    /**
     * The gateway needs nothing more from the upstream (the output guardrail blocked a stream): closes the attempt
     * in flight, which aborts its upstream exchange, and lets the call end normally with what it already sent.
     * Returns whether an attempt was in flight. Call on the call's thread.
     */
    public boolean stopUpstream(String reason) {
        if (current == null) {
            return false;
        }
        current.cancel(AttemptHandle.Cause.STOPPED, reason);
        return true;
    }

    /**
     * Runs blocking work (JDBC, ONNX models, heavy regexes) on the gateway's bounded worker pool; the stage completes
     * back on this call's event loop. Interceptors must use this rather than block the loop.
     */
    public <T> java.util.concurrent.CompletionStage<T> offload(java.util.function.Supplier<T> work) {
        return workers.submit(work, loop);
    }

    /** Why the call was cancelled, or null. */
    public String cancelReason() { return cancelReason; }

    void attemptStarted(AttemptHandle attempt) {
        current = attempt;
        if (cancelReason != null) {
            attempt.cancel(AttemptHandle.Cause.CALLER_GONE, cancelReason);
        }
    }

    void attemptEnded(AttemptHandle attempt) {
        if (current == attempt) {
            current = null;
        }
    }

    /** Adds a finished attempt to the call's log; the one-attempt call keeps an immutable one-element list. */
    void attemptRecorded(dev.sluice.api.event.AttemptRecord attempt) {
        if (attemptLog.isEmpty()) {
            attemptLog = java.util.List.of(attempt);
            return;
        }
        if (attemptLog.size() == 1) {
            attemptLog = new java.util.ArrayList<>(attemptLog);
        }
        attemptLog.add(attempt);
    }

    /**
     * Marks the last attempt's answer as withheld by its upstream's content filter (it answered, and the answer was
     * dropped for a content-policy fallback), so that its record does not read as the call's success, and keeps what
     * it used: the upstream bills it, so budgets and the ledger count it ({@link #droppedAttempts}).
     *
     * @param used the dropped answer's usage
     */
    void lastAttemptRefused(Usage used) {
        if (attemptLog.isEmpty()) {
            return;
        }
        var a = attemptLog.getLast();
        var refused = new dev.sluice.api.event.AttemptRecord(a.requestId(), a.number(), a.deployment(), a.providerId(),
                a.providerType(), a.upstreamModel(), a.startedAt(), a.durationNanos(), a.status(),
                ErrorType.CONTENT_FILTERED, "the upstream's content filter withheld the answer", a.reason(),
                used == null ? Usage.EMPTY : used);
        if (attemptLog.size() == 1) {
            attemptLog = java.util.List.of(refused);
        } else {
            attemptLog.set(attemptLog.size() - 1, refused);
        }
    }

    /** The attempts whose answers were dropped and whose usage is not the call's own, in order; never null. */
    public java.util.List<dev.sluice.api.event.AttemptRecord> droppedAttempts() {
        if (attemptLog.isEmpty() || (attemptLog.size() == 1 && attemptLog.getFirst().usage() == null)) {
            return java.util.List.of();
        }
        return attemptLog.stream().filter(a -> a.usage() != null).toList();
    }

    /** The attempts this call made so far, in order; never null. */
    public java.util.List<dev.sluice.api.event.AttemptRecord> attemptLog() { return attemptLog; }

    public void cacheHit(boolean hit) { this.cacheHit = hit; }

    /** The caller's {@code x-sluice-guardrail} header, set by the inbound adapter; null when absent. */
    public String guardrailHeader() { return guardrailHeader; }

    public CallContext guardrailHeader(String value) {
        this.guardrailHeader = value;
        return this;
    }

    /**
     * The {@code x-sluice-guardrail-judge} header: the token with which a guardrail's own judge model calls the
     * gateway (see {@code GuardrailInterceptor}); null when absent.
     */
    public String judgeHeader() { return judgeHeader; }

    public CallContext judgeHeader(String value) {
        this.judgeHeader = value;
        return this;
    }

    /**
     * The caller's headers that its API's own upstream should see (Anthropic's {@code anthropic-beta}), set by the
     * inbound adapter; passed on only to an upstream of the caller's API. Empty when none.
     */
    public Map<String, String> vendorHeaders() { return vendorHeaders; }

    public CallContext vendorHeaders(Map<String, String> headers) {
        this.vendorHeaders = Map.copyOf(headers);
        return this;
    }

    /**
     * Runs {@code action} on the call's thread once the whole call succeeded: after every interceptor, the output
     * guardrails included, finished with it, before its record goes to the listeners; never when it fails. For work
     * that depends on the call's final outcome (the response cache stores an answer only when no guardrail changed
     * it). {@code action} must be quick and must not throw (what it throws is logged and dropped).
     */
    public void whenAnswered(Runnable action) {
        if (whenAnswered == null) {
            whenAnswered = new java.util.ArrayList<>(2);
        }
        whenAnswered.add(action);
    }

    /** Runs the {@link #whenAnswered} actions; by the gateway, once, when the call succeeded. */
    void answered() {
        if (whenAnswered == null) {
            return;
        }
        for (Runnable r : whenAnswered) {
            try {
                r.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(CallContext.class).warn("an action after call {} failed: {}",
                        requestId, e.toString());
            }
        }
    }

    /** The caller's {@code cache-control} header, set by the inbound adapter; null when absent. */
    public String cacheControl() { return cacheControl; }

    public CallContext cacheControl(String value) {
        this.cacheControl = value;
        return this;
    }

    /** What the guardrail did on this call so far (the record's verdict); null when none applied. */
    public dev.sluice.api.event.GuardrailVerdict guardrailVerdict() {
        return guardrailVerdict == null ? null : guardrailVerdict.get();
    }

    /** The caller's {@code x-sluice-session} header (pins a session to a route's deployment), or null when absent. */
    public String sessionHeader() { return sessionHeader; }

    public CallContext sessionHeader(String value) {
        this.sessionHeader = value;
        return this;
    }

    /**
     * A trace the caller asked to get with its whole answer (Converse's guardrail trace), added by its API's codec
     * ({@link dev.sluice.api.wire.ChatWireCodec#withTrace}); null when none.
     */
    public com.fasterxml.jackson.databind.JsonNode answerTrace() { return answerTrace; }

    public void answerTrace(com.fasterxml.jackson.databind.JsonNode trace) { this.answerTrace = trace; }

    /**
     * Set by the guardrail interceptor, on the call's thread, when its first check finishes: what {@code verdict}
     * gives, on the call's thread, is the verdict so far (made when asked, not after every check).
     */
    public void guardrailVerdict(java.util.function.Supplier<dev.sluice.api.event.GuardrailVerdict> verdict) {
        this.guardrailVerdict = verdict;
    }

    /**
     * Whether a whole answer that takes the fast path is read with the texts a guardrail checks
     * ({@link dev.sluice.spi.http.PassedAnswer#texts}): set by the guardrail interceptor before it sends the call on.
     */
    public boolean readsAnswerTexts() { return readsAnswerTexts; }

    public void readAnswerTexts() { this.readsAnswerTexts = true; }

    /** Marks the error type the caller would see (used by the record when a call fails). */
    static ErrorType typeOf(Throwable t) {
        return t instanceof dev.sluice.api.error.GatewayException g ? g.error().type() : ErrorType.INTERNAL;
    }
}
