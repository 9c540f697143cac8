package dev.sluice.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes a gateway runs: the config file's {@code routes:} with the routes managed at run time (the admin API's)
 * laid over them. A managed route of a configured route's name replaces it while it exists; one of a new name is added.
 * The whole set is checked together by the very reader of the config file ({@link RouteSections}), so a managed route
 * is refused for exactly the faults a configured one is (unknown deployment, weight below zero, unknown strategy, a
 * name taken by a model, a fallback to an unknown route, a cycle of fallbacks through either kind), and accepts every
 * key a configured one does. Stateless and thread-safe.
 */
public final class RouteDefinitions {

    private static final String SOURCE = "managed";
    private static final Pattern PLACE = Pattern.compile("^" + SOURCE + ": routes\\[(\\d+)](?:\\.)?(.*)$");

    private RouteDefinitions() { }

    /**
     * A fault of the combined set.
     *
     * @param route the route whose entry is at fault (managed or configured), or null when none is named
     * @param field the key in that entry ({@code deployments[0].weight}), or empty for the entry as a whole
     * @param managed whether the entry at fault is a managed one
     */
    public static final class Invalid extends RuntimeException {
        private final String route;
        private final String field;
        private final boolean managed;

        Invalid(String route, String field, boolean managed, String problem) {
            super(problem, null, false, false);
            this.route = route;
            this.field = field;
            this.managed = managed;
        }

        public String route() { return route; }

        public String field() { return field; }

        public boolean managed() { return managed; }
    }

    /**
     * Every route, checked together: the configured ones in their order (a managed route of the same name in its
     * place), then the other managed ones in {@code managed}'s order.
     *
     * @param configured the config file's {@code routes} section (a list, or missing)
     * @param managed the managed routes' definitions by name: mappings with the keys of a {@code routes} entry; the
     *     first one is checked first, so that a fault found through it (a cycle) is named at it
     * @param models the config's models, which routes are made of
     * @throws Invalid naming the route and key at fault
     */
    public static List<RouteConfig> resolve(JsonNode configured, SequencedMap<String, JsonNode> managed,
                                            List<ModelConfig> models) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        List<String> names = new ArrayList<>();
        managed.forEach((name, definition) -> {
            all.add(definition);
            names.add(name);
        });
        Map<String, Integer> order = new HashMap<>();
        if (configured != null && configured.isArray()) {
            for (JsonNode entry : configured) {
                String name = entry.path("name").asText(null);
                order.putIfAbsent(name, order.size());
                if (!managed.containsKey(name)) {
                    all.add(entry);
                    names.add(name);
                }
            }
        }
        List<RouteConfig> routes;
        try {
            routes = new ArrayList<>(RouteSections.routes(all, SOURCE, models));
        } catch (ConfigException e) {
            throw placed(e, names, managed.size());
        }
        routes.sort(Comparator.comparingInt(r -> order.getOrDefault(r.name(), order.size() + names.indexOf(
                r.name()))));
        return List.copyOf(routes);
    }

    private static Invalid placed(ConfigException e, List<String> names, int managedCount) {
        Matcher m = PLACE.matcher(e.where());
        if (!m.matches()) {
            return new Invalid(null, "", false, e.problem());
        }
        int index = Integer.parseInt(m.group(1));
        return new Invalid(index < names.size() ? names.get(index) : null, m.group(2), index < managedCount,
                e.problem());
    }
}
