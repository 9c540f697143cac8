/**
 * The usage ledger: one row per finished call, written off the request path without loss
 * ({@link dev.sluice.store.ledger.LedgerWriter}), partitioned by day with retention
 * ({@link dev.sluice.store.ledger.LedgerPartitions}), and read back by the admin API
 * ({@link dev.sluice.store.ledger.LedgerQueries}, {@link dev.sluice.store.ledger.AdminLedgerApi}).
 */
package dev.sluice.store.ledger;
