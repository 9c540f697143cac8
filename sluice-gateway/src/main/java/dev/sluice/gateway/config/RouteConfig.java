package dev.sluice.gateway.config;

import dev.sluice.gateway.routing.RetryPolicy;
import dev.sluice.gateway.routing.RouteStrategy;
import java.util.List;

/**
 * One {@code routes} entry: a public name over several deployments ({@code models:} entries), validated.
 *
 * @param strategy how each attempt picks its deployment
 * @param members the deployments, in config order, with their weights
 * @param fallbacks the routes tried in order once this one gives up (no cycles: checked at load)
 * @param retry retries, backoff and the call's deadline
 * @param configPath e.g. {@code sluice.yaml: routes[0]}
 * @param guardrail the guardrail applied to every call of this route ({@code guardrail: {id, version}}), or null
 */
public record RouteConfig(String name, RouteStrategy strategy, List<Member> members, List<String> fallbacks,
                          RetryPolicy retry, String configPath, dev.sluice.gateway.guardrails.GuardrailRef guardrail) {

    public RouteConfig {
        members = List.copyOf(members);
        fallbacks = List.copyOf(fallbacks);
    }

    /** A route without a guardrail. */
    public RouteConfig(String name, RouteStrategy strategy, List<Member> members, List<String> fallbacks,
                       RetryPolicy retry, String configPath) {
        this(name, strategy, members, fallbacks, retry, configPath, null);
    }

    /** A deployment of the route: a {@code models:} entry's name and its weight. */
    public record Member(String model, int weight) { }
}
