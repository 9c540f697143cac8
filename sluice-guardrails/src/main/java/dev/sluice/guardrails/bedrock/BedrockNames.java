package dev.sluice.guardrails.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import java.util.Map;

/**
 * Bedrock's camelCase field names and the config's snake_case ones, both ways. Bedrock's guardrail fields are plain
 * camelCase words ({@code piiEntitiesConfig}), so the two spellings map one to one. Stateless.
 */
public final class BedrockNames {

    private BedrockNames() { }

    /** {@code piiEntitiesConfig} → {@code pii_entities_config}. */
    public static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code pii_entities_config[0].input_action} → {@code piiEntitiesConfig[0].inputAction}. */
    public static String camel(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean up = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_' && i + 1 < snake.length() && Character.isLetterOrDigit(snake.charAt(i + 1)) && i > 0
                    && Character.isLetterOrDigit(snake.charAt(i - 1))) {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }

    /** A copy of {@code node} with every object key in snake_case (values unchanged). */
    public static JsonNode toSnake(JsonNode node) {
        return rename(node, true);
    }

    /** A copy of {@code node} with every object key in camelCase (values unchanged). */
    public static JsonNode toCamel(JsonNode node) {
        return rename(node, false);
    }

    private static JsonNode rename(JsonNode node, boolean toSnake) {
        if (node.isObject()) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                // a snake_case key sent to the camelCase API stays unknown: it is not one of Bedrock's names
                String renamed = toSnake ? (key.indexOf('_') >= 0 ? key + "_" : snake(key)) : camel(key);
                out.set(renamed, rename(e.getValue(), toSnake));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(rename(item, toSnake)));
            return out;
        }
        return node;
    }
}
