package dev.sluice.evals.target;

import java.util.List;

/**
 * What a target answered for one case, measured on the client side.
 *
 * @param text the answer text (never null; empty when the target answered nothing)
 * @param contexts contexts a RAG application returned, else empty
 * @param latencyMs from sending the request to the last byte
 * @param ttftMs from sending the request to the first content token, or -1 when not streamed
 * @param inputTokens prompt tokens reported by the gateway, or 0
 * @param outputTokens completion tokens reported by the gateway, or 0
 * @param costUsd the {@code x-sluice-cost-usd} response header, or 0 when absent
 */
public record TargetOutput(String text, List<String> contexts, long latencyMs, long ttftMs, int inputTokens,
                           int outputTokens, double costUsd) {

    public TargetOutput {
        text = text == null ? "" : text;
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
    }

    /** Output tokens per second of generation (after the first token when known), or 0. */
    public double tokensPerSecond() {
        long ms = ttftMs >= 0 && latencyMs > ttftMs ? latencyMs - ttftMs : latencyMs;
        return outputTokens <= 0 || ms <= 0 ? 0 : outputTokens * 1000.0 / ms;
    }
}
