package dev.sluice.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.JsonFieldReader;

/**
 * Typed reads of a caller's JSON, worded as OpenAI words them: {@code 'model' is required}.
 * The checks live in {@link JsonFieldReader}; this class only fixes the wording and keeps the short static names
 * the codecs use.
 */
final class JsonFields {

    private static final JsonFieldReader READ =
            new JsonFieldReader((path, problem) -> "'" + path + "' " + problem, "is required", true);

    private JsonFields() { }

    static JsonNode parseObject(byte[] body) { return READ.parseObject(body); }

    static String path(String parent, String field) { return JsonFieldReader.path(parent, field); }

    static Integer optPositiveInt(JsonNode obj, String field, String parent) {
        return READ.optPositiveInt(obj, field, parent);
    }

    static GatewayException invalid(String path, String problem) { return READ.invalid(path, problem); }

    static GatewayException wrongType(String path, String expected, JsonNode actual) {
        return READ.wrongType(path, expected, actual);
    }

    /** The field's node, or null when absent or JSON null. */
    static JsonNode opt(JsonNode obj, String field) { return JsonFieldReader.opt(obj, field); }

    static JsonNode require(JsonNode obj, String field, String parent) { return READ.require(obj, field, parent); }

    static String optText(JsonNode obj, String field, String parent) { return READ.optText(obj, field, parent); }

    static String requireText(JsonNode obj, String field, String parent) {
        return READ.requireText(obj, field, parent);
    }

    static Boolean optBoolean(JsonNode obj, String field, String parent) {
        return READ.optBoolean(obj, field, parent);
    }

    static Double optNumber(JsonNode obj, String field, String parent, double min, double max) {
        return READ.optNumber(obj, field, parent, min, max);
    }

    static Long optLong(JsonNode obj, String field, String parent) { return READ.optLong(obj, field, parent); }

    static JsonNode optObject(JsonNode obj, String field, String parent) {
        return READ.optObject(obj, field, parent);
    }

    static JsonNode optArray(JsonNode obj, String field, String parent) { return READ.optArray(obj, field, parent); }

    static String kind(JsonNode n) { return JsonFieldReader.kind(n); }
}
