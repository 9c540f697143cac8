package dev.sluice.store.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.GatewayException;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Feedback as a caller sends it ({@code POST /v1/feedback}).
 *
 * @param requestId the id of the call the feedback is about (the gateway's {@code x-request-id})
 * @param score a number, e.g. 1/0 for thumbs, 1-5 for stars
 * @param label optional category, e.g. {@code wrong_answer}
 * @param comment optional free text
 * @param correction optional corrected answer
 */
public record FeedbackInput(String requestId, BigDecimal score, String label, String comment, String correction) {

    static final int MAX_TEXT = 32_768;
    private static final Set<String> KEYS = Set.of("request_id", "score", "label", "comment", "correction");

    public FeedbackInput {
        if (requestId == null || requestId.isBlank()) {
            throw GatewayException.invalid("request_id is required", "request_id");
        }
        if (!RequestIdText.plausible(requestId)) {
            throw GatewayException.invalid("request_id is not a request id (the x-request-id of a call)", "request_id");
        }
        if (score == null) {
            throw GatewayException.invalid("score is required (a number)", "score");
        }
        if (score.abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0 || score.scale() > 6) {
            throw GatewayException.invalid("score must be a number between -1000000 and 1000000 with at most 6 "
                    + "decimals", "score");
        }
        checkLength("label", label, 200);
        checkLength("comment", comment, MAX_TEXT);
        checkLength("correction", correction, MAX_TEXT);
    }

    /** Reads the JSON body of {@code POST /v1/feedback}; a malformed body is an invalid-request error. */
    public static FeedbackInput fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw GatewayException.invalid("the body must be a JSON object with request_id and score", null);
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!KEYS.contains(name)) {
                throw GatewayException.invalid("unknown field '" + name + "'", name);
            }
        });
        JsonNode score = body.get("score");
        if (score != null && !score.isNull() && !score.isNumber()) {
            throw GatewayException.invalid("score must be a number", "score");
        }
        return new FeedbackInput(text(body, "request_id"), score == null || score.isNull() ? null
                : score.decimalValue(), text(body, "label"), text(body, "comment"), text(body, "correction"));
    }

    private static String text(JsonNode body, String key) {
        JsonNode node = body.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw GatewayException.invalid(key + " must be a string", key);
        }
        return node.asText();
    }

    private static void checkLength(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw GatewayException.invalid(name + " is longer than " + max + " characters", name);
        }
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw GatewayException.invalid(name + " must not contain NUL characters", name);
        }
    }
}
