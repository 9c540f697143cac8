package dev.sluice.gateway.engine;

import dev.sluice.api.access.CallCosts;
import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.config.RouteConfig;
import dev.sluice.gateway.routing.BreakerSettings;
import dev.sluice.gateway.routing.CircuitBreaker;
import dev.sluice.gateway.routing.SessionPins;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The routing state of one gateway: a {@link DeploymentState} per deployment (its breaker, in-flight count and
 * latency) and the table of public names over them: each model's deployment and each route. A deployment that serves a
 * route gets a breaker (its model's {@code breaker:}, else {@link BreakerSettings#DEFAULT}); one that serves none gets
 * one only when its model configures it. Its {@link #interceptor()} takes the routing place of the chain.
 *
 * <p>The routes may be replaced at run time ({@link #replaceRoutes}): the new table is built aside and swapped in with
 * one volatile write, so a call reads one table from start to end (calls in flight finish on the old one) and the
 * deployments' states, breakers included, carry over to the new table. Thread-safe.
 */
public final class Routing {

    private final ModelRegistry models;
    private final CallCosts costs;
    private final RoutingSettings settings;
    /** Each deployment's {@code models:} entry, by name: its own limits and context window. */
    private final Map<String, ModelConfig> configured;
    /** Guarded by this: every deployment's state, by name; replaced only when a deployment first needs a breaker. */
    private final Map<String, DeploymentState> states = new LinkedHashMap<>();
    private volatile Map<String, Object> entries = Map.of();
    private volatile Map<String, CircuitBreaker> breakers = Map.of();
    private BiConsumer<String, CircuitBreaker> onNewBreaker = (name, breaker) -> { };

    private Routing(ModelRegistry models, CallCosts costs, RoutingSettings settings,
                    Map<String, ModelConfig> configured) {
        this.models = models;
        this.costs = costs;
        this.settings = settings;
        this.configured = Map.copyOf(configured);
    }

    /** Routing over {@code models} and its routes, pricing deployments with {@code costs} (for lowest-cost). */
    public static Routing of(ModelRegistry models, CallCosts costs, RoutingSettings settings) {
        return of(models, costs, settings, List.of());
    }

    /**
     * As above, knowing what {@code configs} (the {@code models:} entries) say of each deployment: its own rate limits
     * (for {@code usage-based}) and its context window (for {@code lowest-cost}).
     */
    public static Routing of(ModelRegistry models, CallCosts costs, RoutingSettings settings,
                             List<ModelConfig> configs) {
        Map<String, ModelConfig> configured = new HashMap<>();
        configs.forEach(c -> configured.put(c.name(), c));
        Routing routing = new Routing(models, costs, settings, configured);
        synchronized (routing) {
            for (Target t : models.targets()) {
                String name = t.deployment().name();
                ModelConfig.Breaker breakerConfig = models.breaker(name);
                CircuitBreaker breaker = breakerConfig != null && breakerConfig.enabled()
                        ? new CircuitBreaker(breakerConfig.settings(), settings.nanoClock()) : null;
                routing.states.put(name, new DeploymentState(t, breaker, costs, configured.get(name)));
            }
            routing.install(models.routes());
        }
        return routing;
    }

    /**
     * Makes {@code routes} (checked together by {@code RouteDefinitions}, over this gateway's models) the routes of
     * every call that starts from now on, on this node, and of the model registry's names and prices.
     */
    public synchronized void replaceRoutes(List<RouteConfig> routes) {
        install(routes);
    }

    /** Called with each breaker made after the start (a deployment first routed at run time), under this lock. */
    public synchronized void onNewBreaker(BiConsumer<String, CircuitBreaker> listener) {
        this.onNewBreaker = listener;
    }

    private void install(List<RouteConfig> routes) {
        routes.forEach(r -> { // a model that is a context-window or content-policy fallback serves a route too
            r.members().forEach(m -> withBreaker(m.model()));
            r.contextWindowFallbacks().forEach(this::withBreaker);
            r.contentPolicyFallbacks().forEach(this::withBreaker);
        });
        Map<String, Object> table = new HashMap<>(states);
        Map<String, RouteConfig> configs = new HashMap<>();
        Map<String, Route> built = new HashMap<>();
        for (RouteConfig r : routes) {
            DeploymentState[] members = new DeploymentState[r.members().size()];
            int[] weights = new int[members.length];
            for (int i = 0; i < members.length; i++) {
                members[i] = states.get(r.members().get(i).model());
                weights[i] = r.members().get(i).weight();
            }
            Route route = new Route(r.name(), members, weights, r.strategy(), r.retry(),
                    r.affinity() == null ? null : new SessionPins(r.affinity(), settings.nanoClock()));
            configs.put(r.name(), r);
            built.put(r.name(), route);
            table.put(r.name(), route);
        }
        for (RouteConfig r : routes) {
            List<Route> plan = new ArrayList<>();
            plan(r.name(), configs, built, plan);
            built.get(r.name()).plan = plan.toArray(Route[]::new);
        }
        for (RouteConfig r : routes) {
            Route route = built.get(r.name());
            route.contextWindowPlan = specialPlan(r.contextWindowFallbacks(), built, states);
            route.contentPolicyPlan = specialPlan(r.contentPolicyFallbacks(), built, states);
        }
        Map<String, CircuitBreaker> all = new LinkedHashMap<>();
        states.forEach((name, s) -> {
            if (s.breaker != null) {
                all.put(name, s.breaker);
            }
        });
        breakers = Collections.unmodifiableMap(all);
        models.replaceRoutes(routes);
        entries = Map.copyOf(table);
    }

    /** Gives a routed deployment a breaker if it has none and its model does not turn breakers off. */
    private void withBreaker(String name) {
        DeploymentState s = states.get(name);
        if (s == null || s.breaker != null || models.breaker(name) != null) {
            return;
        }
        CircuitBreaker breaker = new CircuitBreaker(BreakerSettings.DEFAULT, settings.nanoClock());
        states.put(name, new DeploymentState(s.target, breaker, costs, configured.get(name)));
        if (!entries.isEmpty()) { // not during the start, whose breakers the caller registers itself
            onNewBreaker.accept(name, breaker);
        }
    }

    /**
     * The plan a call moves to on a context-window or content-policy failure: each named route's plan, or the named
     * model as a route of its own (its breaker, the default retries), each route once.
     */
    private static Route[] specialPlan(List<String> names, Map<String, Route> routes,
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
                        dev.sluice.gateway.routing.RetryPolicy.DEFAULT, null));
            }
        }
        return plan.toArray(Route[]::new);
    }

    private static void plan(String name, Map<String, RouteConfig> configs, Map<String, Route> routes,
                             List<Route> plan) {
        Route route = routes.get(name);
        if (plan.contains(route)) {
            return;
        }
        plan.add(route);
        configs.get(name).fallbacks().forEach(f -> plan(f, configs, routes, plan));
    }

    /** The public names' table of the calls starting now. */
    Map<String, Object> entries() { return entries; }

    RoutingSettings settings() { return settings; }

    /** The breakers, by deployment name, in config order: for metrics and the admin view. */
    public Map<String, CircuitBreaker> breakers() { return breakers; }

    /**
     * About how many sessions route {@code name} has pinned on this node (for the admin view and metrics); -1 when it is
     * not a route with {@code session_affinity}.
     */
    public long pinnedSessions(String name) {
        return entries.get(name) instanceof Route r && r.pins != null ? r.pins.size() : -1;
    }

    /** What the route of that name runs on now, with its deployments' live state; empty when no route has it. */
    public Optional<RouteStatus> status(String name) {
        return entries.get(name) instanceof Route r ? Optional.of(RouteStatus.of(r)) : Optional.empty();
    }

    /** The interceptor that resolves public names and runs routes (one per gateway). */
    public Interceptor interceptor() { return new Router(this); }
}
