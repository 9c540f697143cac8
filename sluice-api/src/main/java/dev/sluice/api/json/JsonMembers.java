package dev.sluice.api.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks the members of a JSON object with the streaming parser, without building a tree: the fast path's way of
 * reading a few fields of a whole request or answer. A {@link Visitor} sees each member's name with the parser on its
 * value, reads what it wants (a string with its byte position, for {@link JsonSplice}; a nested object, by walking it
 * in turn; a small subtree such as a usage object) and leaves the rest, which is skipped. The whole document is read,
 * so malformed JSON or data after the object fails the walk. Stateless.
 */
public final class JsonMembers {

    /** Reads one value in the middle of a document (the mapper's own check for trailing tokens would refuse it). */
    private static final ObjectReader SUBTREE = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonMembers() { }

    /** Sees the members of one object, in document order. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * One member, the parser on the first token of its value. The visitor may read the value or leave it (what it
         * leaves is skipped), but must not read past it. What it throws, other than {@link IOException}, ends the walk
         * and reaches the walk's caller as it is.
         */
        void member(String name, JsonParser value) throws IOException;
    }

    /** A JSON string value and the byte span of its token in the document, quotes included. */
    public record StringToken(String text, int start, int end) { }

    /**
     * Walks the top-level object of {@code body}.
     *
     * @return false when the document is not an object (or is empty); the visitor saw nothing then
     * @throws IOException when the JSON is malformed anywhere or something follows the object; the visitor may have
     *     seen some members by then
     */
    public static boolean walk(byte[] body, Visitor visitor) throws IOException {
        // the mapper's own factory: byte-backed parsers, whose locations carry the byte offsets that splicing needs
        // (a factory that does not canonicalize field names reads bytes through a Reader and has none)
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            each(p, visitor);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "data after the JSON object");
            }
            return true;
        }
    }

    /** Like {@link #walk}, but false, not an exception, for anything that is not one well-formed JSON object. */
    public static boolean tryWalk(byte[] body, Visitor visitor) {
        try {
            return walk(body, visitor);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Walks the object the parser is on, leaving the parser on its last token; any other value is skipped.
     *
     * @return whether the value was an object
     */
    public static boolean each(JsonParser p, Visitor visitor) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return false;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            visitor.member(name, p);
            p.skipChildren(); // a value the visitor left; a no-op on a scalar or a structure's end
        }
        return true;
    }

    /**
     * Like {@link #each}, but a name that comes twice in the object fails the walk: a reader that took one of the two
     * members and a client or upstream that took the other would disagree about the document. Only the objects walked
     * this way are checked, not the values skipped; far cheaper than the parser's own duplicate detection, which
     * keeps a hash set for every object of the document.
     *
     * @throws JsonParseException for a repeated name
     */
    public static boolean eachOnce(JsonParser p, Visitor visitor) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return false;
        }
        Names seen = new Names();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (!seen.add(name)) {
                throw new JsonParseException(p, "a member's name comes twice");
            }
            p.nextToken();
            visitor.member(name, p);
            p.skipChildren();
        }
        return true;
    }

    /** The names of one object so far: a short list (most objects have a few members), a hash set past it. */
    private static final class Names {
        private static final int LIST = 12;
        private final String[] list = new String[LIST];
        private int size;
        private Set<String> more;

        boolean add(String name) {
            if (more != null) {
                return more.add(name);
            }
            for (int i = 0; i < size; i++) {
                if (list[i].equals(name)) {
                    return false;
                }
            }
            if (size < LIST) {
                list[size++] = name;
                return true;
            }
            more = new HashSet<>(Arrays.asList(list));
            return more.add(name);
        }
    }

    /** The string the parser is on, or null for any other value. */
    public static String text(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    /** The integer the parser is on when it fits an {@code int}, or null for any other value. */
    public static Integer intValue(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                ? p.getIntValue() : null;
    }

    /** The string the parser is on with its token's byte span, or null for any other value. */
    public static StringToken string(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return null;
        }
        int start = (int) p.currentTokenLocation().getByteOffset();
        String text = p.getText(); // reads the whole token, so the location below is just past its closing quote
        return new StringToken(text, start, (int) p.currentLocation().getByteOffset());
    }

    /** The object the parser is on as a tree (for small ones, e.g. a usage object), or null for any other value. */
    public static JsonNode object(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.START_OBJECT ? SUBTREE.readTree(p) : null;
    }
}
