package dev.sluice.api.chat;

/** Why the model stopped, in canonical terms; each codec maps its own vocabulary to and from these. */
public enum StopReason {
    /** Natural end of the turn (OpenAI {@code stop}, Anthropic {@code end_turn}, Bedrock {@code end_turn}). */
    END_TURN,
    /** A caller-supplied stop sequence matched. */
    STOP_SEQUENCE,
    /** The output token limit was reached. */
    MAX_TOKENS,
    /** The model wants tool results. */
    TOOL_USE,
    /** Output was withheld by a content filter or guardrail. */
    CONTENT_FILTERED,
    /** The model refused. */
    REFUSAL,
    /**
     * A guardrail of this gateway intervened: it blocked the prompt or the answer. Each API says it in its own words
     * (Bedrock {@code guardrail_intervened}, OpenAI {@code content_filter}, Anthropic {@code refusal}).
     */
    GUARDRAIL_INTERVENED
}
