package dev.sluice.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.LongSupplier;

/**
 * One route's session pins on this node: which deployment last served each session, so that the next call of the
 * session goes there too and finds the upstream's prompt cache warm. Bounded by {@link SessionAffinity}: a pin lives
 * {@link SessionAffinity#ttl} after its session's last call, and beyond {@link SessionAffinity#maxSessions} the least
 * recently used are dropped. A pin is only a preference: the router ignores it when its deployment is gone from the
 * route or its breaker is open, and moves it to whichever deployment serves the call then.
 *
 * <p>Thread-safe and non-blocking (Caffeine); its upkeep runs on the calling thread, a few steps amortised over calls,
 * so that no other pool is woken. Time comes from the routing's nanosecond clock.
 */
public final class SessionPins {

    private final Cache<String, String> pins;

    public SessionPins(SessionAffinity affinity, LongSupplier nanoClock) {
        this.pins = Caffeine.newBuilder()
                .expireAfterAccess(affinity.ttl())
                .maximumSize(affinity.maxSessions())
                .ticker(nanoClock::getAsLong)
                .executor(Runnable::run)
                .build();
    }

    /** The deployment {@code session} is pinned to, or null when it has no live pin. */
    public String deployment(String session) {
        return pins.getIfPresent(session);
    }

    /** Pins {@code session} to {@code deployment} (a {@code models:} name), replacing any earlier pin. */
    public void pin(String session, String deployment) {
        if (!deployment.equals(pins.getIfPresent(session))) {
            pins.put(session, deployment);
        }
    }

    /** About how many sessions are pinned now (for tests and the admin view). */
    public long size() {
        pins.cleanUp();
        return pins.estimatedSize();
    }
}
