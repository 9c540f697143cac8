package dev.sluice.store.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import java.util.List;

/**
 * What a team, a use case or a key is allowed, as the admin API writes it.
 *
 * @param models the models it may call, or null for any
 * @param limits {@code {rpm, tpm, max_concurrent}}, each optional; never null
 * @param budget {@code {limit_usd, period}}, or null for none
 * @param metadata free-form labels (owner, cost centre, ...); never null
 */
public record Grant(List<String> models, JsonNode limits, JsonNode budget, JsonNode metadata) {

    public static final Grant OPEN = new Grant(null, null, null, null);

    public Grant {
        models = models == null ? null : List.copyOf(models);
        limits = limits == null ? Json.object() : limits;
        metadata = metadata == null ? Json.object() : metadata;
    }

    /** Whether {@code model} may be called under this grant. */
    public boolean allows(String model) {
        return models == null || models.contains(model);
    }

    void write(ObjectNode out) {
        if (models == null) {
            out.putNull("models");
        } else {
            models.forEach(out.putArray("models")::add);
        }
        out.set("limits", limits);
        out.set("budget", budget);
        out.set("metadata", metadata);
    }
}
