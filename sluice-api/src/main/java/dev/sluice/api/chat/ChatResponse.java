package dev.sluice.api.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A complete (non-streamed) model answer in canonical form.
 *
 * @param content text and tool-use blocks in the order the model produced them
 * @param stopSequence the stop sequence that matched, when {@code stopReason} is {@link StopReason#STOP_SEQUENCE}
 * @param createdEpochSeconds when the answer was made, in seconds since the epoch
 */
public record ChatResponse(String id, String model, List<ContentBlock> content, StopReason stopReason,
                           String stopSequence, Usage usage, long createdEpochSeconds) {

    public ChatResponse {
        Objects.requireNonNull(id, "id");
        content = List.copyOf(content);
        usage = usage == null ? Usage.EMPTY : usage;
        stopReason = stopReason == null ? StopReason.END_TURN : stopReason;
    }

    /** All text blocks, concatenated. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    public List<ContentBlock.ToolUse> toolUses() {
        List<ContentBlock.ToolUse> uses = null; // a loop, not a stream: this runs on every call
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.ToolUse use) {
                if (uses == null) {
                    uses = new ArrayList<>(2);
                }
                uses.add(use);
            }
        }
        return uses == null ? List.of() : List.copyOf(uses);
    }

    public ChatResponse withModel(String newModel) {
        return new ChatResponse(id, newModel, content, stopReason, stopSequence, usage, createdEpochSeconds);
    }
}
