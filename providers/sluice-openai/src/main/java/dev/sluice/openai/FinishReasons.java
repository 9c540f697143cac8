package dev.sluice.openai;

import dev.sluice.api.chat.StopReason;

/** OpenAI's {@code finish_reason} vocabulary to and from {@link StopReason}. */
final class FinishReasons {

    private FinishReasons() { }

    static String toWire(StopReason reason) {
        return switch (reason == null ? StopReason.END_TURN : reason) {
            case END_TURN, STOP_SEQUENCE -> "stop";
            case MAX_TOKENS -> "length";
            case TOOL_USE -> "tool_calls";
            case CONTENT_FILTERED, REFUSAL, GUARDRAIL_INTERVENED -> "content_filter";
        };
    }

    /** Unknown values (some compatible servers invent their own) read as a natural end. */
    static StopReason fromWire(String finishReason, boolean refused) {
        if (finishReason == null) {
            return StopReason.END_TURN;
        }
        return switch (finishReason) {
            case "length" -> StopReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "content_filter" -> StopReason.CONTENT_FILTERED;
            default -> refused ? StopReason.REFUSAL : StopReason.END_TURN;
        };
    }
}
