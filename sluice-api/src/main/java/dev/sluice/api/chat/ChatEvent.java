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

    /**
     * Bytes of the caller's own wire format, passed through from an upstream that speaks it (the fast path): sent to
     * the caller as they are, never encoded. They carry what the gateway records of them, since nothing else in the
     * stream says it. Only a call whose request nobody decoded gets these; a sink that needs canonical events decodes
     * the request on the way in ({@code ChatInput.request()}), which turns the fast path off.
     *
     * @param wire the bytes to send, whole wire events (an SSE event, an event-stream frame); may be empty when the
     *     event only carries notes (a usage report the caller did not ask for)
     * @param id the answer's id when this event starts the message, else null
     * @param contentChars characters of answer text or tool-call input in these bytes (what the caller was sent)
     * @param content whether these bytes carry answer content (text, or the start of a tool call): the first such
     *     event is the first token
     * @param usage the upstream's usage report in these bytes (cumulative, the last one complete), else null
     * @param stop the stop reason in these bytes, else null
     */
    record Passed(byte[] wire, String id, int contentChars, boolean content, Usage usage, StopReason stop)
            implements ChatEvent { }
}
