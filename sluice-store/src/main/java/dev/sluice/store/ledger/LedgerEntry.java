package dev.sluice.store.ledger;

/**
 * A ledger row on its way to the database, perhaps already encoded.
 *
 * @param row the row
 * @param tuple the row as a binary COPY tuple ({@link LedgerCopyBinary#tuple}), encoded on the thread that ended the
 *     call; null when the writer is to encode it (rows replayed from the journal or recovered from the call log)
 */
record LedgerEntry(LedgerRow row, byte[] tuple) {

    static LedgerEntry of(LedgerRow row) {
        return new LedgerEntry(row, null);
    }
}
