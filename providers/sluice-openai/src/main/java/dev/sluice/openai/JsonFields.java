package dev.sluice.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;

/**
 * Typed reads of optional and required fields from a caller's JSON, each failing with an {@code INVALID_REQUEST}
 * that names the field by its path (e.g. {@code messages[1].role}) and says what is wrong. Absent and JSON
 * {@code null} fields read as absent.
 */
final class JsonFields {

    private JsonFields() { }

    /** Parses a caller's body that must be one JSON object. */
    static JsonNode parseObject(byte[] body) {
        JsonNode root;
        try {
            root = Json.parse(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw GatewayException.invalid("request body is not valid JSON", null);
        }
        if (root == null || root.isMissingNode()) {
            throw GatewayException.invalid("request body is empty; expected a JSON object", null);
        }
        if (!root.isObject()) {
            throw GatewayException.invalid("request body must be a JSON object, got " + kind(root), null);
        }
        return root;
    }

    static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    static GatewayException invalid(String path, String problem) {
        return GatewayException.invalid("'" + path + "' " + problem, path);
    }

    static GatewayException wrongType(String path, String expected, JsonNode actual) {
        return invalid(path, "must be " + expected + ", got " + kind(actual));
    }

    /** The field's node, or null when absent or JSON null. */
    static JsonNode opt(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        return n == null || n.isNull() ? null : n;
    }

    static JsonNode require(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            throw invalid(path(parent, field), "is required");
        }
        return n;
    }

    static String optText(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(path(parent, field), "a string", n);
        }
        return n.textValue();
    }

    static String requireText(JsonNode obj, String field, String parent) {
        String v = optText(obj, field, parent);
        if (v == null) {
            throw invalid(path(parent, field), "is required");
        }
        if (v.isBlank()) {
            throw invalid(path(parent, field), "must not be empty");
        }
        return v;
    }

    static Boolean optBoolean(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            throw wrongType(path(parent, field), "true or false", n);
        }
        return n.booleanValue();
    }

    static Double optNumber(JsonNode obj, String field, String parent, double min, double max) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            throw wrongType(path(parent, field), "a number", n);
        }
        double v = n.doubleValue();
        if (v < min || v > max) {
            throw invalid(path(parent, field), "must be between " + plain(min) + " and " + plain(max) + ", got "
                    + n.asText());
        }
        return v;
    }

    static Long optLong(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw wrongType(path(parent, field), "an integer", n);
        }
        return n.longValue();
    }

    static Integer optPositiveInt(JsonNode obj, String field, String parent) {
        Long v = optLong(obj, field, parent);
        if (v == null) {
            return null;
        }
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw invalid(path(parent, field), "must be a positive integer, got " + v);
        }
        return v.intValue();
    }

    static JsonNode optObject(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n != null && !n.isObject()) {
            throw wrongType(path(parent, field), "an object", n);
        }
        return n;
    }

    static JsonNode optArray(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n != null && !n.isArray()) {
            throw wrongType(path(parent, field), "an array", n);
        }
        return n;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isArray()) {
            return "an array";
        }
        return n.isObject() ? "an object" : n.getNodeType().name().toLowerCase();
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
