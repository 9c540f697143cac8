package dev.sluice.api.chat;

import java.util.Objects;

/** One piece of a message: text, an image, a tool call the model made, or the result of one. */
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
}
