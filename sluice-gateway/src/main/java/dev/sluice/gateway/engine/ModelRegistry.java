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
 * Immutable after construction.
 */
public final class ModelRegistry {

    private final Map<String, Target> targets;
    private final Map<String, RouteConfig> routes;
    private final Map<String, ModelConfig.Breaker> breakers;
    private final List<String> names;

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
        Map<String, RouteConfig> r = new LinkedHashMap<>();
        routes.forEach(route -> r.put(route.name(), route));
        this.targets = Map.copyOf(m);
        this.routes = Map.copyOf(r);
        this.breakers = Map.copyOf(breakers);
        List<String> all = new ArrayList<>(m.keySet());
        all.addAll(r.keySet());
        this.names = List.copyOf(all);
        this.routeList = List.copyOf(routes);
    }

    private final List<RouteConfig> routeList;

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
    public RouteConfig route(String name) { return routes.get(name); }

    /** Routes in config order. */
    public List<RouteConfig> routes() { return routeList; }

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
        collect(name, out, new java.util.HashSet<>());
        return out;
    }

    private void collect(String route, List<Target> out, java.util.Set<String> seen) {
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
        r.fallbacks().forEach(f -> collect(f, out, seen));
    }

    /** Public names (models, then routes) in config order. */
    public List<String> names() { return names; }

    public List<Target> targets() { return names.stream().filter(targets::containsKey).map(targets::get).toList(); }
}
