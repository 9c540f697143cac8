package dev.sluice.api.access;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where rate limits are counted: in this node's memory, or in a store that every node of a cluster shares (so N nodes
 * hold one limit as one node does). The gateway asks before a call and settles after it. Implementations never block
 * the caller's thread: a shared store answers with a stage that may complete on another thread. Thread-safe.
 */
public interface LimitCounters {

    /**
     * Takes one request, {@code tokens} tokens (at most a scope's whole minute) and one place among the calls at once
     * from every scope in {@code limits}, all or nothing: when a scope cannot give them, whatever was taken is given
     * back and the taking says which scope refused.
     */
    CompletionStage<Taking> take(List<Limits> limits, long tokens);

    /** After an admitted call: gives its places back and settles the tokens it took to the {@code usedTokens}. */
    void settle(Taking taking, long usedTokens);

    /**
     * What a call took, or why it was refused.
     *
     * @param refusedBy the scope that refused the call, or null when admitted
     * @param refused what that scope ran out of: {@code requests per minute}, {@code tokens per minute} or
     *     {@code calls at once}
     * @param retryAfter how long until the refused amount is there again (at least a second)
     * @param requests the scope with the fewest requests left, or null when none counts requests
     * @param requestsLeft the requests it has left
     * @param tokens the scope with the fewest tokens left, or null when none counts tokens
     * @param tokensLeft the tokens it has left
     * @param state what the counters need to settle the call
     */
    record Taking(Limits refusedBy, String refused, Duration retryAfter, Limits requests, long requestsLeft, Limits tokens,
                  long tokensLeft, Object state) {

        public boolean admitted() {
            return refusedBy == null;
        }

        /** A refusal by {@code scope}, which ran out of {@code what} for {@code retryAfter}. */
        public static Taking refusal(Limits scope, String what, Duration retryAfter) {
            return new Taking(scope, what, retryAfter, null, 0, null, 0, null);
        }
    }
}
