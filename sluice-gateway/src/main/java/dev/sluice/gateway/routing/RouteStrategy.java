package dev.sluice.gateway.routing;

/**
 * How a route picks the deployment of an attempt. Built in: {@code weighted}, {@code least-busy},
 * {@code lowest-latency}, {@code lowest-cost} and {@code usage-based} ({@link RouteStrategies}). Your own is a public
 * class with a public no-argument constructor, named in a route's {@code strategy:} by its {@link #name()} when it is registered for
 * {@link java.util.ServiceLoader} (in {@code META-INF/services/dev.sluice.gateway.routing.RouteStrategy}), or by its
 * fully qualified class name.
 *
 * <p>{@link #pick} runs on the event loops, once per attempt, for every routed call: it must be fast, allocate
 * nothing it can avoid, never block and never throw. One instance serves every route that names it, from every loop at
 * once: keep no per-call state in it.
 */
public interface RouteStrategy {

    /** The name routes use in {@code strategy:}. */
    String name();

    /** The index of an {@link Candidates#available available} deployment; at least one is. */
    int pick(Candidates candidates);
}
