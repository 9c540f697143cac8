package dev.sluice.gateway.routing;

import java.util.random.RandomGenerator;

/**
 * The deployments of a route as one call sees them when it picks its next attempt: what each is (weight, name) and
 * what is known of it now (calls in flight, expected latency and cost of this request). Only the {@link #available}
 * ones may be picked; at least one is. A view, valid only during {@link RouteStrategy#pick}; confined to the call's
 * thread.
 */
public interface Candidates {

    /** How many deployments the route has (available or not). */
    int size();

    /** Whether deployment {@code i} may be picked now (its breaker lets calls in, this call has not ruled it out). */
    boolean available(int i);

    /** The deployment's name (a {@code models:} entry). */
    String deployment(int i);

    /** Its configured weight (0 = a standby, used only when no weighted deployment is available). */
    int weight(int i);

    /** Attempts on it in flight now, across every call on this node. */
    int inFlight(int i);

    /** Whether any latency of it was measured yet. */
    boolean measured(int i);

    /** How long ago its latency was last measured, in nanoseconds. */
    long sinceMeasuredNanos(int i);

    /**
     * Its expected latency for this request in nanoseconds: the decayed time to first token plus the decayed time per
     * output token times the tokens the request expects; 0 while nothing was measured.
     */
    double expectedLatencyNanos(int i);

    /** This request's estimated tokens at its prices, in micro-dollars; 0 when it has no price. */
    double expectedCostMicros(int i);

    /**
     * The smallest share of its own {@code rpm} and {@code tpm} limits it has left over the last minute, as counted on
     * this node: 1 untouched, 0 or less spent; 1 when it has no such limits.
     */
    double headroom(int i);

    /** The most tokens (prompt and output) its upstream model takes ({@code context_window}); 0 when unknown. */
    long contextWindow(int i);

    /** The tokens this request is expected to take of a context window: its prompt (by length) and output limit. */
    long expectedTokens();

    /** Whether this request is expected to fit deployment {@code i}'s context window (true when that is unknown). */
    default boolean fits(int i) {
        return contextWindow(i) <= 0 || expectedTokens() <= contextWindow(i);
    }

        /** The random source of the routing (seeded in tests); thread-safe to use on the call's thread. */
    RandomGenerator random();
}
