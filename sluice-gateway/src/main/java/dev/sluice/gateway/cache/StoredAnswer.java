package dev.sluice.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer as the cache keeps it: the canonical answer and the instant (epoch milliseconds on the cache's clock) it
 * stops being served. Its bytes are a small JSON document of its own (not any API's), so an answer stored from one
 * API can be served to another; {@link #bytes()} is also its weight in memory.
 */
public record StoredAnswer(ChatResponse answer, long expiresAtMillis) {

    /** The answer's JSON, as Redis keeps it. */
    public byte[] bytes() {
        ObjectNode o = Json.object();
        o.put("expires", expiresAtMillis);
        o.put("id", answer.id()).put("model", answer.model()).put("stop", answer.stopReason().name())
                .put("stop_sequence", answer.stopSequence()).put("created", answer.createdEpochSeconds());
        Usage u = answer.usage();
        o.putArray("usage").add(u.inputTokens()).add(u.outputTokens()).add(u.cacheReadTokens())
                .add(u.cacheWriteTokens()).add(u.reasoningTokens());
        ArrayNode content = o.putArray("content");
        for (ContentBlock b : answer.content()) {
            switch (b) {
                case ContentBlock.Text t -> content.addObject().put("text", t.text());
                case ContentBlock.ToolUse t -> content.addObject().put("tool_id", t.id()).put("name", t.name())
                        .put("arguments", t.argumentsJson());
                default -> { } // answers hold text and tool uses only
            }
        }
        return Json.bytes(o);
    }

    /** The answer in {@code bytes}, or null when they are not one (written by another version, damaged). */
    public static StoredAnswer parse(byte[] bytes) {
        try {
            JsonNode o = Json.parse(bytes);
            JsonNode u = o.path("usage");
            List<ContentBlock> content = new ArrayList<>();
            for (JsonNode b : o.path("content")) {
                content.add(b.has("text") ? new ContentBlock.Text(b.path("text").asText())
                        : new ContentBlock.ToolUse(b.path("tool_id").asText(), b.path("name").asText(),
                                b.path("arguments").asText()));
            }
            ChatResponse answer = new ChatResponse(o.path("id").asText(), o.path("model").asText(),
                    content, StopReason.valueOf(o.path("stop").asText()),
                    o.path("stop_sequence").isTextual() ? o.path("stop_sequence").asText() : null,
                    new Usage(u.path(0).asLong(), u.path(1).asLong(), u.path(2).asLong(), u.path(3).asLong(),
                            u.path(4).asLong()), o.path("created").asLong());
            return new StoredAnswer(answer, o.path("expires").asLong());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code answer} may be stored: a whole answer the model finished, not one a filter stopped. */
    public static boolean storable(ChatResponse answer) {
        return switch (answer.stopReason()) {
            case END_TURN, STOP_SEQUENCE, MAX_TOKENS, TOOL_USE -> true;
            case CONTENT_FILTERED, REFUSAL, GUARDRAIL_INTERVENED -> false;
        };
    }
}
