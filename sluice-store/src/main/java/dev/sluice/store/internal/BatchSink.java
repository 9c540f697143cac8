package dev.sluice.store.internal;

import java.sql.SQLException;
import java.util.List;

/**
 * Writes one batch to the database in one transaction. Must be idempotent (a batch may be written again after a
 * failure whose outcome was unknown), e.g. with {@code ON CONFLICT DO NOTHING}.
 */
@FunctionalInterface
public interface BatchSink<T> {
    /** Writes records offered to the writer, which are normally not in the database yet. */
    void write(List<T> batch) throws SQLException;

    /**
     * Writes records read back from the journal, some of which may well be in the database already (their batch
     * failed with an unknown outcome). The same as {@link #write} unless the sink has a cheaper path for fresh ones.
     */
    default void writeReplayed(List<T> batch) throws SQLException {
        write(batch);
    }
}
