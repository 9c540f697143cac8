package dev.sluice.store.internal;

import java.time.Duration;

/**
 * Tuning of a {@link JournaledWriter}.
 *
 * @param queueCapacity records held in memory before new ones spill to the journal
 * @param batchSize records per database transaction
 * @param flushInterval how long the writer waits for more records before writing a partial batch
 * @param retryInterval how long after a database failure batches go straight to the journal before the database is
 *                      tried again
 * @param closeTimeout how long {@code close()} waits for the queue to drain into the database before journaling it
 */
public record WriterSettings(int queueCapacity, int batchSize, Duration flushInterval, Duration retryInterval,
                             Duration closeTimeout) {

    public static final WriterSettings DEFAULTS = new WriterSettings(20_000, 500, Duration.ofMillis(200),
            Duration.ofSeconds(2), Duration.ofSeconds(30));

    public WriterSettings {
        if (queueCapacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("queueCapacity and batchSize must be positive");
        }
    }
}
