/**
 * Internals shared by the store's services, not for use outside sluice-store: the journaled batch writer that moves
 * records off the request path into PostgreSQL without losing any, its local append-only journal, and the
 * journal's replay into the database.
 */
package dev.sluice.store.internal;
