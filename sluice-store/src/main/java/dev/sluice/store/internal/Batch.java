package dev.sluice.store.internal;

import java.util.List;
import java.util.UUID;

/**
 * Records written to the database in one transaction, under an id that the sink records in that same transaction, so
 * that writing the batch again (it was journaled after a failure whose outcome was unknown) is recognised and skipped.
 *
 * @param id the batch id; null for journal lines written before batch ids existed, which the sink must deduplicate
 *           row by row
 */
public record Batch<T>(UUID id, List<T> records) {

    public Batch {
        records = List.copyOf(records);
    }
}
