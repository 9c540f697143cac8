package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.engine.RouteStatus;
import dev.sluice.gateway.routing.CircuitBreaker;
import dev.sluice.store.routes.StoredRoute;
import java.time.Instant;
import java.util.Locale;

/**
 * The admin API's JSON of a route: where it comes from, its definition, and, when it runs, what this node runs: its
 * strategy, the order of its fallbacks, and each deployment with its weight, attempts in flight, latency estimate and
 * circuit breaker (state, counts, until when it stays open). Pure.
 */
final class RouteViews {

    private RouteViews() { }

    /**
     * @param stored its stored (managed) row, or null for a route of the config file only
     * @param configured the config file's entry of that name, or null
     * @param status what this node runs under that name, or null when the route is not running
     * @param problem why a stored route is left out, or null
     */
    static ObjectNode route(String name, StoredRoute stored, JsonNode configured, RouteStatus status,
                            String problem) {
        ObjectNode out = Json.object();
        out.put("name", name).put("source", stored != null ? "admin" : "config")
                .put("overrides_config", stored != null && configured != null)
                .put("active", status != null);
        if (problem != null) {
            out.put("problem", problem);
        }
        out.set("definition", stored != null ? ManagedRoutes.parse(stored.definition()) : configured);
        if (stored != null) {
            out.put("created_at", stored.createdAt().toString()).put("updated_at", stored.updatedAt().toString());
        }
        if (status != null) {
            out.put("strategy", status.strategy());
            status.plan().forEach(out.putArray("plan")::add);
            ArrayNode deployments = out.putArray("deployments");
            status.members().forEach(m -> deployments.add(member(m)));
        }
        return out;
    }

    private static ObjectNode member(RouteStatus.Member m) {
        ObjectNode d = Json.object();
        d.put("model", m.deployment()).put("provider", m.provider()).put("upstream_model", m.upstreamModel())
                .put("weight", m.weight()).put("in_flight", m.inFlight());
        ObjectNode latency = d.putObject("latency");
        latency.put("ttft_ms", m.ttftMillis());
        latency.put("per_token_ms", m.perTokenMillis());
        d.set("breaker", m.breaker() == null ? null : breaker(m.breaker()));
        return d;
    }

    private static ObjectNode breaker(CircuitBreaker.Snapshot s) {
        ObjectNode b = Json.object();
        b.put("state", s.state().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("consecutive_failures", s.consecutiveFailures())
                .put("window_calls", s.windowCalls()).put("window_failures", s.windowFailures())
                .put("times_opened", s.timesOpened());
        if (s.nanosUntilProbe() > 0) {
            b.put("open_until", Instant.now().plusNanos(s.nanosUntilProbe()).toString());
        } else {
            b.putNull("open_until");
        }
        ObjectNode opens = b.putObject("opens_at");
        opens.put("consecutive_failures", s.settings().consecutiveFailures())
                .put("failure_rate", s.settings().failureRate()).put("minimum_calls", s.settings().minimumCalls())
                .put("window_ms", s.settings().window().toMillis());
        return b;
    }
}
