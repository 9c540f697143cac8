package dev.sluice.gateway.engine;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.config.RouteConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Public names to what serves them: each model's one deployment (its target), and the routes over several of them.
 * The models are fixed; the routes may be replaced whole at run time ({@link #replaceRoutes}, by {@link Routing}),
 * and every reader sees either the old set or the new one. Thread-safe.
 */
public final class ModelRegistry {

    private final Map<String, Target> targets;
    private final Map<String, ModelConfig.Breaker> breakers;
    private volatile RouteSet routeSet;

    /** The routes by name and in order, and every public name (models, then routes). */
    private record RouteSet(Map<String, RouteConfig> byName, List<RouteConfig> list, List<String> names) { }

    /** Models only, without breakers. */
    public ModelRegistry(List<Target> targets) {
        this(targets, List.of(), Map.of());
    }

    /**
     * @param routes routes over {@code targets}' deployments (checked by the config loader)
     * @param breakers the models' configured breakers, by model name
     */
    public ModelRegistry(List<Target> targets, List<RouteConfig> routes, Map<String, ModelConfig.Breaker> breakers) {
        Map<String, Target> m = new LinkedHashMap<>();
        targets.forEach(t -> m.put(t.deployment().name(), t));
        this.targets = java.util.Collections.unmodifiableMap(m);
        this.breakers = Map.copyOf(breakers);
        replaceRoutes(routes);
    }

    /** Replaces every route at once (checked by the caller: {@code RouteDefinitions}). */
    synchronized void replaceRoutes(List<RouteConfig> routes) {
        Map<String, RouteConfig> r = new LinkedHashMap<>();
        routes.forEach(route -> r.put(route.name(), route));
        List<String> all = new ArrayList<>(targets.keySet());
        all.addAll(r.keySet());
        routeSet = new RouteSet(Map.copyOf(r), List.copyOf(routes), List.copyOf(all));
    }

    /** The target for a model's public name; a NOT_FOUND error naming the model otherwise (routes included). */
    public Target resolve(String model) {
        Target t = targets.get(model);
        if (t == null) {
            throw notFound(model);
        }
        return t;
    }

    static GatewayException notFound(String model) {
        return new GatewayException(new dev.sluice.api.error.GatewayError(ErrorType.NOT_FOUND, 404,
                "The model '" + model + "' does not exist or you do not have access to it.", null, null, "model"));
    }

    /** The route of that public name, or null. */
    public RouteConfig route(String name) { return routeSet.byName().get(name); }

    /** Routes in config order. */
    public List<RouteConfig> routes() { return routeSet.list(); }

    /** A model's configured breaker, or null when its entry has none. */
    public ModelConfig.Breaker breaker(String model) { return breakers.get(model); }

    /**
     * The deployments a public name may be served by: a model's own, or a route's members and those of its fallbacks
     * (each once); empty for an unknown name.
     */
    public List<Target> servingTargets(String name) {
        if (targets.containsKey(name)) {
            return List.of(targets.get(name));
        }
        List<Target> out = new ArrayList<>();
        collect(routeSet.byName(), name, out, new java.util.HashSet<>());
        return out;
    }

    private void collect(Map<String, RouteConfig> routes, String route, List<Target> out, java.util.Set<String> seen) {
        RouteConfig r = routes.get(route);
        if (r == null || !seen.add(route)) {
            return;
        }
        r.members().forEach(m -> {
            Target t = targets.get(m.model());
            if (t != null && !out.contains(t)) {
                out.add(t);
            }
        });
        r.fallbacks().forEach(f -> collect(routes, f, out, seen));
    }

    /** Public names (models, then routes) in config order. */
    public List<String> names() { return routeSet.names(); }

    public List<Target> targets() { return routeSet.names().stream().filter(targets::containsKey).map(targets::get).toList(); }
}
