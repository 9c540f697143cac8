package dev.sluice.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where Sluice keeps its data.
 *
 * @param url null for the embedded PostgreSQL; otherwise a {@code postgresql://user[:password]@host[:port]/db} or
 *            {@code jdbc:postgresql:...} URL of a cluster database shared by every node
 * @param dataDir the data folder: the embedded database lives in {@code dataDir/pg}, the ledger journal in
 *                {@code dataDir/journal} (in both modes)
 * @param poolSize maximum pooled connections
 * @param port the embedded PostgreSQL's port, 0 for a free one
 * @param schema the schema to use (created if missing), null for PostgreSQL's default ({@code public})
 */
public record StorageConfig(String url, Path dataDir, int poolSize, int port, String schema) {

    public static final String DEFAULT_DATA_DIR = "./data";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public StorageConfig {
        if (dataDir == null) {
            throw new ConfigException("--data", "the data folder must be given");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        if (url != null && !DatabaseUrl.isSupported(url)) {
            throw new ConfigException("storage.url",
                    "expected postgresql://user@host:port/db or jdbc:postgresql://..., got '" + DatabaseUrl.redact(url) + "'");
        }
        if (poolSize < 1 || poolSize > 200) {
            throw new ConfigException("storage.pool_size", "must be between 1 and 200, got " + poolSize);
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("storage.port", "must be between 0 and 65535, got " + port);
        }
        if (schema != null && !SCHEMA_NAME.matcher(schema).matches()) {
            throw new ConfigException("storage.schema", "must be a lower-case SQL identifier, got '" + schema + "'");
        }
    }

    /** The embedded database in {@code dataDir}, free port, default pool. */
    public static StorageConfig embedded(Path dataDir) {
        return new StorageConfig(null, dataDir, 10, 0, null);
    }

    /** A cluster database at {@code url}. */
    public static StorageConfig cluster(String url, Path dataDir) {
        return new StorageConfig(url, dataDir, 10, 0, null);
    }

    public boolean embeddedMode() { return url == null; }

    public StorageConfig withSchema(String newSchema) {
        return new StorageConfig(url, dataDir, poolSize, port, newSchema);
    }

    public StorageConfig withPort(int newPort) {
        return new StorageConfig(url, dataDir, poolSize, newPort, schema);
    }

    /**
     * Reads the {@code storage} section of the configuration: absent or null (embedded), a URL string, or an object
     * {@code {url, data_dir, pool_size, port, schema}}.
     *
     * @param section the section, may be null
     * @param dataArg the {@code --data DIR} command-line value, or null; it wins over {@code data_dir}
     * @param workingDir what relative data folders are resolved against
     * @throws ConfigException naming the key and the problem
     */
    public static StorageConfig from(JsonNode section, String dataArg, Path workingDir) {
        Section s = ConfigBinder.bind(section, Section.class, "storage");
        if (s == null) {
            return new StorageConfig(null, dataDir(dataArg, null, workingDir), 10, 0, null);
        }
        String url = s.url() == null || s.url().isBlank() ? null : s.url().trim();
        return new StorageConfig(url, dataDir(dataArg, s.dataDir(), workingDir),
                s.poolSize() == null ? 10 : s.poolSize(), s.port() == null ? 0 : s.port(), s.schema());
    }

    /** The section as written: a URL, or its keys. */
    record Section(String url, String dataDir, Integer poolSize, Integer port, String schema) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Section of(String url) {
            return new Section(url, null, null, null, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        Section { }
    }

    private static Path dataDir(String dataArg, String configured, Path workingDir) {
        String chosen = dataArg != null ? dataArg : configured != null ? configured : DEFAULT_DATA_DIR;
        String where = dataArg != null ? "--data" : configured != null ? "storage.data_dir" : "--data";
        if (chosen.isBlank()) {
            throw new ConfigException(where, "the data folder must not be empty");
        }
        try {
            return workingDir.resolve(chosen).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(where, "not a valid path: '" + chosen + "'");
        }
    }

}
