package dev.sluice.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.json.Json;
import dev.sluice.api.json.JsonMembers;
import java.io.IOException;

/** OpenAI's {@code usage} object to and from {@link Usage}. OpenAI has no count of cache writes. */
final class UsageJson {

    private UsageJson() { }

    static ObjectNode encode(Usage u) {
        ObjectNode o = Json.object();
        o.put("prompt_tokens", u.inputTokens());
        o.put("completion_tokens", u.outputTokens());
        o.put("total_tokens", u.totalTokens());
        o.putObject("prompt_tokens_details").put("cached_tokens", u.cacheReadTokens());
        o.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        return o;
    }

    /**
     * The usage object the parser is on, read as it streams (no tree: this runs for every pass-through answer), the
     * same counts as {@link #decode}; null when the parser is on anything but an object. Leaves the parser on the
     * object's end.
     */
    static Usage read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return null;
        }
        long[] counts = new long[4]; // prompt, completion, cached, reasoning
        JsonMembers.each(p, (name, v) -> {
            switch (name) {
                case "prompt_tokens" -> counts[0] = v.getValueAsLong(0);
                case "completion_tokens" -> counts[1] = v.getValueAsLong(0);
                case "prompt_tokens_details" -> JsonMembers.each(v, (n, d) -> {
                    if (n.equals("cached_tokens")) {
                        counts[2] = d.getValueAsLong(0);
                    }
                });
                case "completion_tokens_details" -> JsonMembers.each(v, (n, d) -> {
                    if (n.equals("reasoning_tokens")) {
                        counts[3] = d.getValueAsLong(0);
                    }
                });
                default -> { }
            }
        });
        return new Usage(counts[0], counts[1], counts[2], 0, counts[3]);
    }

    static Usage decode(JsonNode u) {
        if (u == null || !u.isObject()) {
            return Usage.EMPTY;
        }
        return new Usage(u.path("prompt_tokens").asLong(0), u.path("completion_tokens").asLong(0),
                u.path("prompt_tokens_details").path("cached_tokens").asLong(0), 0,
                u.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }
}
