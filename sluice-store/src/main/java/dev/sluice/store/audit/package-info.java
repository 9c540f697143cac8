/**
 * The tamper-evident audit log of admin changes: a hash chain in PostgreSQL, appended under an advisory lock so that
 * several nodes can write, and verified row by row.
 */
package dev.sluice.store.audit;
