package dev.sluice.api.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
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
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonMembers.each(p, visitor);
            return p.nextToken() == null;
        } catch (IOException | Unreadable e) {
            return false;
        }
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
            node = Json.parse(json);
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
