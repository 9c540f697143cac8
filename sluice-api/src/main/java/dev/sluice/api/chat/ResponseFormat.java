package dev.sluice.api.chat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Structured output request. {@code name}, {@code schema} and {@code strict} are set only for
 * {@link Type#JSON_SCHEMA}.
 */
public record ResponseFormat(Type type, String name, JsonNode schema, Boolean strict) {

    public enum Type { TEXT, JSON_OBJECT, JSON_SCHEMA }

    public static final ResponseFormat TEXT = new ResponseFormat(Type.TEXT, null, null, null);
    public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Type.JSON_OBJECT, null, null, null);
}
