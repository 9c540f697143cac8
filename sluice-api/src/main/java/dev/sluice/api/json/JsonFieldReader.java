package dev.sluice.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.GatewayException;
import java.io.IOException;
import java.util.Locale;
import java.util.function.BinaryOperator;

/**
 * Checked reads of a caller's JSON, shared by the inbound codecs. Every failure is an {@code INVALID_REQUEST} whose
 * {@code param} is the field's path (e.g. {@code messages[1].role}); absent and JSON {@code null} fields read as
 * absent. Only the wording of the messages differs per API, so that each answers like the service it imitates.
 * Immutable and thread-safe.
 */
public final class JsonFieldReader {

    private final BinaryOperator<String> message;
    private final String requiredProblem;
    private final boolean blankIsEmpty;

    /**
     * @param message builds the error text from the field path and the problem
     * @param requiredProblem the problem text for a missing required field
     * @param blankIsEmpty whether a required text of only whitespace counts as empty
     */
    public JsonFieldReader(BinaryOperator<String> message, String requiredProblem, boolean blankIsEmpty) {
        this.message = message;
        this.requiredProblem = requiredProblem;
        this.blankIsEmpty = blankIsEmpty;
    }

    /** Parses a caller's body that must be one JSON object. */
    public JsonNode parseObject(byte[] body) {
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

    public static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    public static String path(String parent, int index) {
        return parent + "[" + index + "]";
    }

    public GatewayException invalid(String path, String problem) {
        return GatewayException.invalid(message.apply(path, problem), path);
    }

    public GatewayException wrongType(String path, String expected, JsonNode actual) {
        return invalid(path, "must be " + expected + ", got " + kind(actual));
    }

    /** The field's node, or null when absent or JSON null. */
    public static JsonNode opt(JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        return n == null || n.isNull() ? null : n;
    }

    public JsonNode require(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            throw invalid(path(parent, field), requiredProblem);
        }
        return n;
    }

    public String optText(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw wrongType(path(parent, field), "a string", n);
        }
        return n.textValue();
    }

    public String requireText(JsonNode obj, String field, String parent) {
        String v = optText(obj, field, parent);
        if (v == null) {
            throw invalid(path(parent, field), requiredProblem);
        }
        if (blankIsEmpty ? v.isBlank() : v.isEmpty()) {
            throw invalid(path(parent, field), "must not be empty");
        }
        return v;
    }

    public Boolean optBoolean(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            throw wrongType(path(parent, field), "true or false", n);
        }
        return n.booleanValue();
    }

    public Double optNumber(JsonNode obj, String field, String parent, double min, double max) {
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

    public Long optLong(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw wrongType(path(parent, field), "an integer", n);
        }
        return n.longValue();
    }

    public Integer optPositiveInt(JsonNode obj, String field, String parent) {
        Long v = optLong(obj, field, parent);
        if (v == null) {
            return null;
        }
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw invalid(path(parent, field), "must be a positive integer, got " + v);
        }
        return v.intValue();
    }

    public JsonNode optObject(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n != null && !n.isObject()) {
            throw wrongType(path(parent, field), "an object", n);
        }
        return n;
    }

    public JsonNode optArray(JsonNode obj, String field, String parent) {
        JsonNode n = opt(obj, field);
        if (n != null && !n.isArray()) {
            throw wrongType(path(parent, field), "an array", n);
        }
        return n;
    }

    /** How a JSON value is named in messages: "a string", "an array", ... */
    public static String kind(JsonNode n) {
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
        return n.isObject() ? "an object" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
