package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.config.RouteConfig;
import dev.sluice.gateway.config.RouteDefinitions;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.engine.Routing;
import dev.sluice.store.routes.RouteRepository;
import dev.sluice.store.routes.StoredRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's routes equal to the config file's with the stored (managed) routes laid over them. It applies the
 * stored routes at start, again at once after a change made through this node ({@link #refresh}), and whenever the
 * route table's version in the database moves, which it checks every {@code every} (one small query): a change made
 * on another node takes effect here within that time. The follow-the-database pattern of the key cache.
 *
 * <p>Each time, the routes' response cache policies and guardrails are applied with them ({@link RouteOptions}).
 *
 * <p>A stored route that no longer fits the config (its model was removed from the file, say) is left out, said in
 * the log once, and shown with its problem by the admin API; the others keep working. While the database cannot be
 * read, the routes last applied keep serving. Thread-safe.
 */
final class ManagedRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedRoutes.class);

    private final JsonNode configured;
    private final List<ModelConfig> models;
    private final Routing routing;
    private final RouteRepository repository;
    private final RouteOptions options;
    private final ScheduledExecutorService poller;
    private volatile Map<String, String> problems = Map.of();
    private long version = -1;
    private long lastFailureLog;

    /**
     * The routes a set of definitions makes, the managed definitions among them (by name), and the managed ones left
     * out with the fault of each.
     */
    record Resolution(List<RouteConfig> routes, Map<String, RouteDefinitions.Invalid> left,
                      SequencedMap<String, JsonNode> applied) { }

    private ManagedRoutes(SluiceConfig config, Routing routing, RouteRepository repository, RouteOptions options) {
        this.configured = config.section("routes");
        this.models = config.models();
        this.routing = routing;
        this.repository = repository;
        this.options = options;
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sluice-routes").daemon().factory());
    }

    /**
     * Applies the stored routes now, then follows the database every {@code every}.
     *
     * @param options where the routes' cache policies and guardrails go, each time the routes are applied
     */
    static ManagedRoutes start(SluiceConfig config, Routing routing, RouteRepository repository, Duration every,
                               RouteOptions options) {
        ManagedRoutes m = new ManagedRoutes(config, routing, repository, options);
        m.refresh();
        long ms = every.toMillis();
        m.poller.scheduleWithFixedDelay(m::refreshIfChanged, ms, ms, TimeUnit.MILLISECONDS);
        return m;
    }

    /** Applies the stored routes now (after a change made through this node). */
    synchronized void refresh() {
        long v = repository.version();
        Resolution r = resolve(definitions(repository.all()));
        routing.replaceRoutes(r.routes());
        options.apply(r.routes(), r.applied());
        Map<String, String> now = new LinkedHashMap<>();
        r.left().forEach((name, fault) -> now.put(name, describe(fault)));
        if (!now.equals(problems)) {
            now.forEach((name, problem) -> LOG.warn("routes: the stored route '{}' is left out: {}", name, problem));
        }
        problems = Map.copyOf(now);
        version = v;
    }

    private synchronized void refreshIfChanged() {
        try {
            if (repository.version() != version) {
                refresh();
            }
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (now - lastFailureLog > TimeUnit.MINUTES.toNanos(1)) {
                lastFailureLog = now;
                LOG.warn("routes: cannot read the stored routes ({}); the routes applied so far keep working",
                        e.toString());
            }
        }
    }

    /**
     * The routes of the config file with {@code managed} over them; a managed route at fault is left out (with its
     * fault) and the rest checked again, so one bad route never takes the others down.
     *
     * @throws RouteDefinitions.Invalid for a fault that leaving managed routes out cannot mend
     */
    Resolution resolve(SequencedMap<String, JsonNode> managed) {
        SequencedMap<String, JsonNode> left = new LinkedHashMap<>(managed);
        Map<String, RouteDefinitions.Invalid> out = new LinkedHashMap<>();
        while (true) {
            try {
                return new Resolution(RouteDefinitions.resolve(configured, left, models), out, left);
            } catch (RouteDefinitions.Invalid e) {
                if (!e.managed() || e.route() == null || left.remove(e.route()) == null) {
                    throw e;
                }
                out.put(e.route(), e);
            }
        }
    }

    /** Stored routes' definitions by name, in their order; each named by its row, whatever its JSON says. */
    static SequencedMap<String, JsonNode> definitions(List<StoredRoute> stored) {
        SequencedMap<String, JsonNode> out = new LinkedHashMap<>();
        stored.forEach(r -> {
            JsonNode definition = parse(r.definition());
            if (definition instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.put("name", r.name());
            }
            out.put(r.name(), definition);
        });
        return out;
    }

    static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String describe(RouteDefinitions.Invalid e) {
        return (e.field().isEmpty() ? "" : e.field() + ": ") + e.getMessage();
    }

    /** The stored routes left out now, with why. */
    Map<String, String> problems() { return problems; }

    /** The config file's entry of that name, or null. */
    JsonNode configured(String name) {
        if (configured.isArray()) {
            for (JsonNode entry : configured) {
                if (Objects.equals(entry.path("name").asText(null), name)) {
                    return entry;
                }
            }
        }
        return null;
    }

    /** The config file's route names, in order. */
    List<String> configuredNames() {
        List<String> out = new java.util.ArrayList<>();
        if (configured.isArray()) {
            configured.forEach(e -> out.add(e.path("name").asText()));
        }
        return out;
    }

    Routing routing() { return routing; }

    RouteRepository repository() { return repository; }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
