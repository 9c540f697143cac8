package dev.sluice.anthropic;

import dev.sluice.api.chat.StopReason;

/** Anthropic's {@code stop_reason} values to and from canonical {@link StopReason}s. */
final class StopReasons {

    private StopReasons() { }

    static String toWire(StopReason reason) {
        return switch (reason == null ? StopReason.END_TURN : reason) {
            case END_TURN -> "end_turn";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case TOOL_USE -> "tool_use";
            case REFUSAL, CONTENT_FILTERED, GUARDRAIL_INTERVENED -> "refusal";
        };
    }

    /** Unknown or future values read as {@link StopReason#END_TURN}; {@code pause_turn} too. */
    static StopReason fromWire(String reason) {
        if (reason == null) {
            return StopReason.END_TURN;
        }
        return switch (reason) {
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "tool_use" -> StopReason.TOOL_USE;
            case "refusal" -> StopReason.REFUSAL;
            default -> StopReason.END_TURN;
        };
    }
}
