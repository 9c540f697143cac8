package dev.sluice.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.api.error.GatewayException;
import java.io.IOException;
import java.util.Set;

/**
 * Reads a few top-level fields of a JSON object with the streaming parser, without building a tree: the position of
 * one string field's token (so it can be replaced in place), and the values of a few scalar fields. The whole
 * document is still read, so malformed JSON or trailing data anywhere is refused. A watched field that appears twice
 * is refused too: a reader that took the first and an upstream that took the last would disagree about the request.
 * Not thread-safe; one instance per body.
 */
public final class JsonPeek {

    private final Set<String> watched;
    private String text;
    private int textStart = -1;
    private int textEnd = -1;
    private Boolean flag;
    private Integer number;
    private Integer otherNumber;
    private final String textField;
    private final String flagField;
    private final String numberField;
    private final String otherNumberField;

    /**
     * @param textField a string field whose value and token position are wanted (e.g. {@code model})
     * @param flagField a boolean field (e.g. {@code stream})
     * @param numberField an integer field (e.g. {@code max_tokens})
     * @param otherNumberField a second integer field (e.g. {@code max_completion_tokens}), or null
     */
    public JsonPeek(String textField, String flagField, String numberField, String otherNumberField) {
        this.textField = textField;
        this.flagField = flagField;
        this.numberField = numberField;
        this.otherNumberField = otherNumberField;
        this.watched = otherNumberField == null ? Set.of(textField, flagField, numberField)
                : Set.of(textField, flagField, numberField, otherNumberField);
    }

    /**
     * Scans {@code body}.
     *
     * @return false when a watched field has an unexpected type (the caller then decodes the body whole, which
     *     names the field and the problem)
     * @throws GatewayException {@code INVALID_REQUEST} when the body is not one well-formed JSON object, or repeats a
     *     watched field
     */
    public boolean scan(byte[] body) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw GatewayException.invalid("request body must be a JSON object", null);
            }
            boolean typesOk = true;
            java.util.HashSet<String> seen = new java.util.HashSet<>(8);
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (watched.contains(name) && !seen.add(name)) {
                    throw GatewayException.invalid("'" + name + "' appears more than once", name);
                }
                if (name.equals(textField)) {
                    if (v == JsonToken.VALUE_STRING) {
                        textStart = (int) p.currentTokenLocation().getByteOffset();
                        text = p.getText();
                        textEnd = (int) p.currentLocation().getByteOffset();
                    } else if (v != JsonToken.VALUE_NULL) {
                        typesOk = false;
                    }
                } else if (name.equals(flagField)) {
                    if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                        flag = v == JsonToken.VALUE_TRUE;
                    } else if (v != JsonToken.VALUE_NULL) {
                        typesOk = false;
                    }
                } else if (name.equals(numberField) || name.equals(otherNumberField)) {
                    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        if (name.equals(numberField)) {
                            number = p.getIntValue();
                        } else {
                            otherNumber = p.getIntValue();
                        }
                    } else if (v != JsonToken.VALUE_NULL) {
                        typesOk = false;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw GatewayException.invalid("request body is not valid JSON", null);
            }
            return typesOk;
        } catch (IOException e) {
            throw GatewayException.invalid("request body is not valid JSON", null);
        }
    }

    /** The string field's value, or null. */
    public String text() { return text; }

    /** Byte offset of the string field's token (its opening quote), or -1. */
    public int textStart() { return textStart; }

    /** Byte offset just past the string field's token, or -1. */
    public int textEnd() { return textEnd; }

    /** The boolean field, or null. */
    public Boolean flag() { return flag; }

    /** The first integer field, or the second when the first is absent; null when neither. */
    public Integer number() { return number != null ? number : otherNumber; }
}
