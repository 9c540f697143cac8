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
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.CallStart;
import dev.sluice.api.event.GatewayListener;
import java.util.List;

/**
 * The engine's front door. Each method runs one call through the interceptor chain and reports it: exactly one
 * {@code onCallStart} and one {@code onCallEnd} per call, whatever happens. Thread-safe; calls block their (virtual)
 * thread.
 */
public final class Gateway {

    private final ModelRegistry models;
    private final GatewayListener listener;
    private final Interceptor.Chain chain;

    public Gateway(ModelRegistry models, List<Interceptor> interceptors, GatewayListener listener, Watchdog watchdog,
                   dev.sluice.spi.http.UpstreamTransport transport) {
        this.models = models;
        this.listener = listener;
        List<Interceptor> all = new java.util.ArrayList<>(interceptors);
        all.add(new ModelResolver(models));
        this.chain = new InterceptorChain(all, new ProviderInvoker(watchdog, listener, transport));
    }

    public ModelRegistry models() { return models; }

    public ChatResponse chat(CallContext call, ChatRequest request) {
        start(call, request.model(), false, request.user());
        try {
            ChatResponse response = chain.chat(call, request);
            call.ttftNanos = System.nanoTime() - call.startNanos();
            call.usage = response.usage();
            call.stopReason = response.stopReason();
            call.responseId = response.id();
            end(call, request.model(), false, null);
            return response;
        } catch (RuntimeException e) {
            end(call, request.model(), false, errorOf(e));
            throw e;
        }
    }

    /**
     * Streams the answer into {@code sink}. A {@link GatewayException} thrown before the first event means nothing was
     * sent; after it, the caller's stream has started and the error must be reported in-stream.
     */
    public void stream(CallContext call, ChatRequest request, ChatEventSink sink) {
        start(call, request.model(), true, request.user());
        try {
            chain.stream(call, request, new RecordingSink(call, sink, listener));
            end(call, request.model(), true, null);
        } catch (RuntimeException e) {
            end(call, request.model(), true, errorOf(e));
            throw e;
        }
    }

    public EmbeddingResponse embed(CallContext call, EmbeddingRequest request) {
        start(call, request.model(), false, request.user());
        try {
            EmbeddingResponse response = chain.embed(call, request);
            call.usage = response.usage();
            end(call, request.model(), false, null);
            return response;
        } catch (RuntimeException e) {
            end(call, request.model(), false, errorOf(e));
            throw e;
        }
    }

    private void start(CallContext call, String model, boolean stream, String user) {
        call.user = user;
        listener.onCallStart(new CallStart(call.requestId(), call.startedAt(), call.inboundApi(), call.operation(),
                call.caller(), model, stream, call.traceparent(), call.tracestate()));
    }

    private static GatewayError errorOf(RuntimeException e) {
        if (e instanceof GatewayException g) {
            return g.error();
        }
        if (e instanceof ProviderInvoker.ClientGoneException) {
            return new GatewayError(ErrorType.INTERNAL, 499, "client closed the connection", null, null, null);
        }
        return GatewayError.of(ErrorType.INTERNAL, "internal error");
    }

    private void end(CallContext call, String model, boolean stream, GatewayError error) {
        long latency = System.nanoTime() - call.startNanos();
        Target t = call.target;
        int status = error == null ? 200 : (stream && call.streamStarted ? 200 : error.status());
        listener.onCallEnd(new CallRecord(call.requestId(), call.startedAt(), call.inboundApi(), call.operation(),
                call.caller(), model, call.route, t == null ? null : t.deployment().name(),
                t == null ? null : t.deployment().providerId(), t == null ? null : t.providerType(),
                t == null ? null : t.deployment().upstreamModel(), stream, status,
                error == null ? null : error.type(), error == null ? null : error.message(), call.attempts,
                call.usage, latency, call.ttftNanos, Math.max(0, latency - call.upstreamNanos), call.stopReason,
                call.responseId, call.cacheHit, call.user, call.tags(), call.traceparent()));
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
                case ChatEvent.MessageStart s -> call.responseId = s.id();
                case ChatEvent.UsageReport u -> call.usage = u.usage();
                case ChatEvent.MessageStop m -> call.stopReason = m.reason();
                default -> { }
            }
            downstream.accept(event);
            if (call.ttftNanos < 0 && (event instanceof ChatEvent.TextDelta || event instanceof ChatEvent.ToolUseStart)) {
                call.ttftNanos = System.nanoTime() - call.startNanos();
                listener.onFirstToken(call.requestId(), call.ttftNanos);
            }
        }
    }
}
