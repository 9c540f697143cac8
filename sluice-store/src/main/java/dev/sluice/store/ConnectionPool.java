package dev.sluice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool (HikariCP) to one PostgreSQL database, embedded or cluster alike.
 *
 * <p>{@link #open} makes the first connection (HikariCP starts fail-fast), so a database that does not answer within
 * the 5 s connection timeout fails there, with a {@link RuntimeException} whose innermost cause says why. The caller
 * owns the pool it gets and closes it before it stops the database behind it. Thread-safe, as HikariCP is.
 */
final class ConnectionPool {

    private ConnectionPool() { }

    /**
     * A pool of at most {@code config.poolSize()} connections to {@code jdbcUrl}, in {@code config.schema()} when
     * one is set.
     *
     * @param user the login, or null to leave it to the URL
     * @param password the password, or null for none
     */
    static HikariDataSource open(StorageConfig config, String jdbcUrl, String user, String password) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("sluice-store");
        hikari.setJdbcUrl(jdbcUrl);
        if (user != null) {
            hikari.setUsername(user);
        }
        if (password != null) {
            hikari.setPassword(password);
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(5_000);
        hikari.setValidationTimeout(2_000);
        if (config.schema() != null) {
            hikari.setSchema(config.schema());
        }
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", "sluice");
        hikari.addDataSourceProperty("connectTimeout", "5");
        return new HikariDataSource(hikari);
    }
}
