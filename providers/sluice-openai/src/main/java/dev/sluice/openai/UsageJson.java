package dev.sluice.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.json.Json;

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

    static Usage decode(JsonNode u) {
        if (u == null || !u.isObject()) {
            return Usage.EMPTY;
        }
        return new Usage(u.path("prompt_tokens").asLong(0), u.path("completion_tokens").asLong(0),
                u.path("prompt_tokens_details").path("cached_tokens").asLong(0), 0,
                u.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }
}
