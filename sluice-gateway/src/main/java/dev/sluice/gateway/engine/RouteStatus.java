package dev.sluice.gateway.engine;

import dev.sluice.gateway.routing.CircuitBreaker;
import java.util.ArrayList;
import java.util.List;

/**
 * A route as this node runs it now, for the admin view: its strategy, its deployments with their live state on this
 * node, and the order its attempts go through routes (itself, then its fallbacks).
 *
 * @param plan the route's name, then its fallbacks' names, depth first, each once
 */
public record RouteStatus(String name, String strategy, List<Member> members, List<String> plan) {

    /**
     * One deployment of the route.
     *
     * @param breaker its breaker's state now, or null when its model turns breakers off
     * @param inFlight attempts on it in flight on this node (every route and direct call together)
     * @param ttftMillis its decayed time to first token, or null before a first success
     * @param perTokenMillis its decayed time per output token after the first, or null before it was measured
     */
    public record Member(String deployment, String provider, String upstreamModel, int weight,
                         CircuitBreaker.Snapshot breaker, int inFlight, Double ttftMillis, Double perTokenMillis) { }

    static RouteStatus of(Route route) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < route.members.length; i++) {
            DeploymentState d = route.members[i];
            var latency = d.latency;
            members.add(new Member(d.name(), d.target.deployment().providerId(), d.target.deployment().upstreamModel(),
                    route.weights[i], d.breaker == null ? null : d.breaker.snapshot(), d.inFlight.get(),
                    latency.measured() ? latency.ttftNanos() / 1e6 : null,
                    latency.measured() && latency.perTokenNanos() > 0 ? latency.perTokenNanos() / 1e6 : null));
        }
        List<String> plan = new ArrayList<>();
        for (Route r : route.plan) {
            plan.add(r.name);
        }
        return new RouteStatus(route.name, route.strategy.name(), List.copyOf(members), List.copyOf(plan));
    }
}
