package dev.sluice.store.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import java.time.Instant;

/** A use case of a team (one application, one feature), with its own grant. */
public record UseCase(String id, String teamId, String name, String description, String owner, Grant grant,
                      Instant createdAt, Instant updatedAt) {

    public ObjectNode toJson() {
        ObjectNode out = Json.object().put("id", id).put("team", teamId).put("name", name)
                .put("description", description).put("owner", owner);
        grant.write(out);
        return out.put("created_at", createdAt.toString()).put("updated_at", updatedAt.toString());
    }
}
