package dev.sluice.simulator;

/**
 * How fast and how long the simulated model answers.
 *
 * @param ttftMillis wait before the first token, in milliseconds ({@code ttft_ms}, default 0)
 * @param tokensPerSecond output speed after the first token; 0 means as fast as possible ({@code tokens_per_second})
 * @param outputTokens the most output tokens of any answer, and the length of {@link ReplyMode#LOREM} answers;
 *        null when unset ({@code output_tokens})
 */
public record Pacing(long ttftMillis, double tokensPerSecond, Integer outputTokens) {

    public static final Pacing INSTANT = new Pacing(0, 0, null);

    /** Nanoseconds between two tokens; 0 when unpaced. */
    long nanosPerToken() {
        return tokensPerSecond <= 0 ? 0 : (long) (1_000_000_000L / tokensPerSecond);
    }
}
