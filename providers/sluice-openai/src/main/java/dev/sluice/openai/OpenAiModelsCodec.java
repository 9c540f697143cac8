package dev.sluice.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import java.util.List;

/** OpenAI's {@code GET /v1/models} list. Thread-safe and stateless. */
public final class OpenAiModelsCodec {

    private OpenAiModelsCodec() { }

    /**
     * The list of public model names, in the given order, all owned by {@code sluice}.
     *
     * @param created seconds since the epoch, written as every model's {@code created}
     */
    public static WireReply encodeList(List<String> names, long created) {
        ObjectNode root = Json.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String name : names) {
            data.addObject().put("id", name).put("object", "model").put("created", created).put("owned_by", "sluice");
        }
        return new WireReply(200, "application/json", null, Json.bytes(root));
    }

    /** One model, as {@code GET /v1/models/{model}} answers it. */
    public static WireReply encodeOne(String name, long created) {
        ObjectNode model = Json.object().put("id", name).put("object", "model").put("created", created)
                .put("owned_by", "sluice");
        return new WireReply(200, "application/json", null, Json.bytes(model));
    }
}
