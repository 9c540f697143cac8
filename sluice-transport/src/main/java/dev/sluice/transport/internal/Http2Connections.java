package dev.sluice.transport.internal;

import dev.sluice.spi.http.Endpoint;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The HTTP/2 connections of one event loop, one per endpoint at a time (streams multiplex on it), made once however
 * many exchanges ask at the same moment. An endpoint that answered an HTTP/2 attempt with HTTP/1.1 (by ALPN, or by
 * refusing the h2c upgrade) is remembered, and later exchanges go straight to HTTP/1.1. Confined to its loop.
 */
public final class Http2Connections {

    /** How a new connection ended up: HTTP/2, or an HTTP/1.1 connection ready for one exchange. */
    public sealed interface Outcome {
        record Http2(Http2Connection connection) implements Outcome { }

        record Http1(Channel channel) implements Outcome { }
    }

    /** What an exchange waiting for a connection is told. */
    @FunctionalInterface
    public interface Waiter {
        void ready(Outcome outcome, Throwable failure);
    }

    private final Map<Endpoint, Http2Connection> live = new HashMap<>();
    private final Map<Endpoint, List<Waiter>> connecting = new HashMap<>();
    private final Set<Endpoint> http1Only = new HashSet<>();

    public boolean http1Only(Endpoint endpoint) {
        return http1Only.contains(endpoint);
    }

    /** A connection that can take a stream now, or null. */
    public Http2Connection usable(Endpoint endpoint) {
        Http2Connection c = live.get(endpoint);
        return c != null && c.usable() ? c : null;
    }

    /**
     * Tells {@code waiter} of a usable connection: a live one, the one being made, or a new one from
     * {@code connect}. An HTTP/1.1 fallback goes to the first waiter only; the others are told to use HTTP/1.1 too,
     * with no channel, and open their own.
     */
    public void acquire(Endpoint endpoint, Supplier<Future<Outcome>> connect, Waiter waiter) {
        Http2Connection c = usable(endpoint);
        if (c != null) {
            waiter.ready(new Outcome.Http2(c), null);
            return;
        }
        List<Waiter> queue = connecting.get(endpoint);
        if (queue != null) {
            queue.add(waiter);
            return;
        }
        List<Waiter> waiters = new ArrayList<>(4);
        waiters.add(waiter);
        connecting.put(endpoint, waiters);
        connect.get().addListener((Future<Outcome> f) -> {
            List<Waiter> told = connecting.remove(endpoint);
            if (!f.isSuccess()) {
                told.forEach(w -> w.ready(null, f.cause()));
                return;
            }
            Outcome outcome = f.getNow();
            if (outcome instanceof Outcome.Http2 h2) {
                live.put(endpoint, h2.connection());
                h2.connection().channel().closeFuture().addListener(x -> live.remove(endpoint, h2.connection()));
                told.forEach(w -> w.ready(outcome, null));
            } else {
                http1Only.add(endpoint);
                told.getFirst().ready(outcome, null);
                told.subList(1, told.size()).forEach(w -> w.ready(new Outcome.Http1(null), null));
            }
        });
    }

    public void closeAll() {
        // a copy: closing a channel can run its close listener at once, which removes it from the map
        java.util.List<Http2Connection> connections = new java.util.ArrayList<>(live.values());
        live.clear();
        connections.forEach(c -> c.channel().close());
    }
}
