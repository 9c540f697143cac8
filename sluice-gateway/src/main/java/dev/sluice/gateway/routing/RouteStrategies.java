package dev.sluice.gateway.routing;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The strategies a route may name: the built-in ones, those registered for {@link ServiceLoader}, and any public
 * {@link RouteStrategy} class named by its fully qualified name. Looked up when the config loads, never per call.
 */
public final class RouteStrategies {

    private RouteStrategies() { }

    /** The built-in and registered strategies, by name. */
    public static Map<String, RouteStrategy> known() {
        Map<String, RouteStrategy> out = new TreeMap<>();
        for (RouteStrategy s : new RouteStrategy[] {new WeightedStrategy(), new LeastBusyStrategy(),
                new LowestLatencyStrategy(), new LowestCostStrategy(), new UsageBasedStrategy()}) {
            out.put(s.name(), s);
        }
        ServiceLoader.load(RouteStrategy.class).forEach(s -> out.putIfAbsent(s.name(), s));
        return out;
    }

    /**
     * The strategy called {@code name}: a known one, or a class of that name with a public no-argument constructor.
     *
     * @return null when there is none
     */
    public static RouteStrategy find(String name) {
        RouteStrategy known = known().get(name);
        if (known != null || !name.contains(".")) {
            return known;
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> c = Class.forName(name, true, loader != null ? loader : RouteStrategies.class.getClassLoader());
            if (!RouteStrategy.class.isAssignableFrom(c)) {
                return null;
            }
            return (RouteStrategy) c.getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
