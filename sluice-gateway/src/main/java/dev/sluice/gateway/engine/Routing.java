package dev.sluice.gateway.engine;

import dev.sluice.api.access.CallCosts;
import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.config.RouteConfig;
import dev.sluice.gateway.routing.BreakerSettings;
import dev.sluice.gateway.routing.CircuitBreaker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing state of one gateway: a {@link DeploymentState} per deployment (its breaker, in-flight count and
 * latency) and the routes over them, built once from the registry. A deployment that serves a route gets a breaker
 * (its model's {@code breaker:}, else {@link BreakerSettings#DEFAULT}); one that serves none gets one only when its
 * model configures it. Its {@link #interceptor()} takes the routing place of the chain. Thread-safe.
 */
public final class Routing {

    private final Map<String, Object> entries;
    private final Map<String, CircuitBreaker> breakers;
    private final RoutingSettings settings;

    private Routing(Map<String, Object> entries, Map<String, CircuitBreaker> breakers, RoutingSettings settings) {
        this.entries = entries;
        this.breakers = breakers;
        this.settings = settings;
    }

    /** Routing over {@code models} and its routes, pricing deployments with {@code costs} (for lowest-cost). */
    public static Routing of(ModelRegistry models, CallCosts costs, RoutingSettings settings) {
        Set<String> routed = new LinkedHashSet<>();
        models.routes().forEach(r -> r.members().forEach(m -> routed.add(m.model())));
        Map<String, Object> entries = new HashMap<>();
        Map<String, DeploymentState> states = new HashMap<>();
        Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();
        for (Target t : models.targets()) {
            String name = t.deployment().name();
            CircuitBreaker breaker = breakerFor(models.breaker(name), routed.contains(name), settings);
            if (breaker != null) {
                breakers.put(name, breaker);
            }
            DeploymentState state = new DeploymentState(t, breaker, costs);
            states.put(name, state);
            entries.put(name, state);
        }
        Map<String, Route> routes = new HashMap<>();
        for (RouteConfig r : models.routes()) {
            DeploymentState[] members = new DeploymentState[r.members().size()];
            int[] weights = new int[members.length];
            for (int i = 0; i < members.length; i++) {
                members[i] = states.get(r.members().get(i).model());
                weights[i] = r.members().get(i).weight();
            }
            Route route = new Route(r.name(), members, weights, r.strategy(), r.retry());
            routes.put(r.name(), route);
            entries.put(r.name(), route);
        }
        for (RouteConfig r : models.routes()) {
            List<Route> plan = new ArrayList<>();
            plan(r.name(), models, routes, plan);
            routes.get(r.name()).plan = plan.toArray(Route[]::new);
        }
        for (RouteConfig r : models.routes()) {
            Route route = routes.get(r.name());
            route.contextWindowPlan = specialPlan(r.contextWindowFallbacks(), models, routes, states);
            route.contentPolicyPlan = specialPlan(r.contentPolicyFallbacks(), models, routes, states);
        }
        return new Routing(Map.copyOf(entries), Collections.unmodifiableMap(breakers), settings);
    }

    /**
     * The plan a call moves to on a context-window or content-policy failure: each named route's plan, or the named
     * model as a route of its own (its breaker, the default retries), each route once.
     */
    private static Route[] specialPlan(List<String> names, ModelRegistry models, Map<String, Route> routes,
                                       Map<String, DeploymentState> states) {
        if (names.isEmpty()) {
            return Route.NONE;
        }
        List<Route> plan = new ArrayList<>();
        for (String name : names) {
            Route route = routes.get(name);
            if (route != null) {
                for (Route r : route.plan) {
                    if (!plan.contains(r)) {
                        plan.add(r);
                    }
                }
            } else {
                plan.add(new Route(name, new DeploymentState[] {states.get(name)}, new int[] {1},
                        dev.sluice.gateway.routing.RouteStrategies.find("weighted"),
                        dev.sluice.gateway.routing.RetryPolicy.DEFAULT));
            }
        }
        return plan.toArray(Route[]::new);
    }

    private static void plan(String name, ModelRegistry models, Map<String, Route> routes, List<Route> plan) {
        Route route = routes.get(name);
        if (plan.contains(route)) {
            return;
        }
        plan.add(route);
        models.route(name).fallbacks().forEach(f -> plan(f, models, routes, plan));
    }

    private static CircuitBreaker breakerFor(ModelConfig.Breaker configured, boolean routed,
                                             RoutingSettings settings) {
        if (configured != null) {
            return configured.enabled() ? new CircuitBreaker(configured.settings(), settings.nanoClock()) : null;
        }
        return routed ? new CircuitBreaker(BreakerSettings.DEFAULT, settings.nanoClock()) : null;
    }

    /** The breakers, by deployment name, in config order: for metrics and the admin view. */
    public Map<String, CircuitBreaker> breakers() { return breakers; }

    /** The interceptor that resolves public names and runs routes (one per gateway). */
    public Interceptor interceptor() { return new Router(entries, settings); }
}
