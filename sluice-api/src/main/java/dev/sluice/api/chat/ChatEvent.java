package dev.sluice.api.chat;

/**
 * One event of a streamed answer, in canonical form.
 *
 * <p>Order: exactly one {@link MessageStart} first; then text and tool-use deltas, each addressed to a content block
 * by a zero-based {@code block} index that grows in order of first appearance (a block is started by its first
 * delta, or by {@link ToolUseStart}); then one {@link MessageStop}. {@link UsageReport} may come before or after
 * {@link MessageStop} (wire formats differ) and may come more than once, the last one being complete.
 * A stream that ends without a {@code MessageStop} was cut short.
 */
public sealed interface ChatEvent {

    record MessageStart(String id, String model) implements ChatEvent { }

    record TextDelta(int block, String text) implements ChatEvent { }

    record ToolUseStart(int block, String id, String name) implements ChatEvent { }

    /** A fragment of the JSON text of a tool call's arguments. */
    record ToolUseDelta(int block, String partialJson) implements ChatEvent { }

    record MessageStop(StopReason reason, String stopSequence) implements ChatEvent { }

    record UsageReport(Usage usage) implements ChatEvent { }
}
