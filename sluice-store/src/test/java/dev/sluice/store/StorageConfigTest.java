package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.json.Json;
import dev.sluice.spi.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StorageConfigTest {

    private final Path cwd = Path.of("/srv/sluice");

    @Test
    void noStorageSectionMeansEmbeddedInDataUnderTheWorkingDirectory() {
        StorageConfig config = StorageConfig.from(null, null, cwd);
        assertThat(config.embeddedMode()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/sluice/data"));
    }

    @Test
    void aUrlStringMeansClusterModeAndTheDataOptionStillPlacesTheJournal() throws Exception {
        StorageConfig config = StorageConfig.from(Json.parse("\"postgresql://sluice@db:5432/sluice\""), "/var/sluice",
                cwd);
        assertThat(config.embeddedMode()).isFalse();
        assertThat(config.url()).isEqualTo("postgresql://sluice@db:5432/sluice");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/sluice"));
    }

    @Test
    void anObjectSectionIsReadAndTheCommandLineDataWins() throws Exception {
        StorageConfig config = StorageConfig.from(Json.parse("""
                {"url": "jdbc:postgresql://db/sluice", "data_dir": "state", "pool_size": 4}"""), null, cwd);
        assertThat(config.poolSize()).isEqualTo(4);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/sluice/state"));
        assertThat(StorageConfig.from(Json.parse("{\"data_dir\": \"state\"}"), "other", cwd).dataDir())
                .isEqualTo(Path.of("/srv/sluice/other"));
    }

    @Test
    void invalidValuesNameTheKeyAndTheProblem() {
        assertThatThrownBy(() -> StorageConfig.from(Json.parse("\"mysql://db/x\""), null, cwd))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("storage.url: expected postgresql://");
        assertThatThrownBy(() -> StorageConfig.from(Json.parse("{\"pool_size\": 0}"), null, cwd))
                .isInstanceOf(ConfigException.class).hasMessage("storage.pool_size: must be between 1 and 200, got 0");
        assertThatThrownBy(() -> StorageConfig.from(Json.parse("{\"pool\": 3}"), null, cwd))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("storage.pool: unknown key");
        assertThatThrownBy(() -> StorageConfig.from(Json.parse("42"), null, cwd))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("storage: must be");
    }

    @Test
    void passwordsNeverAppearInMessages() {
        assertThatThrownBy(() -> StorageConfig.from(Json.parse("\"mysql://u:s3cret@db/x\""), null, cwd))
                .hasMessageNotContaining("s3cret");
        assertThat(DatabaseUrl.parse("postgresql://u:s3cret@db:6543/ledger?sslmode=require"))
                .satisfies(url -> {
                    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:6543/ledger?sslmode=require");
                    assertThat(url.user()).isEqualTo("u");
                    assertThat(url.password()).isEqualTo("s3cret");
                    assertThat(url.display()).isEqualTo("db:6543/ledger");
                });
    }
}
