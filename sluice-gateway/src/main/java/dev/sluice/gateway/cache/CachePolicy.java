package dev.sluice.gateway.cache;

import java.time.Duration;

/**
 * How one public name (a model or a route) is cached: its {@code cache:} key, validated.
 *
 * @param ttl how long an answer is served after it was stored
 * @param scope who shares entries
 * @param semantic the semantic cache's settings, or null when only exact matches are served
 */
public record CachePolicy(Duration ttl, Scope scope, Semantic semantic) {

    /** Who shares entries. Two scopes never see each other's entries. */
    public enum Scope {
        /** The caller's team (or its key, when it has none). */
        TEAM,
        /** The caller's use case (or its key, when it has none). */
        USE_CASE,
        /** The caller's own key. */
        KEY
    }

    /**
     * The semantic cache of a name: a request whose prompt embeds within {@code threshold} (cosine similarity) of a
     * stored one's, with every other part of the request equal, gets that answer.
     *
     * @param multiTurn whether requests with more than one user or assistant message are matched too (off by
     *     default: a conversation's earlier turns change what a similar last question means)
     */
    public record Semantic(double threshold, boolean multiTurn) { }
}
