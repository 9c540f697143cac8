package dev.sluice.api.chat;

import java.util.Objects;

/**
 * One piece of a message: text, an image, a tool call the model made, the result of one, or a prompt-cache breakpoint
 * ({@link CachePoint}).
 */
public sealed interface ContentBlock {

    /** Plain text. */
    record Text(String text) implements ContentBlock {
        public Text { Objects.requireNonNull(text, "text"); }
    }

    /**
     * An image, either inline ({@code base64Data} with its {@code mediaType}) or by {@code url}. Exactly one of the two
     * is set. Sluice never fetches a URL itself: upstreams that only take inline bytes reject URL images.
     */
    record Image(String mediaType, String base64Data, String url) implements ContentBlock {
        public Image {
            if ((base64Data == null) == (url == null)) {
                throw new IllegalArgumentException("an image has either inline data or a url");
            }
        }
    }

    /** A call of a tool by the model; {@code argumentsJson} is the JSON text of the arguments object. */
    record ToolUse(String id, String name, String argumentsJson) implements ContentBlock {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
        }
    }

    /** The result of a tool call, as text (JSON results are kept as their JSON text). */
    record ToolResult(String toolUseId, String content, boolean isError) implements ContentBlock {
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            content = content == null ? "" : content;
        }
    }

    /**
     * A prompt-cache breakpoint: the upstream may cache the prompt up to the block before it (tools, system prompt and
     * messages are cached in that order, so a point also covers everything earlier). Anthropic writes it as
     * {@code cache_control} on that block, Bedrock Converse as a {@code cachePoint} block after it; upstreams that
     * cache on their own (OpenAI) leave it out. Requests only; never in an answer.
     *
     * @param ttl how long the entry should live, {@code 5m} or {@code 1h}; null for the upstream's default (5 minutes)
     */
    record CachePoint(String ttl) implements ContentBlock {

        /** A breakpoint with the upstream's default lifetime. */
        public static final CachePoint DEFAULT = new CachePoint(null);

        public CachePoint {
            if (ttl != null && !ttl.equals("5m") && !ttl.equals("1h")) {
                throw new IllegalArgumentException("a cache point's ttl is 5m or 1h, not " + ttl);
            }
        }
    }
}
