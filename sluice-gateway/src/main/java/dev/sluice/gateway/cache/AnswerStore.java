package dev.sluice.gateway.cache;

import java.util.concurrent.CompletionStage;

/**
 * Where the cache keeps answers, by {@link CacheKey}: in memory on one node ({@link LocalAnswerStore}) or shared by
 * the cluster's nodes (Redis). Thread-safe. Neither method blocks: a store that does I/O answers on its own threads,
 * and the cache goes back to the call's loop. A store that fails answers nothing (a miss) rather than fail the call.
 */
public interface AnswerStore {

    /** The answer stored under {@code key}, or null when there is none (or it expired). Never fails. */
    CompletionStage<StoredAnswer> get(String key);

    /** Stores {@code answer} under {@code key} until it expires; best effort, nothing to wait for. */
    void put(String key, StoredAnswer answer);
}
