package dev.sluice.simulator;

/**
 * The effective options of one simulated model: the provider entry's settings overridden by the model's
 * {@code options}. Immutable and thread-safe.
 *
 * @param mode how replies are made
 * @param fixedText the {@code text} option, used by {@link ReplyMode#FIXED}; null when unset
 * @param script the parsed {@code script} file, used by {@link ReplyMode#SCRIPT} (and after tool results); null
 *        when unset
 * @param pacing time to first token, speed and length
 * @param faults injected failures
 * @param dimensions default size of embedding vectors ({@code dimensions}, default 384)
 */
public record SimulatorOptions(ReplyMode mode, String fixedText, Script script, Pacing pacing, Faults faults,
                               int dimensions) {

    public static final int DEFAULT_DIMENSIONS = 384;
}
