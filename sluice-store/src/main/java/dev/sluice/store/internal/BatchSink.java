package dev.sluice.store.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Writes batches to the database, each in one transaction. Must be idempotent per batch: a batch may be written again
 * under the same id after a failure whose outcome was unknown. A sink either records the batch id in the transaction
 * and skips a batch whose id it has seen, or is idempotent row by row (e.g. {@code ON CONFLICT DO NOTHING}).
 */
@FunctionalInterface
public interface BatchSink<T> {
    /** Writes records offered to the writer, which are not in the database yet, under a new batch id. */
    void write(UUID batchId, List<T> batch) throws SQLException;

    /**
     * Writes batches read back from the journal, some of which may well be in the database already (their commit
     * failed with an unknown outcome), in one transaction. The same as {@link #write} per batch unless the sink has
     * a better path.
     */
    default void writeReplayed(List<Batch<T>> batches) throws SQLException {
        for (Batch<T> batch : batches) {
            write(batch.id(), batch.records());
        }
    }
}
