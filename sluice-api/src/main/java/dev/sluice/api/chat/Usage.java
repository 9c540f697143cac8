package dev.sluice.api.chat;

/**
 * Token counts of one call.
 *
 * <p>{@code inputTokens} counts <em>all</em> prompt tokens, cached or not (OpenAI's meaning); {@code cacheReadTokens}
 * and {@code cacheWriteTokens} say how many of them were read from or written to the provider's prompt cache.
 * Codecs whose wire format counts the cache apart (Anthropic, Bedrock) add or subtract accordingly.
 * {@code reasoningTokens} are part of {@code outputTokens}.
 */
public record Usage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                    long reasoningTokens) {

    public static final Usage EMPTY = new Usage(0, 0, 0, 0, 0);

    public static Usage of(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, outputTokens, 0, 0, 0);
    }

    public long totalTokens() { return inputTokens + outputTokens; }

    /** Input tokens that were neither read from nor written to a cache. */
    public long uncachedInputTokens() { return Math.max(0, inputTokens - cacheReadTokens - cacheWriteTokens); }

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens, cacheWriteTokens + other.cacheWriteTokens,
                reasoningTokens + other.reasoningTokens);
    }
}
