package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.error.SecretScrubber;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.CallStart;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.spi.http.ProviderDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The engine's front door. Each method runs one call through the interceptor chain and reports it: exactly one
 * {@code onCallStart} and one {@code onCallEnd} per call, whatever happens. Must be called on the call's event loop
 * ({@link CallContext#bind}); the returned future completes on that loop, after {@code onCallEnd}. It fails with a
 * {@link GatewayException} (the caller's error), or {@link ClientGoneException} when the caller went away. Thread-safe.
 */
public final class Gateway {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Gateway.class);

    private final ModelRegistry models;
    private final GatewayListener listener;
    private final WorkerPool workers;
    private final Interceptor.Chain chain;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param interceptors the chain in its order ({@link Interceptors#build}); the provider invoker is appended
     * @param driver sends HTTP providers' requests (the event-loop transport)
     */
    public Gateway(ModelRegistry models, List<Interceptor> interceptors, GatewayListener listener,
                   ProviderDriver driver, WorkerPool workers) {
        this(models, interceptors, listener, driver, workers, SecretScrubber.SHAPES);
    }

    /**
     * @param scrubber removes the configured secrets (and anything shaped like a credential) from upstream errors
     *     before the caller, the ledger or a trace sees them
     */
    public Gateway(ModelRegistry models, List<Interceptor> interceptors, GatewayListener listener,
                   ProviderDriver driver, WorkerPool workers, SecretScrubber scrubber) {
        this.models = models;
        this.listener = listener;
        this.workers = workers;
        this.chain = InterceptorChain.of(new ArrayList<>(interceptors),
                new ProviderInvoker(listener, driver, scrubber));
    }

    public ModelRegistry models() { return models; }

    /** Calls started and not yet ended. */
    public int inFlight() { return inFlight.get(); }

    /**
     * Waits (on a thread that is not an event loop: the shutdown's) until no call is in flight or {@code timeout}
     * passes; true when none is left.
     */
    public boolean awaitIdle(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    /** A whole answer to a canonical request (in-process callers and tests). */
    public CompletableFuture<ChatResponse> chat(CallContext call, ChatRequest request) {
        return chat(call, ChatInput.of(request)).thenApply(ChatResult::response);
    }

    /**
     * A whole answer. The input's model must be readable ({@link ChatInput#peek}); a body that is not even that is the
     * caller's error, thrown before the call starts.
     */
    public CompletableFuture<ChatResult> chat(CallContext call, ChatInput input) {
        String model = input.model();
        start(call, model, false, input.peek().user());
        return run(() -> chain.chat(call, input)).handle((result, failure) -> {
            if (failure != null) {
                throw end(call, model, false, failure);
            }
            call.ttftNanos = System.nanoTime() - call.startNanos();
            call.usage = result.usage();
            call.stopReason = result.stopReason();
            call.responseId = result.id();
            if (call.user == null && input.decoded()) {
                call.user = input.request().user();
            }
            end(call, model, false, null);
            return result;
        });
    }

    /** A streamed answer to a canonical request (in-process callers and tests). */
    public CompletableFuture<Void> stream(CallContext call, ChatRequest request, ChatEventSink sink) {
        return stream(call, ChatInput.of(request), sink);
    }

    /**
     * Streams the answer into {@code sink}. A failure before the first event means nothing was sent; after it
     * ({@link CallContext#streamStarted()}), the caller's stream has started and the error must be told in-stream.
     */
    public CompletableFuture<Void> stream(CallContext call, ChatInput input, ChatEventSink sink) {
        String model = input.model();
        start(call, model, true, input.peek().user());
        RecordingSink recording = new RecordingSink(call, sink, listener);
        return run(() -> chain.stream(call, input, recording)).handle((nothing, failure) -> {
            if (failure != null) {
                throw end(call, model, true, failure);
            }
            if (call.user == null && input.decoded()) {
                call.user = input.request().user();
            }
            end(call, model, true, null);
            return null;
        });
    }

    /**
     * Embeds texts.
     *
     * @throws GatewayException {@code INVALID_REQUEST} at once, before any call starts, when the request is over
     *     {@link EmbeddingRequest#checkLimits() the limits}
     */
    public CompletableFuture<EmbeddingResponse> embed(CallContext call, EmbeddingRequest request) {
        request.checkLimits();
        start(call, request.model(), false, request.user());
        return run(() -> chain.embed(call, request)).handle((response, failure) -> {
            if (failure == null && values(response) > EmbeddingRequest.MAX_VALUES) {
                failure = new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502, "the upstream "
                        + "answered with more than " + EmbeddingRequest.MAX_VALUES + " numbers", null, null, null));
            }
            if (failure != null) {
                throw end(call, request.model(), false, failure);
            }
            call.usage = response.usage();
            end(call, request.model(), false, null);
            return response;
        });
    }

    private static long values(EmbeddingResponse response) {
        long n = 0;
        for (float[] v : response.vectors()) {
            n += v.length;
        }
        return n;
    }

    private static <T> CompletableFuture<T> run(java.util.function.Supplier<CompletionStage<T>> step) {
        try {
            return step.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void start(CallContext call, String model, boolean stream, String user) {
        inFlight.incrementAndGet();
        call.user = user;
        call.workers = workers;
        listener.onCallStart(new CallStart(call.requestId(), call.startedAt(), call.inboundApi(), call.operation(),
                call.caller(), model, stream, call.traceparent(), call.tracestate()));
    }

    /** The failure without its {@link CompletionException} wrapping. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static GatewayError errorOf(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof GatewayException g) {
            return g.error();
        }
        if (t instanceof ClientGoneException) {
            return ClientGoneException.ERROR;
        }
        LOG.error("a call failed unexpectedly", t); // a bug: expected failures are GatewayExceptions
        return GatewayError.of(ErrorType.INTERNAL, "internal error");
    }

    /** Reports the call's end; for a failure, returns what the caller's future fails with. */
    private RuntimeException end(CallContext call, String model, boolean stream, Throwable failure) {
        GatewayError error = failure == null ? null : errorOf(failure);
        if (error == ClientGoneException.ERROR && call.usage.outputTokens() == 0 && call.deliveredChars > 0) {
            // the caller left before the upstream reported usage: record what it was sent, estimated by length
            call.usage = new dev.sluice.api.chat.Usage(call.usage.inputTokens(), (call.deliveredChars + 3) / 4,
                    call.usage.cacheReadTokens(), call.usage.cacheWriteTokens(), call.usage.reasoningTokens());
        }
        if (failure == null) {
            call.answered();
        }
        long latency = System.nanoTime() - call.startNanos();
        int status = error == null ? 200 : (stream && call.streamStarted && error != ClientGoneException.ERROR
                ? 200 : error.status());
        listener.onCallEnd(new CallRecord(
                new CallRecord.Identity(call.requestId(), call.startedAt(), call.traceparent()),
                new CallRecord.Request(call.inboundApi(), call.operation(), call.caller(), model, stream, call.user,
                        call.tags()),
                routing(call, model),
                new CallRecord.Outcome(status, error == null ? null : error.type(),
                        error == null ? null : error.message(), call.stopReason, call.responseId, call.cacheHit,
                        call.usage),
                new CallRecord.Timing(latency, call.ttftNanos, Math.max(0, latency - call.upstreamNanos)),
                call.guardrailVerdict()));
        inFlight.decrementAndGet(); // after the record is handed over: a graceful stop waits for it
        if (failure == null) {
            return null;
        }
        Throwable t2 = unwrap(failure);
        return t2 instanceof RuntimeException r && (r instanceof GatewayException || r instanceof ClientGoneException)
                ? r : error.toException();
    }

    /**
     * Where the call went: its route, and the deployment that answered last (all null when none was reached). A call
     * the response cache answered reached no route, but the name it asked for is still the route's when it is one.
     */
    private CallRecord.Routing routing(CallContext call, String model) {
        Target t = call.target;
        if (t == null) {
            String route = call.route == null && call.cacheHit && model != null && models.route(model) != null
                    ? model : call.route;
            return new CallRecord.Routing(route, null, null, null, null, call.attempts, call.attemptLog());
        }
        return new CallRecord.Routing(call.route, t.deployment().name(), t.deployment().providerId(),
                t.providerType(), t.deployment().upstreamModel(), call.attempts, call.attemptLog());
    }

    /** Notes first token, usage, stop reason and response id as events pass. */
    private static final class RecordingSink implements ChatEventSink {
        private final CallContext call;
        private final ChatEventSink downstream;
        private final GatewayListener listener;

        RecordingSink(CallContext call, ChatEventSink downstream, GatewayListener listener) {
            this.call = call;
            this.downstream = downstream;
            this.listener = listener;
        }

        @Override
        public void accept(ChatEvent event) {
            call.streamStarted = true;
            switch (event) {
                case ChatEvent.TextDelta t -> call.deliveredChars += t.text().length();
                case ChatEvent.ToolUseDelta d -> call.deliveredChars += d.partialJson().length();
                case ChatEvent.MessageStart s -> call.responseId = s.id();
                case ChatEvent.UsageReport u -> call.usage = u.usage();
                case ChatEvent.MessageStop m -> call.stopReason = m.reason();
                case ChatEvent.Passed p -> note(p);
                default -> { }
            }
            downstream.accept(event);
            if (call.ttftNanos < 0 && (event instanceof ChatEvent.TextDelta || event instanceof ChatEvent.ToolUseStart
                    || event instanceof ChatEvent.Passed p && p.content())) {
                call.ttftNanos = System.nanoTime() - call.startNanos();
                listener.onFirstToken(call.requestId(), call.ttftNanos);
            }
        }

        /** What a passed-through wire event says, as its canonical events would have. */
        private void note(ChatEvent.Passed p) {
            call.deliveredChars += p.contentChars();
            if (p.id() != null) {
                call.responseId = p.id();
            }
            if (p.usage() != null) {
                call.usage = p.usage();
            }
            if (p.stop() != null) {
                call.stopReason = p.stop();
            }
        }
    }
}
