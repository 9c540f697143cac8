package dev.sluice.transport.internal;

import dev.sluice.spi.http.Endpoint;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The idle keep-alive connections of one event loop, per endpoint. Confined to that loop's thread, so it needs no
 * locks, and a connection taken from it is already registered with the loop that runs the call. Most recently used
 * first, so that a quiet period lets the least used connections time out.
 */
public final class LoopPool {

    private final int maxIdlePerEndpoint;
    private final Map<Endpoint, ArrayDeque<Channel>> idle = new HashMap<>();

    public LoopPool(int maxIdlePerEndpoint) {
        this.maxIdlePerEndpoint = maxIdlePerEndpoint;
    }

    /** An open idle connection to {@code endpoint}, or null; closed ones found on the way are dropped. */
    public Channel take(Endpoint endpoint) {
        ArrayDeque<Channel> q = idle.get(endpoint);
        if (q == null) {
            return null;
        }
        Channel c;
        while ((c = q.pollFirst()) != null) {
            if (c.isActive()) {
                return c;
            }
        }
        return null;
    }

    /** Keeps a connection whose exchange ended cleanly; beyond the cap, the least recently used one is closed. */
    public void give(Endpoint endpoint, Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        ArrayDeque<Channel> q = idle.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        q.offerFirst(channel);
        if (q.size() > maxIdlePerEndpoint) {
            q.pollLast().close();
        }
    }

    /** Forgets a connection that closed or idled out while pooled. */
    public void remove(Endpoint endpoint, Channel channel) {
        ArrayDeque<Channel> q = idle.get(endpoint);
        if (q != null) {
            q.remove(channel);
        }
    }

    /** Closes every idle connection. */
    public void closeAll() {
        idle.values().forEach(q -> q.forEach(Channel::close));
        idle.clear();
    }
}
