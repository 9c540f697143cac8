package dev.sluice.store;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The schema's migrations (Flyway, {@code classpath:db/migration}): brings a database to the newest version.
 *
 * <p>Runs on the caller's thread and blocks until done; Flyway's lock on its history table keeps two nodes of a
 * cluster from migrating at once. Borrows connections from the data source and returns them; closes nothing else.
 */
final class Migrations {

    private Migrations() { }

    /**
     * Migrates the database behind {@code dataSource}, in {@code schema} (created if missing) or PostgreSQL's default.
     *
     * @throws GatewayException of type {@link ErrorType#INTERNAL}, "database migration failed: " and the innermost
     *     cause, when a migration fails or the database cannot be reached
     */
    static void apply(DataSource dataSource, String schema) {
        try {
            var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                    .createSchemas(true);
            if (schema != null) {
                flyway.schemas(schema);
            }
            flyway.load().migrate();
        } catch (FlywayException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                    "database migration failed: " + RootCause.message(e)), e);
        }
    }
}
