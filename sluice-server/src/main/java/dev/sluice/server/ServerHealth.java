package dev.sluice.server;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * What {@code /health} and {@code /ready} say. Health (liveness): the server is listening and not stopping; it fails
 * only when a restart would help. Readiness: it can take more calls now: listening, every listener accepting (not
 * backing off after running out of file descriptors), under the connection cap, and its storage answering.
 */
final class ServerHealth {

    /** How long {@code /ready} waits for the storage check. */
    private static final long STORAGE_WAIT_MS = 3000;

    private final Draining draining;
    private final ConnectionGuard.Shared connections;
    private final Supplier<String> storage;
    private final Executor blocking;
    private final Supplier<java.util.Map<String, Object>> cluster;
    private volatile List<Channel> listeners = List.of();

    ServerHealth(Draining draining, ConnectionGuard.Shared connections, Supplier<String> storage, Executor blocking,
                 Supplier<java.util.Map<String, Object>> cluster) {
        this.cluster = cluster;
        this.draining = draining;
        this.connections = connections;
        this.storage = storage;
        this.blocking = blocking;
    }

    void listening(List<Channel> channels) {
        this.listeners = List.copyOf(channels);
    }

    /** Null when alive, else why not. */
    String deadReason() {
        if (draining.active()) {
            return "stopping";
        }
        if (listeners.isEmpty() || listeners.stream().anyMatch(l -> !l.isActive())) {
            return "not listening";
        }
        return null;
    }

    /** Null when ready, else why not. May block up to a few seconds (the storage check): call off the loops. */
    String unreadyReason() {
        String dead = deadReason();
        if (dead != null) {
            return dead;
        }
        if (listeners.stream().anyMatch(l -> !l.config().isAutoRead())) {
            return "not accepting connections: out of file descriptors";
        }
        if (connections.full()) {
            return "at the connection cap (" + connections.max + ")";
        }
        if (storage == null) {
            return null;
        }
        try {
            return CompletableFuture.supplyAsync(storage, blocking).get(STORAGE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "storage did not answer within " + STORAGE_WAIT_MS / 1000 + " s";
        } catch (ExecutionException e) {
            return "storage check failed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    void register(Routes routes) {
        routes.add("GET", "/health", 0, ErrorShape.SLUICE, (req, res) -> {
            String dead = deadReason();
            res.send(dead == null ? 200 : 503, "application/json", status(dead == null ? "ok" : "unhealthy", dead,
                    cluster == null ? java.util.Map.of() : cluster.get()));
        });
        routes.blocking("GET", "/ready", 0, ErrorShape.SLUICE, (req, res) -> {
            String unready = unreadyReason();
            res.send(unready == null ? 200 : 503, "application/json",
                    status(unready == null ? "ready" : "not_ready", unready, java.util.Map.of()));
        });
    }

    /**
     * {@code {"status": ..., "reason": ...}} and, in cluster mode, {@code "cluster": {"redis": "up", "nodes": 2}}
     * (Redis down does not make a node unhealthy: it goes on with its share of every limit, and says so there).
     */
    private static byte[] status(String status, String reason, java.util.Map<String, Object> cluster) {
        StringBuilder b = new StringBuilder("{\"status\":").append(quoted(status));
        if (reason != null) {
            b.append(",\"reason\":").append(quoted(reason));
        }
        if (!cluster.isEmpty()) {
            b.append(",\"cluster\":{");
            new java.util.TreeMap<>(cluster).forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",")
                    .append(quoted(k)).append(':').append(v instanceof Number ? v.toString() : quoted(v.toString())));
            b.append('}');
        }
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
