package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;

/**
 * Reads fields of a caller's Converse JSON, failing the way Bedrock does: an {@code INVALID_REQUEST}
 * ("ValidationException" on the wire) whose message and {@code param} name the field at fault. JSON null counts as
 * absent. Stateless.
 */
final class Fields {

    private Fields() { }

    static GatewayException invalid(String path, String problem) {
        return GatewayException.invalid("1 validation error detected: Value at '" + path + "' " + problem, path);
    }

    static GatewayException unsupported(String path, String problem) {
        return new GatewayException(new GatewayError(ErrorType.UNSUPPORTED_FEATURE, 400,
                "'" + path + "' " + problem, null, null, path));
    }

    /** The member, or null when absent or JSON null. */
    static JsonNode get(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        return n == null || n.isNull() ? null : n;
    }

    static JsonNode object(JsonNode parent, String key, String path, boolean required) {
        JsonNode n = present(parent, key, path, required);
        if (n != null && !n.isObject()) {
            throw invalid(path, "must be an object");
        }
        return n;
    }

    static JsonNode array(JsonNode parent, String key, String path, boolean required) {
        JsonNode n = present(parent, key, path, required);
        if (n != null && !n.isArray()) {
            throw invalid(path, "must be an array");
        }
        return n;
    }

    static String text(JsonNode parent, String key, String path, boolean required) {
        JsonNode n = present(parent, key, path, required);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw invalid(path, "must be a string");
        }
        return n.textValue();
    }

    /** A required non-empty string. */
    static String nonEmpty(JsonNode parent, String key, String path) {
        String v = text(parent, key, path, true);
        if (v.isEmpty()) {
            throw invalid(path, "failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        return v;
    }

    static Integer integer(JsonNode parent, String key, String path, int min) {
        JsonNode n = present(parent, key, path, false);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw invalid(path, "must be an integer");
        }
        if (n.intValue() < min) {
            throw invalid(path, "failed to satisfy constraint: Member must have value greater than or equal to "
                    + min);
        }
        return n.intValue();
    }

    static Double fraction(JsonNode parent, String key, String path) {
        JsonNode n = present(parent, key, path, false);
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            throw invalid(path, "must be a number");
        }
        double v = n.doubleValue();
        if (!(v >= 0 && v <= 1)) {
            throw invalid(path, "failed to satisfy constraint: Member must have value between 0 and 1");
        }
        return v;
    }

    private static JsonNode present(JsonNode parent, String key, String path, boolean required) {
        JsonNode n = get(parent, key);
        if (n == null && required) {
            throw invalid(path, "failed to satisfy constraint: Member must not be null");
        }
        return n;
    }
}
