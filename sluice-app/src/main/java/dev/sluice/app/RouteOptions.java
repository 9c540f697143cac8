package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.gateway.cache.CachePolicy;
import dev.sluice.gateway.cache.CacheSections;
import dev.sluice.gateway.cache.CacheSettings;
import dev.sluice.gateway.cache.ResponseCache;
import dev.sluice.gateway.config.RouteConfig;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.guardrails.Attachments;
import dev.sluice.gateway.guardrails.GuardrailInterceptor;
import dev.sluice.gateway.guardrails.GuardrailRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a route carries besides its routing, kept equal to the routes in force: its response cache policy
 * ({@code cache:}) in the {@link ResponseCache}, and its guardrail ({@code guardrail:}) in the guardrails'
 * {@link Attachments}. {@link ManagedRoutes} calls {@link #apply} each time it applies the routes (at start, after a
 * change through this node, and when another node's change is seen), so a route made or changed at {@code /admin/routes}
 * caches and is guarded from the next call on, on every node. A route made at run time that replaces one of the config
 * file's takes its own cache and guardrail, not the file's; models keep theirs. Thread-safe: {@link #apply} is called
 * under ManagedRoutes' lock and replaces each table whole.
 */
final class RouteOptions {

    private final CacheSettings cacheSettings;
    private final Map<String, CachePolicy> modelPolicies = new HashMap<>();
    private final Set<String> configuredRoutes = new HashSet<>();
    private final ResponseCache cache;
    private final GuardrailInterceptor guardrails;
    private final Attachments modelAttachments;

    /**
     * @param cache the response cache, whose policies are replaced (always in the chain when routes can change)
     * @param guardrails the guardrails' interceptor, whose attachments are replaced; its attachments at this moment,
     *     less the config file's routes, are the models', kept as they are
     */
    RouteOptions(SluiceConfig config, CacheSettings cacheSettings, ResponseCache cache,
                 GuardrailInterceptor guardrails) {
        this.cacheSettings = cacheSettings;
        this.cache = cache;
        this.guardrails = guardrails;
        config.routes().forEach(r -> configuredRoutes.add(r.name()));
        cacheSettings.policies().forEach((name, policy) -> {
            if (!configuredRoutes.contains(name)) {
                modelPolicies.put(name, policy);
            }
        });
        Map<String, GuardrailRef> models = new HashMap<>(guardrails.attachments().models());
        configuredRoutes.forEach(models::remove);
        this.modelAttachments = guardrails.attachments().withModels(models);
    }

    /**
     * Makes {@code routes} the ones whose cache and guardrail apply.
     *
     * @param routes every route in force (the file's and the stored ones that fit)
     * @param managed the stored routes' definitions among them, by name (a name here is the stored route's, not the
     *     file's); checked already, so their {@code cache:} makes a policy
     */
    void apply(List<RouteConfig> routes, Map<String, JsonNode> managed) {
        Map<String, CachePolicy> policies = new HashMap<>(modelPolicies);
        Map<String, GuardrailRef> attached = new HashMap<>(modelAttachments.models());
        for (RouteConfig r : routes) {
            JsonNode definition = managed.get(r.name());
            CachePolicy policy = definition == null ? cacheSettings.policies().get(r.name())
                    : CacheSections.policy(definition.get("cache"), cacheSettings, "routes." + r.name() + ".cache");
            if (policy != null) {
                policies.put(r.name(), policy);
            }
            if (r.guardrail() != null) {
                attached.put(r.name(), r.guardrail());
            }
        }
        cache.policies(policies);
        guardrails.attachments(modelAttachments.withModels(attached));
    }
}
