package dev.sluice.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.wire.RequestPeek;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@link RequestPeek} of a chat request that names its model in the body, read from a few top-level fields with
 * the streaming parser, without building a tree: the model and its token's position (so that it can be replaced in
 * place), the streaming flag and the output limit. The whole document is still read, so malformed JSON or trailing
 * data anywhere is refused. A watched field that appears twice is refused too: a reader that took the first and an
 * upstream that took the last would disagree about the request. Immutable and thread-safe: each read has its own
 * state.
 *
 * @param modelField the string field naming the model (e.g. {@code model})
 * @param streamField the boolean field asking for a stream (e.g. {@code stream})
 * @param limitField the integer field of the output limit (e.g. {@code max_completion_tokens})
 * @param otherLimitField an older name of the output limit, read when the first is absent (e.g. {@code max_tokens}),
 *     or null
 * @param userField the field of the caller's end user (e.g. {@code user}), or of the object that holds it (e.g.
 *     {@code metadata}), or null; a user that is not a string is left to the upstream (the peek's user is null)
 * @param userMember the member of {@code userField}'s object that names the user (e.g. {@code user_id}), or null
 *     when {@code userField} is the string itself
 */
public record JsonPeek(String modelField, String streamField, String limitField, String otherLimitField,
                       String userField, String userMember) {

    /** A peek that reads no user. */
    public JsonPeek(String modelField, String streamField, String limitField, String otherLimitField) {
        this(modelField, streamField, limitField, otherLimitField, null, null);
    }

    /**
     * Reads {@code body}.
     *
     * @return the peek, or null when the model is missing or a watched field has an unexpected type (the caller then
     *     decodes the body whole, which names the field and the problem)
     * @throws GatewayException {@code INVALID_REQUEST} when the body is not one well-formed JSON object, or repeats a
     *     watched field
     */
    public RequestPeek request(byte[] body) {
        Reading reading = new Reading();
        try {
            if (!JsonMembers.walk(body, reading::member)) {
                throw GatewayException.invalid("request body must be a JSON object", null);
            }
        } catch (IOException e) {
            throw GatewayException.invalid("request body is not valid JSON", null);
        }
        return reading.peek();
    }

    /** What one read has seen so far. */
    private final class Reading {
        private final Set<String> seen = new HashSet<>(8);
        private boolean typesOk = true;
        private JsonMembers.StringToken model;
        private Boolean stream;
        private Integer limit;
        private Integer otherLimit;
        private String user;

        void member(String name, JsonParser p) throws IOException {
            boolean isModel = name.equals(modelField);
            boolean isStream = name.equals(streamField);
            boolean isLimit = name.equals(limitField);
            boolean isUser = name.equals(userField);
            if (!(isModel || isStream || isLimit || isUser || name.equals(otherLimitField))) {
                return;
            }
            if (!seen.add(name)) {
                throw GatewayException.invalid("'" + name + "' appears more than once", name);
            }
            if (isUser) {
                if (userMember == null) {
                    user = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                } else {
                    JsonMembers.each(p, (n, q) -> {
                        if (n.equals(userMember) && q.currentToken() == JsonToken.VALUE_STRING) {
                            user = q.getText();
                        }
                    });
                }
                return;
            }
            JsonToken v = p.currentToken();
            if (isModel) {
                model = JsonMembers.string(p);
                typesOk &= model != null || v == JsonToken.VALUE_NULL;
            } else if (isStream) {
                stream = v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE ? v == JsonToken.VALUE_TRUE : null;
                typesOk &= stream != null || v == JsonToken.VALUE_NULL;
            } else {
                Integer n = JsonMembers.intValue(p);
                typesOk &= n != null || v == JsonToken.VALUE_NULL;
                if (isLimit) {
                    limit = n;
                } else {
                    otherLimit = n;
                }
            }
        }

        RequestPeek peek() {
            if (!typesOk || model == null) {
                return null;
            }
            return new RequestPeek(model.text(), Boolean.TRUE.equals(stream), model.start(), model.end(),
                    limit != null ? limit : otherLimit, user);
        }
    }
}
