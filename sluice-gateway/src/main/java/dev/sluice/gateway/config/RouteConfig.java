package dev.sluice.gateway.config;

import dev.sluice.gateway.routing.RetryPolicy;
import dev.sluice.gateway.routing.RouteStrategy;
import dev.sluice.gateway.routing.SessionAffinity;
import java.util.List;

/**
 * One {@code routes} entry: a public name over several deployments ({@code models:} entries), validated.
 *
 * @param strategy how each attempt picks its deployment
 * @param members the deployments, in config order, with their weights
 * @param fallbacks the routes tried in order once this one gives up (no cycles: checked at load)
 * @param retry retries, backoff and the call's deadline
 * @param configPath e.g. {@code sluice.yaml: routes[0]}
 * @param contextWindowFallbacks routes or models (larger-context ones) tried in order when an upstream refuses the
 *     prompt as longer than its context window
 * @param contentPolicyFallbacks routes or models tried in order when an upstream's content filter refuses the
 *     request or withholds the answer
 * @param affinity how a session stays on the deployment that served it ({@code session_affinity:}), or null: no pins
 * @param guardrail the guardrail applied to every call of this route ({@code guardrail: {id, version}}), or null
 */
public record RouteConfig(String name, RouteStrategy strategy, List<Member> members, List<String> fallbacks,
                          RetryPolicy retry, String configPath, List<String> contextWindowFallbacks,
                          List<String> contentPolicyFallbacks, SessionAffinity affinity,
                          dev.sluice.gateway.guardrails.GuardrailRef guardrail) {

    public RouteConfig {
        members = List.copyOf(members);
        fallbacks = List.copyOf(fallbacks);
        contextWindowFallbacks = contextWindowFallbacks == null ? List.of() : List.copyOf(contextWindowFallbacks);
        contentPolicyFallbacks = contentPolicyFallbacks == null ? List.of() : List.copyOf(contentPolicyFallbacks);
    }

    /** A route without context-window or content-policy fallbacks, session affinity or guardrail. */
    public RouteConfig(String name, RouteStrategy strategy, List<Member> members, List<String> fallbacks,
                       RetryPolicy retry, String configPath) {
        this(name, strategy, members, fallbacks, retry, configPath, List.of(), List.of(), null, null);
    }

    /** A route without a guardrail. */
    public RouteConfig(String name, RouteStrategy strategy, List<Member> members, List<String> fallbacks,
                       RetryPolicy retry, String configPath, List<String> contextWindowFallbacks,
                       List<String> contentPolicyFallbacks, SessionAffinity affinity) {
        this(name, strategy, members, fallbacks, retry, configPath, contextWindowFallbacks, contentPolicyFallbacks,
                affinity, null);
    }

    /** A deployment of the route: a {@code models:} entry's name and its weight. */
    public record Member(String model, int weight) { }
}
