package dev.sluice.api.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sluice.api.json.Json;
import dev.sluice.api.json.JsonMembers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the per-format readers of guarded texts ({@link ChatWireCodec#promptTexts}, {@link ChatWireCodec#answerTexts})
 * share: a strict walk of a body with the streaming parser, and the texts found so far. Strict: a repeated member
 * anywhere, malformed JSON, or a shape the reader does not know ({@link #unreadable}) makes the read give up, and the
 * caller then decodes the body whole, which either names the problem or reads it as the gateway always did. A reader
 * must give up rather than guess, since a text it missed would reach the upstream unchecked. Not thread-safe; one per
 * read.
 */
public final class WireTextReader {

    /** A shape the reader does not know; the read gives up. Carries no stack: it is control flow, not a fault. */
    public static final class Unreadable extends RuntimeException {
        private Unreadable() {
            super("not read on the wire", null, false, false);
        }
    }

    private static final Unreadable UNREADABLE = new Unreadable();

    /** Reads a tool call's arguments, refusing repeated members in them. */
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** Reads a value in the middle of a document, refusing repeated members in it. */
    private static final ObjectReader STRICT_SUBTREE = STRICT.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Sees one element of an array, the parser on its first token; it may leave the element (it is skipped). */
    @FunctionalInterface
    public interface Element {
        void element(JsonParser p) throws IOException;
    }

    private final List<WireText> texts = new ArrayList<>();

    /** Thrown by a reader for a shape it does not know. */
    public static Unreadable unreadable() {
        return UNREADABLE;
    }

    /**
     * Walks the top-level object of {@code body}, refusing repeated members at every level.
     *
     * @return false when the body is not one well-formed JSON object without repeated members, or the visitor found
     *     it {@link #unreadable}
     */
    public static boolean walk(byte[] body, JsonMembers.Visitor visitor) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonMembers.eachOnce(p, visitor);
            return p.nextToken() == null;
        } catch (IOException | Unreadable e) {
            return false;
        }
    }

    /**
     * Walks the object the parser is on, refusing repeated members ({@link JsonMembers#eachOnce}): every object whose
     * members a reader reads must be walked this way, and {@link #walk} walks the top level so.
     *
     * @return whether the value was an object
     */
    public static boolean members(JsonParser p, JsonMembers.Visitor visitor) throws IOException {
        return JsonMembers.eachOnce(p, visitor);
    }

    /** The object the parser is on as a tree, or null for any other value; a repeated member anywhere in it fails. */
    public static JsonNode object(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.START_OBJECT ? STRICT_SUBTREE.readTree(p) : null;
    }

    /** Calls {@code element} for each element of the array the parser is on; {@link #unreadable} for any other value. */
    public static void elements(JsonParser p, Element element) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw UNREADABLE;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            element.element(p);
            p.skipChildren();
        }
    }

    /** The string the parser is on, with its span; {@link #unreadable} for any other value. */
    public static JsonMembers.StringToken string(JsonParser p) throws IOException {
        JsonMembers.StringToken token = JsonMembers.string(p);
        if (token == null) {
            throw UNREADABLE;
        }
        return token;
    }

    /** Adds a text at its token's place; an empty one is not checked, so not added. */
    public void text(JsonMembers.StringToken token) {
        if (!token.text().isEmpty()) {
            texts.add(new WireText(token.text(), false, token.start(), token.end()));
        }
    }

    /** Adds all of {@code tokens}, in order. */
    public void texts(List<JsonMembers.StringToken> tokens) {
        tokens.forEach(this::text);
    }

    /** Adds a text of an answer, with no place (answers are rewritten in canonical form). */
    public void answerText(String text) {
        if (text != null && !text.isEmpty()) {
            texts.add(new WireText(text, false, -1, -1));
        }
    }

    /**
     * Adds the texts of a tool call's arguments given as a JSON string: each string value in it, so that a mask keeps
     * them valid JSON; the whole string when it is not a JSON object or array. Nothing when blank.
     */
    public void toolArguments(String json) {
        if (json == null || json.isBlank()) {
            return;
        }
        JsonNode node;
        try {
            node = STRICT.readTree(json);
        } catch (IOException | RuntimeException e) {
            node = null;
        }
        if (node == null || node.isValueNode()) {
            texts.add(new WireText(json, true, -1, -1));
        } else {
            strings(node);
        }
    }

    /** Adds the texts of a tool call's arguments given as JSON (Anthropic's and Converse's {@code input}). */
    public void toolArguments(JsonNode arguments) {
        if (arguments.isContainerNode()) {
            strings(arguments);
        } else {
            toolArguments(Json.text(arguments));
        }
    }

    private void strings(JsonNode node) {
        if (node.isTextual()) {
            if (!node.textValue().isEmpty()) {
                texts.add(new WireText(node.textValue(), true, -1, -1));
            }
        } else if (node.isContainerNode()) {
            node.forEach(this::strings);
        }
    }

    /** The texts added, in order. */
    public List<WireText> texts() {
        return texts;
    }
}
