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
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.AttemptStart;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.spi.HttpProvider;
import dev.sluice.spi.http.BlockingExchange;
import dev.sluice.spi.http.UpstreamTransport;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the chain: one attempt against the call's target, under its timeouts, reported to listeners. A provider
 * failure after a timeout fired is reported as the timeout; a caller that went away mid-stream cancels the upstream.
 */
final class ProviderInvoker implements Interceptor.Chain {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderInvoker.class);

    private final Watchdog watchdog;
    private final GatewayListener listener;
    private final UpstreamTransport transport;

    ProviderInvoker(Watchdog watchdog, GatewayListener listener, UpstreamTransport transport) {
        this.watchdog = watchdog;
        this.listener = listener;
        this.transport = transport;
    }

    @Override
    public ChatResponse chat(CallContext call, ChatRequest request) {
        ChatRequest upstream = request.withModel(call.target.deployment().upstreamModel());
        return attempt(call, false, a -> call.target.provider() instanceof HttpProvider http
                ? BlockingExchange.chat(http, transport, upstream, a)
                : call.target.provider().chat(upstream, a));
    }

    @Override
    public EmbeddingResponse embed(CallContext call, EmbeddingRequest request) {
        EmbeddingRequest upstream = request.withModel(call.target.deployment().upstreamModel());
        return attempt(call, false, a -> call.target.provider() instanceof HttpProvider http
                ? BlockingExchange.embed(http, transport, upstream, a)
                : call.target.provider().embed(upstream, a));
    }

    @Override
    public void stream(CallContext call, ChatRequest request, ChatEventSink sink) {
        ChatRequest upstream = request.withModel(call.target.deployment().upstreamModel());
        attempt(call, true, a -> {
            ChatEventSink s = new FirstTokenSink(a, sink);
            if (call.target.provider() instanceof HttpProvider http) {
                BlockingExchange.stream(http, transport, upstream, a, s);
            } else {
                call.target.provider().stream(upstream, a, s);
            }
            return null;
        });
    }

    private <T> T attempt(CallContext call, boolean stream, Function<AttemptHandle, T> body) {
        Target target = call.target;
        int number = ++call.attempts;
        Map<String, String> forward = new HashMap<>(4);
        if (call.traceparent() != null) {
            forward.put("traceparent", call.traceparent());
            if (call.tracestate() != null) {
                forward.put("tracestate", call.tracestate());
            }
        }
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        listener.onAttemptStart(new AttemptStart(call.requestId(), number, target.deployment().name(),
                target.deployment().providerId(), target.providerType(), target.deployment().upstreamModel(),
                startedAt), forward);
        AttemptHandle handle = new AttemptHandle(target.deployment(), call.requestId(), forward);
        handle.arm(watchdog, stream);
        GatewayError failure = null;
        try {
            return body.apply(handle);
        } catch (ClientGoneException e) {
            handle.cancel("caller went away");
            failure = new GatewayError(ErrorType.INTERNAL, 499, "client closed the connection", null, null, null);
            throw e;
        } catch (GatewayException e) {
            failure = handle.cancelReason() != null ? timeout(handle, target) : e.error();
            throw failure == e.error() ? e : failure.toException();
        } catch (RuntimeException e) {
            if (handle.cancelReason() != null) {
                failure = timeout(handle, target);
                throw failure.toException();
            }
            LOG.error("provider {} failed unexpectedly on request {}", target.deployment().providerId(),
                    call.requestId(), e);
            failure = new GatewayError(ErrorType.INTERNAL, 500, "internal error in provider '"
                    + target.deployment().providerId() + "'", target.deployment().providerId(), null, null);
            throw failure.toException();
        } finally {
            handle.disarm();
            long took = System.nanoTime() - t0;
            call.upstreamNanos += took;
            listener.onAttemptEnd(new AttemptRecord(call.requestId(), number, target.deployment().name(),
                    target.deployment().providerId(), target.providerType(), target.deployment().upstreamModel(),
                    startedAt, took, failure == null ? 200 : failure.status(),
                    failure == null ? null : failure.type(), failure == null ? null : failure.message()));
        }
    }

    private static GatewayError timeout(AttemptHandle handle, Target target) {
        String provider = target.deployment().providerId();
        return new GatewayError(ErrorType.TIMEOUT, 504, "provider '" + provider + "' sent " + handle.cancelReason(),
                provider, null, null);
    }

    /** The caller's connection failed while we wrote to it. */
    static final class ClientGoneException extends RuntimeException {
        ClientGoneException(Throwable cause) {
            super("client gone", cause, false, false);
        }
    }

    /** Stops the first-token timer at the first event and turns write failures into {@link ClientGoneException}. */
    private static final class FirstTokenSink implements ChatEventSink {
        private final AttemptHandle handle;
        private final ChatEventSink downstream;
        private boolean seen;

        FirstTokenSink(AttemptHandle handle, ChatEventSink downstream) {
            this.handle = handle;
            this.downstream = downstream;
        }

        @Override
        public void accept(ChatEvent event) {
            if (!seen) {
                seen = true;
                handle.firstTokenArrived();
            }
            try {
                downstream.accept(event);
            } catch (UncheckedIOException e) {
                throw new ClientGoneException(e);
            }
        }
    }
}
