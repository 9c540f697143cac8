/**
 * Sluice's storage: one PostgreSQL database (bundled and embedded in the data folder, or a shared cluster), its
 * connection pool and its Flyway migrations, each a class of its own ({@code EmbeddedDatabase}, {@code ConnectionPool},
 * {@code Migrations}) that {@link dev.sluice.store.Storage} opens in that order and closes in reverse. Sub-packages
 * hold what lives in it: the usage ledger, prices, content capture, feedback and the audit log.
 */
package dev.sluice.store;
