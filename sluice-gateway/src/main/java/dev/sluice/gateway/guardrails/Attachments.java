package dev.sluice.gateway.guardrails;

import dev.sluice.api.event.Caller;
import java.util.Map;

/**
 * Which guardrail the configuration attaches to a call: the caller's key's, else its use case's, else its team's,
 * else the model's or route's (the most specific wins). A guardrail the key itself carries (set through the admin
 * keys API, {@link dev.sluice.api.access.KeyDirectory#guardrail}) comes before all of these. Immutable.
 *
 * @param keys guardrails by key id
 * @param useCases guardrails by use case id
 * @param teams guardrails by team id
 * @param models guardrails by public model or route name ({@code models[].guardrail}, {@code routes[].guardrail})
 */
public record Attachments(Map<String, GuardrailRef> keys, Map<String, GuardrailRef> useCases,
                          Map<String, GuardrailRef> teams, Map<String, GuardrailRef> models) {

    public static final Attachments NONE = new Attachments(Map.of(), Map.of(), Map.of(), Map.of());

    public Attachments {
        keys = Map.copyOf(keys);
        useCases = Map.copyOf(useCases);
        teams = Map.copyOf(teams);
        models = Map.copyOf(models);
    }

    /** Only models have guardrails. */
    public static Attachments ofModels(Map<String, GuardrailRef> models) {
        return new Attachments(Map.of(), Map.of(), Map.of(), models);
    }

    /** These attachments with {@code models} (by public model or route name) instead of their own. */
    public Attachments withModels(Map<String, GuardrailRef> models) {
        return new Attachments(keys, useCases, teams, models);
    }

    public boolean isEmpty() {
        return keys.isEmpty() && useCases.isEmpty() && teams.isEmpty() && models.isEmpty();
    }

    /** The guardrail attached to this caller calling this model, or null. */
    GuardrailRef of(Caller caller, String model) {
        GuardrailRef found = null;
        if (caller != null) {
            found = get(keys, caller.keyId());
            found = found != null ? found : get(useCases, caller.useCaseId());
            found = found != null ? found : get(teams, caller.teamId());
        }
        return found != null ? found : get(models, model);
    }

    private static GuardrailRef get(Map<String, GuardrailRef> map, String key) {
        return key == null || map.isEmpty() ? null : map.get(key);
    }
}
