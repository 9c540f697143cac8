package dev.sluice.store.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import java.util.Map;
import java.util.TreeMap;

/** Client tags as the JSON object stored in the {@code tags} column. */
final class Tags {

    private Tags() { }

    static String toJson(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return "{}"; // most calls carry no tags: skip building a JSON tree for them
        }
        ObjectNode node = Json.object();
        new TreeMap<>(tags).forEach(node::put);
        return Json.text(node);
    }
}
