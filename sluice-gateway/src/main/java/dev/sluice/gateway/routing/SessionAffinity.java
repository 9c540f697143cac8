package dev.sluice.gateway.routing;

import java.time.Duration;

/**
 * A route's {@code session_affinity}: how long a session stays pinned to the deployment that last served it, and how
 * many sessions a node remembers at most (the least recently used are forgotten first).
 *
 * @param ttl a pin is forgotten after this long without a call of its session
 * @param maxSessions the most pins kept per route on one node
 */
public record SessionAffinity(Duration ttl, long maxSessions) {

    /** Half an hour, 100,000 sessions per route. */
    public static final SessionAffinity DEFAULT = new SessionAffinity(Duration.ofMinutes(30), 100_000);

    public SessionAffinity {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1");
        }
    }
}
