package dev.sluice.telemetry;

import static dev.sluice.telemetry.GenAiAttributes.ATTEMPTS;
import static dev.sluice.telemetry.GenAiAttributes.ATTEMPT_NUMBER;
import static dev.sluice.telemetry.GenAiAttributes.ATTEMPT_REASON;
import static dev.sluice.telemetry.GenAiAttributes.CACHE_HIT;
import static dev.sluice.telemetry.GenAiAttributes.DEPLOYMENT;
import static dev.sluice.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.sluice.telemetry.GenAiAttributes.FINISH_REASONS;
import static dev.sluice.telemetry.GenAiAttributes.HTTP_STATUS;
import static dev.sluice.telemetry.GenAiAttributes.INBOUND_API;
import static dev.sluice.telemetry.GenAiAttributes.INPUT_TOKENS;
import static dev.sluice.telemetry.GenAiAttributes.OPERATION_NAME;
import static dev.sluice.telemetry.GenAiAttributes.OUTPUT_TOKENS;
import static dev.sluice.telemetry.GenAiAttributes.PROVIDER_ID;
import static dev.sluice.telemetry.GenAiAttributes.PROVIDER_NAME;
import static dev.sluice.telemetry.GenAiAttributes.REQUEST_ID;
import static dev.sluice.telemetry.GenAiAttributes.REQUEST_MODEL;
import static dev.sluice.telemetry.GenAiAttributes.RESPONSE_ID;
import static dev.sluice.telemetry.GenAiAttributes.RESPONSE_MODEL;
import static dev.sluice.telemetry.GenAiAttributes.ROUTE;
import static dev.sluice.telemetry.GenAiAttributes.STREAM;

import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.AttemptStart;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.CallStart;
import dev.sluice.api.event.GatewayListener;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns calls into OpenTelemetry spans: a {@code SERVER} span per call named {@code "{operation} {model}"}, parented
 * on the caller's W3C {@code traceparent} when one came, and a {@code CLIENT} child span per upstream attempt named
 * {@code "{operation} {upstream model}"} (with why it was made, {@code sluice.attempt.reason}, on a retry or fallback), whose {@code traceparent} (and {@code tracestate}) is put into the attempt's
 * forward headers so the upstream joins the trace. Spans carry the GenAI semantic conventions' attributes.
 *
 * <p>Spans are started and ended with the events' own timestamps, so they are exact whatever thread reports them.
 * A failed attempt's span ends in {@code onAttemptEnd}; a successful attempt's span is held until {@code onCallEnd}
 * so it can carry the response model, usage and finish reasons, then ended at its own end time. Open spans live in
 * a map by request id and leave it in {@code onCallEnd}, also when the call had no attempts. Events may come from
 * any thread (one at a time per request id). Never throws: a failure is logged and the span dropped.
 */
public final class TracingListener implements GatewayListener {

    private static final Logger LOG = LoggerFactory.getLogger(TracingListener.class);

    private final Tracer tracer;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();
    private final ConcurrentHashMap<String, OpenCall> calls = new ConcurrentHashMap<>();

    /** The spans of one call still open. */
    private static final class OpenCall {
        final Span span;
        final String operation;
        final Map<Integer, Span> attempts = new ConcurrentHashMap<>();
        volatile Span succeeded;
        volatile long succeededEndNanos;

        OpenCall(Span span, String operation) {
            this.span = span;
            this.operation = operation;
        }
    }

    /** A listener that starts its spans on {@code tracer}; see {@link Tracing} for one built from config. */
    public TracingListener(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void onCallStart(CallStart start) {
        try {
            Span span = callSpan(start.operation(), start.model(), start.startedAt(), start.traceparent(),
                    start.tracestate())
                    .setAttribute(REQUEST_ID, start.requestId())
                    .setAttribute(INBOUND_API, GenAiConventions.label(start.inboundApi()))
                    .setAttribute(STREAM, start.stream());
            calls.put(start.requestId(), new OpenCall(span, operation(start.operation())));
        } catch (RuntimeException e) {
            LOG.warn("could not start the span of request {}: {}", start.requestId(), e.toString());
        }
    }

    @Override
    public void onAttemptStart(AttemptStart attempt, Map<String, String> forwardHeaders) {
        try {
            OpenCall call = calls.get(attempt.requestId());
            if (call == null) {
                return;
            }
            endSucceededAttempt(call);
            Span span = tracer.spanBuilder(call.operation + " " + GenAiConventions.label(attempt.upstreamModel()))
                    .setParent(Context.root().with(call.span))
                    .setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(attempt.startedAt())
                    .setAttribute(OPERATION_NAME, call.operation)
                    .setAttribute(PROVIDER_NAME, GenAiConventions.providerName(attempt.providerType()))
                    .setAttribute(REQUEST_MODEL, GenAiConventions.label(attempt.upstreamModel()))
                    .setAttribute(DEPLOYMENT, GenAiConventions.label(attempt.deployment()))
                    .setAttribute(PROVIDER_ID, GenAiConventions.label(attempt.providerId()))
                    .setAttribute(ATTEMPT_NUMBER, (long) attempt.number())
                    .startSpan();
            Span previous = call.attempts.put(attempt.number(), span);
            if (previous != null) {
                previous.end();
            }
            propagator.inject(Context.root().with(span), forwardHeaders, (headers, key, value) -> {
                if (headers != null) {
                    headers.put(key, value);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("could not start the attempt span of request {}: {}", attempt.requestId(), e.toString());
        }
    }

    @Override
    public void onAttemptEnd(AttemptRecord attempt) {
        try {
            OpenCall call = calls.get(attempt.requestId());
            Span span = call == null ? null : call.attempts.remove(attempt.number());
            if (span == null) {
                return;
            }
            span.setAttribute(HTTP_STATUS, (long) attempt.status());
            if (attempt.reason() != null) {
                span.setAttribute(ATTEMPT_REASON, attempt.reason());
            }
            long endNanos = epochNanos(attempt.startedAt()) + Math.max(0, attempt.durationNanos());
            if (attempt.errorType() != null) {
                String errorType = GenAiConventions.errorType(attempt.errorType());
                span.setAttribute(ERROR_TYPE, errorType).setStatus(StatusCode.ERROR, errorType);
                span.end(endNanos, TimeUnit.NANOSECONDS);
            } else {
                endSucceededAttempt(call);
                call.succeededEndNanos = endNanos;
                call.succeeded = span;
            }
        } catch (RuntimeException e) {
            LOG.warn("could not end the attempt span of request {}: {}", attempt.requestId(), e.toString());
        }
    }

    @Override
    public void onCallEnd(CallRecord record) {
        try {
            CallRecord.Identity id = record.identity();
            OpenCall call = calls.remove(id.requestId());
            if (call == null) {
                // no onCallStart was seen (listener added late, or it failed): still describe the call
                String requested = record.request().operation();
                Span span = callSpan(requested, record.request().model(), id.startedAt(), id.traceparent(), null)
                        .setAttribute(REQUEST_ID, id.requestId());
                call = new OpenCall(span, operation(requested));
            }
            endCall(call, record);
        } catch (RuntimeException e) {
            LOG.warn("could not end the span of request {}: {}", record.identity().requestId(), e.toString());
        }
    }

    /** How many calls have open spans; for tests and leak checks. */
    int openCalls() {
        return calls.size();
    }

    private Span callSpan(String operation, String model, Instant startedAt, String traceparent, String tracestate) {
        String op = operation(operation);
        return tracer.spanBuilder(op + " " + GenAiConventions.label(model))
                .setParent(callerContext(traceparent, tracestate))
                .setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(startedAt)
                .setAttribute(OPERATION_NAME, op)
                .setAttribute(REQUEST_MODEL, GenAiConventions.label(model))
                .startSpan();
    }

    private Context callerContext(String traceparent, String tracestate) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put("traceparent", traceparent);
        if (tracestate != null && !tracestate.isBlank()) {
            carrier.put("tracestate", tracestate);
        }
        return propagator.extract(Context.root(), carrier, MapGetter.INSTANCE);
    }

    private void endCall(OpenCall call, CallRecord record) {
        long endNanos = epochNanos(record.identity().startedAt()) + Math.max(0, record.timing().latencyNanos());
        Span succeeded = call.succeeded;
        if (succeeded != null) {
            call.succeeded = null;
            describeResponse(succeeded, record);
            succeeded.end(call.succeededEndNanos, TimeUnit.NANOSECONDS);
        }
        for (Span orphan : call.attempts.values()) {
            orphan.setStatus(StatusCode.ERROR, "attempt not ended before its call").end(endNanos,
                    TimeUnit.NANOSECONDS);
        }
        call.attempts.clear();
        CallRecord.Routing routing = record.routing();
        CallRecord.Outcome outcome = record.outcome();
        Span span = call.span;
        span.setAttribute(PROVIDER_NAME, GenAiConventions.providerName(routing.providerType()))
                .setAttribute(HTTP_STATUS, (long) outcome.status())
                .setAttribute(ATTEMPTS, (long) routing.attempts())
                .setAttribute(CACHE_HIT, outcome.cacheHit());
        if (routing.route() != null) {
            span.setAttribute(ROUTE, routing.route());
        }
        if (routing.deployment() != null) {
            span.setAttribute(DEPLOYMENT, routing.deployment());
        }
        describeResponse(span, record);
        describeGuardrail(span, record.guardrail());
        if (outcome.errorType() != null) {
            String errorType = GenAiConventions.errorType(outcome.errorType());
            span.setAttribute(ERROR_TYPE, errorType).setStatus(StatusCode.ERROR, errorType);
        }
        span.end(endNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The guardrail's verdict as attributes of the call's span, and one {@code sluice.guardrail.finding} event per
     * kind of finding (source, policy, type, action, count): never the text that matched.
     */
    private static void describeGuardrail(Span span, dev.sluice.api.event.GuardrailVerdict g) {
        if (g == null) {
            return;
        }
        span.setAttribute("sluice.guardrail.id", g.id())
                .setAttribute("sluice.guardrail.version", g.version())
                .setAttribute("sluice.guardrail.action", g.action())
                .setAttribute("sluice.guardrail.duration_ms", g.latencyNanos() / 1e6);
        for (var f : g.findings()) {
            span.addEvent("sluice.guardrail.finding", io.opentelemetry.api.common.Attributes.builder()
                    .put("sluice.guardrail.source", f.source()).put("sluice.guardrail.policy", f.policy())
                    .put("sluice.guardrail.type", f.type()).put("sluice.guardrail.action", f.action())
                    .put("sluice.guardrail.count", (long) f.count()).build());
        }
    }

    private static void describeResponse(Span span, CallRecord record) {
        String upstreamModel = record.routing().upstreamModel();
        if (upstreamModel != null) {
            span.setAttribute(RESPONSE_MODEL, upstreamModel);
        }
        CallRecord.Outcome outcome = record.outcome();
        if (outcome.responseId() != null) {
            span.setAttribute(RESPONSE_ID, outcome.responseId());
        }
        if (outcome.stopReason() != null) {
            span.setAttribute(FINISH_REASONS, List.of(GenAiConventions.finishReason(outcome.stopReason())));
        }
        if (record.success() || outcome.usage().totalTokens() > 0) {
            span.setAttribute(INPUT_TOKENS, outcome.usage().inputTokens());
            span.setAttribute(OUTPUT_TOKENS, outcome.usage().outputTokens());
        }
    }

    private static void endSucceededAttempt(OpenCall call) {
        Span earlier = call.succeeded;
        if (earlier != null) {
            call.succeeded = null;
            earlier.end(call.succeededEndNanos, TimeUnit.NANOSECONDS);
        }
    }

    private static String operation(String operation) {
        return operation == null || operation.isBlank() ? "chat" : operation;
    }

    private static long epochNanos(Instant instant) {
        return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
    }

    /** Reads W3C headers from a plain map. */
    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
