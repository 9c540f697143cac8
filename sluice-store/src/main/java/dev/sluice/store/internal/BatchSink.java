package dev.sluice.store.internal;

import java.sql.SQLException;
import java.util.List;

/**
 * Writes one batch to the database in one transaction. Must be idempotent (a batch may be written again after a
 * failure whose outcome was unknown), e.g. with {@code ON CONFLICT DO NOTHING}.
 */
@FunctionalInterface
public interface BatchSink<T> {
    void write(List<T> batch) throws SQLException;
}
