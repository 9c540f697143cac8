package dev.sluice.bedrock;

import dev.sluice.api.chat.StopReason;

/** Bedrock {@code stopReason} values and their canonical meaning. Stateless. */
final class StopReasons {

    private StopReasons() { }

    static StopReason fromWire(String reason) {
        if (reason == null) {
            return StopReason.END_TURN;
        }
        return switch (reason) {
            case "tool_use" -> StopReason.TOOL_USE;
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "guardrail_intervened", "content_filtered" -> StopReason.CONTENT_FILTERED;
            default -> StopReason.END_TURN;
        };
    }

    /** Bedrock has no refusal reason: a refusal is reported as {@code content_filtered}. */
    static String toWire(StopReason reason) {
        return switch (reason == null ? StopReason.END_TURN : reason) {
            case END_TURN -> "end_turn";
            case TOOL_USE -> "tool_use";
            case MAX_TOKENS -> "max_tokens";
            case STOP_SEQUENCE -> "stop_sequence";
            case CONTENT_FILTERED, REFUSAL -> "content_filtered";
            case GUARDRAIL_INTERVENED -> "guardrail_intervened";
        };
    }
}
