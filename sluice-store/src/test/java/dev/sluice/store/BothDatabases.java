package dev.sluice.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of test classes that run each scenario against both real databases: use
 * {@code @ParameterizedTest @MethodSource("storages")}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BothDatabases {

    protected Path tmp;
    protected TestDatabases databases;

    @BeforeAll
    void openDatabases(@TempDir Path dir) {
        tmp = dir;
        databases = TestDatabases.open(dir, getClass().getSimpleName());
    }

    @AfterAll
    void closeDatabases() throws SQLException {
        if (databases != null) {
            databases.close();
        }
    }

    protected Stream<Storage> storages() {
        return databases.stream();
    }
}
