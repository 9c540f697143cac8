package dev.sluice.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;

/**
 * Checked reads of a caller's JSON. Each failure is an {@code INVALID_REQUEST} whose {@code param} is the field's
 * path (e.g. {@code messages[0].content[1].source}). JSON {@code null} reads as absent.
 */
final class Fields {

    private Fields() { }

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

    static String at(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    static String at(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static GatewayException invalid(String path, String problem) {
        return GatewayException.invalid(path + ": " + problem, path);
    }

    static GatewayException wrongType(String path, String expected, JsonNode actual) {
        return invalid(path, "must be " + expected + ", got " + kind(actual));
    }

    static JsonNode opt(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        return n == null || n.isNull() ? null : n;
    }

    static JsonNode require(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            throw invalid(at(parent, field), "Field required");
        }
        return n;
    }

    static String optText(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(at(parent, field), "a string", n);
        }
        return n.textValue();
    }

    static String requireText(JsonNode obj, String field, String parent) {
        String v = optText(obj, field, parent);
        if (v == null) {
            throw invalid(at(parent, field), "Field required");
        }
        if (v.isEmpty()) {
            throw invalid(at(parent, field), "must not be empty");
        }
        return v;
    }

    static Boolean optBoolean(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            throw wrongType(at(parent, field), "true or false", n);
        }
        return n.booleanValue();
    }

    static Double optNumber(JsonNode obj, String field, String parent, double min, double max) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            throw wrongType(at(parent, field), "a number", n);
        }
        double v = n.doubleValue();
        if (v < min || v > max) {
            throw invalid(at(parent, field), "must be between " + plain(min) + " and " + plain(max) + ", got "
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
            throw wrongType(at(parent, field), "an integer", n);
        }
        return n.longValue();
    }

    static JsonNode optObject(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n != null && !n.isObject()) {
            throw wrongType(at(parent, field), "an object", n);
        }
        return n;
    }

    static JsonNode optArray(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n != null && !n.isArray()) {
            throw wrongType(at(parent, field), "an array", n);
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
        return n.isObject() ? "an object" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
