package dev.sluice.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.gateway.routing.BreakerSettings;
import dev.sluice.gateway.routing.RetryPolicy;
import dev.sluice.gateway.routing.RouteStrategies;
import dev.sluice.gateway.routing.RouteStrategy;
import dev.sluice.gateway.routing.SessionAffinity;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code routes:} section and the models' {@code breaker:} keys. Every fault names its place
 * ({@code sluice.yaml: routes[1].deployments[0].model}), which {@code ConfigLines} turns into a line: an unknown
 * deployment, a weight below zero, an unknown strategy, a {@code usage-based} route over a deployment without its own
 * rpm or tpm limit, a session affinity out of range, a {@code cache:} at fault, a name taken by a model or another
 * route, a fallback to an unknown route, a cycle of fallbacks.
 */
final class RouteSections {

    /** The most deployments a route may have (a call's tried deployments are one {@code long} of bits). */
    static final int MAX_MEMBERS = 64;

    private RouteSections() { }

    /** One {@code routes} entry as written. */
    record RouteSection(String name, String strategy, List<MemberSection> deployments, List<String> fallbacks,
                        RetriesSection retries, Long timeoutMs, List<String> contextWindowFallbacks,
                        List<String> contentPolicyFallbacks, AffinitySection sessionAffinity,
                        JsonNode cache, // cache: checked here, its policy made by dev.sluice.gateway.cache.CacheSections
                        ConfigLoader.GuardrailSection guardrail) { }

    /** A route's {@code session_affinity} as written. */
    record AffinitySection(Long ttlMs, Long maxSessions) { }

    /** A route's deployment as written. */
    record MemberSection(String model, Long weight) { }

    /** A route's {@code retries} as written. */
    record RetriesSection(Long max, Long baseMs, Long maxBackoffMs) { }

    /** A model's {@code breaker} as written. */
    record BreakerSection(Boolean enabled, Double failureRate, Long minimumCalls, Long consecutiveFailures,
                          Long windowMs, Long openMs, Long maxOpenMs, Long halfOpenProbes) { }

    static ModelConfig.Breaker breaker(BreakerSection b, String where) {
        if (b == null) {
            return null;
        }
        BreakerSettings d = BreakerSettings.DEFAULT;
        double rate = b.failureRate() == null ? d.failureRate() : b.failureRate();
        if (!(rate > 0 && rate <= 1)) {
            throw new ConfigException(where + ".failure_rate", "must be more than 0 and at most 1, not " + rate);
        }
        long open = ConfigBinder.range(b.openMs(), d.openFor().toMillis(), 0, 86_400_000, where + ".open_ms");
        long maxOpen = ConfigBinder.range(b.maxOpenMs(), Math.max(open, d.maxOpenFor().toMillis()), open,
                86_400_000, where + ".max_open_ms");
        BreakerSettings s = new BreakerSettings(rate,
                (int) ConfigBinder.range(b.minimumCalls(), d.minimumCalls(), 1, 1_000_000, where + ".minimum_calls"),
                (int) ConfigBinder.range(b.consecutiveFailures(), d.consecutiveFailures(), 1, 1_000_000,
                        where + ".consecutive_failures"),
                Duration.ofMillis(ConfigBinder.range(b.windowMs(), d.window().toMillis(), 10, 86_400_000,
                        where + ".window_ms")),
                Duration.ofMillis(open), Duration.ofMillis(maxOpen),
                (int) ConfigBinder.range(b.halfOpenProbes(), d.halfOpenProbes(), 1, 1000, where + ".half_open_probes"));
        return new ModelConfig.Breaker(b.enabled() == null || b.enabled(), s);
    }

    static List<RouteConfig> routes(JsonNode list, String source, List<ModelConfig> models) {
        List<RouteSection> entries = ConfigBinder.bindList(list, RouteSection.class, source + ": routes");
        List<RouteConfig> out = new ArrayList<>();
        if (entries == null) {
            return out;
        }
        Set<String> modelNames = new LinkedHashSet<>();
        models.forEach(m -> modelNames.add(m.name()));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = source + ": routes[" + i + "]";
            RouteSection r = entries.get(i);
            String name = ConfigBinder.required(r.name(), where + ".name");
            if (modelNames.contains(name)) {
                throw new ConfigException(where + ".name", "'" + name + "' is already a model's name; a route needs"
                        + " a name of its own");
            }
            if (index.putIfAbsent(name, i) != null) {
                throw new ConfigException(where + ".name", "duplicate route name '" + name + "'");
            }
            if (r.cache() != null) { // the policy itself is made by CacheSections, over the top-level defaults
                dev.sluice.gateway.cache.CacheSections.check(r.cache(), where + ".cache");
            }
            RouteStrategy strategy = strategy(r.strategy(), where + ".strategy");
            List<RouteConfig.Member> members = members(r.deployments(), where + ".deployments", modelNames);
            if (strategy.name().equals("usage-based")) {
                requireOwnLimits(members, models, where + ".deployments");
            }
            out.add(new RouteConfig(name, strategy, members, r.fallbacks() == null ? List.of() : r.fallbacks(),
                    retry(r, where), where, r.contextWindowFallbacks(), r.contentPolicyFallbacks(),
                    affinity(r.sessionAffinity(), where + ".session_affinity"),
                    ConfigLoader.guardrail(r.guardrail(), where + ".guardrail")));
        }
        for (RouteConfig r : out) {
            special(r, r.contextWindowFallbacks(), ".context_window_fallbacks", index.keySet(), modelNames);
            special(r, r.contentPolicyFallbacks(), ".content_policy_fallbacks", index.keySet(), modelNames);
        }
        for (int i = 0; i < out.size(); i++) {
            List<String> fallbacks = out.get(i).fallbacks();
            for (int f = 0; f < fallbacks.size(); f++) {
                String to = fallbacks.get(f);
                if (!index.containsKey(to)) {
                    throw new ConfigException(out.get(i).configPath() + ".fallbacks[" + f + "]", "unknown route '"
                            + to + "' (known: " + String.join(", ", index.keySet().stream().sorted().toList()) + ")");
                }
            }
        }
        for (RouteConfig r : out) {
            List<String> cycle = cycleFrom(r.name(), new ArrayList<>(), out, index);
            if (cycle != null) {
                throw new ConfigException(r.configPath() + ".fallbacks", "a cycle of fallbacks: "
                        + String.join(" -> ", cycle));
            }
        }
        return out;
    }

    /**
     * Checks a route's context-window or content-policy fallbacks: each a known route or model, not the route itself,
     * listed once. Those may point back at a route that points to them (a call takes at most a few such moves).
     */
    private static void special(RouteConfig r, List<String> names, String key, Set<String> routes,
                                Set<String> models) {
        Set<String> seen = new HashSet<>();
        for (int f = 0; f < names.size(); f++) {
            String at = r.configPath() + key + "[" + f + "]";
            String to = names.get(f);
            if (to == null || to.isBlank()) {
                throw new ConfigException(at, "must be the name of a route or a model");
            }
            if (!routes.contains(to) && !models.contains(to)) {
                throw new ConfigException(at, "unknown route or model '" + to + "' (routes: "
                        + String.join(", ", routes.stream().sorted().toList()) + "; models: "
                        + String.join(", ", models) + ")");
            }
            if (to.equals(r.name())) {
                throw new ConfigException(at, "a route cannot be its own fallback");
            }
            if (!seen.add(to)) {
                throw new ConfigException(at, "'" + to + "' is listed twice");
            }
        }
    }

    /** The first cycle of fallbacks reached from {@code name} along {@code path}, or null. */
    private static List<String> cycleFrom(String name, List<String> path, List<RouteConfig> routes,
                                          Map<String, Integer> index) {
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        path.add(name);
        for (String next : routes.get(index.get(name)).fallbacks()) {
            List<String> found = cycleFrom(next, path, routes, index);
            if (found != null) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    private static RouteStrategy strategy(String name, String where) {
        String n = name == null ? "weighted" : name;
        RouteStrategy s = RouteStrategies.find(n);
        if (s == null) {
            throw new ConfigException(where, "unknown strategy '" + n + "' (known: " + String.join(", ",
                    RouteStrategies.known().keySet()) + ", or the class name of a RouteStrategy)");
        }
        return s;
    }

    private static List<RouteConfig.Member> members(List<MemberSection> list, String where, Set<String> models) {
        if (list == null || list.isEmpty()) {
            throw new ConfigException(where, "is required: a list of {model, weight}");
        }
        if (list.size() > MAX_MEMBERS) {
            throw new ConfigException(where, "at most " + MAX_MEMBERS + " deployments, not " + list.size());
        }
        List<RouteConfig.Member> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = where + "[" + i + "]";
            MemberSection m = list.get(i);
            if (m == null) {
                throw new ConfigException(at, "must be a mapping {model, weight}");
            }
            String model = ConfigBinder.required(m.model(), at + ".model");
            if (!models.contains(model)) {
                throw new ConfigException(at + ".model", "unknown deployment '" + model + "' (known models: "
                        + String.join(", ", models) + ")");
            }
            if (!seen.add(model)) {
                throw new ConfigException(at + ".model", "deployment '" + model + "' is listed twice");
            }
            out.add(new RouteConfig.Member(model, (int) ConfigBinder.range(m.weight(), 1, 0, 1_000_000,
                    at + ".weight")));
        }
        return out;
    }

    /** The {@code usage-based} strategy weighs each deployment's own limits: each needs an rpm or a tpm. */
    private static void requireOwnLimits(List<RouteConfig.Member> members, List<ModelConfig> models, String where) {
        for (int i = 0; i < members.size(); i++) {
            String model = members.get(i).model();
            ModelConfig m = models.stream().filter(c -> c.name().equals(model)).findFirst().orElseThrow();
            if (m.limits() == null || (m.limits().rpm() <= 0 && m.limits().tpm() <= 0)) {
                throw new ConfigException(where + "[" + i + "].model", "strategy usage-based needs each deployment's"
                        + " own limits, but model '" + model + "' (" + m.configPath() + ") sets no limits.rpm or"
                        + " limits.tpm");
            }
        }
    }

    private static SessionAffinity affinity(AffinitySection a, String where) {
        if (a == null) {
            return null;
        }
        SessionAffinity d = SessionAffinity.DEFAULT;
        return new SessionAffinity(Duration.ofMillis(ConfigBinder.range(a.ttlMs(), d.ttl().toMillis(), 1_000,
                7 * 86_400_000L, where + ".ttl_ms")),
                ConfigBinder.range(a.maxSessions(), d.maxSessions(), 1, 10_000_000, where + ".max_sessions"));
    }

    private static RetryPolicy retry(RouteSection r, String where) {
        RetryPolicy d = RetryPolicy.DEFAULT;
        RetriesSection s = r.retries() == null ? new RetriesSection(null, null, null) : r.retries();
        long base = ConfigBinder.range(s.baseMs(), d.base().toMillis(), 1, 600_000, where + ".retries.base_ms");
        return new RetryPolicy(
                (int) ConfigBinder.range(s.max(), d.maxRetries(), 0, 10, where + ".retries.max"),
                Duration.ofMillis(base),
                Duration.ofMillis(ConfigBinder.range(s.maxBackoffMs(), Math.max(base, d.maxBackoff().toMillis()),
                        base, 3_600_000, where + ".retries.max_backoff_ms")),
                Duration.ofMillis(ConfigBinder.range(r.timeoutMs(), d.deadline().toMillis(), 1, 86_400_000,
                        where + ".timeout_ms")));
    }
}
