package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice serve} where it can go wrong on the first day. */
class ServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void aPortAlreadyInUseExits2WithOneLineNamingItAndLeavesNoDatabaseRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = taken.getLocalPort();
            PrintStream oldErr = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = Main.run("serve", "--port", Integer.toString(port), "--data", dir.resolve("data").toString());
            } finally {
                System.setErr(oldErr);
            }
            String said = err.toString(StandardCharsets.UTF_8).strip();
            assertThat(code).isEqualTo(2);
            assertThat(said.lines()).as(said).hasSize(1);
            assertThat(said).contains(":" + port).contains("already in use");
            Path pid = dir.resolve("data/pg/postmaster.pid");
            assertThat(pid).as("the embedded database was stopped").doesNotExist();
        }
    }

    @Test
    void theGeneratedMasterKeyIsKeptOwnerOnlyAndTheSameAfterARestart() throws Exception {
        Path file = dir.resolve("data/secrets/master.key");
        String first = ServeCommand.generatedKey(file);
        assertThat(first).startsWith("sk-sluice-").hasSizeGreaterThan(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ServeCommand.generatedKey(file)).isEqualTo(first);
    }

    @Test
    void badModelPricesStopTheStartEvenWithoutStorage() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunningSluice("""
                storage: none
                providers: [{id: sim, type: simulator}]
                models: [{name: m, provider: sim, prices: {inptu: 1.0}}]
                """, dir).close()).isInstanceOf(dev.sluice.spi.ConfigException.class)
                .hasMessageContaining("models[0].prices");
    }

    /**
     * A typo in any section stops the start with one line naming the file, the line and the key, before the embedded
     * database or anything else starts.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "providers: [{id: sim, type: simulator}, {id: o, type: openai, base_url: 'http://127.0.0.1:9/v1', "
                + "profile: vllm, api_kye: x}]|2|providers[1].api_kye|unknown key (known: api_key, api_version, base_url, headers, http_version,"
                + " id, organization, profile, type)",
        "storage: {pool_sise: 3}|2|storage.pool_sise|unknown key (known: data_dir, pool_size, port, schema, url)",
        "ledger:\\n  batch_size: many|3|ledger.batch_size|must be a whole number, not text 'many'",
        "content_capture: {enabled: yes please}|2|content_capture.enabled|must be true or false",
        "audit: {kee: abc}|2|audit.kee|unknown key (known: key)",
        "telemetry: {otlpp: {endpoint: 'http://c:4318'}}|2|telemetry.otlpp|unknown key (known: otlp)",
        "telemetry:\\n  otlp:\\n    endpoint: 'http://c:4318'\\n    sampling_ratio: all|5"
                + "|telemetry.otlp.sampling_ratio|must be a number, not text 'all'",
        "log: {levle: debug}|2|log.levle|unknown key (known: access, format, level)",
        "server: {port: 1, max_conections: 3}|2|server.max_conections|unknown key",
        "server:\\n  port: [1]|3|server.port|must be a whole number, not a list",
        "redis: {url: 'redis://r:6379', timeout: 5}|2|redis.timeout|unknown key (known: key_prefix, timeout_ms, url)",
        "redis:\\n  url: 'http://r:6379'|3|redis.url|must be a redis:// or rediss:// URL with a host",
        "redis: {url: 'redis://r:6379', timeout_ms: 0}|2|redis.timeout_ms|must be between 1 and 10000, not 0",
    })
    void aConfigFaultIsOneLineWithItsFileLineAndKeyAndNothingStarts(String section, int line, String key,
                                                                     String problem) throws Exception {
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, "models: [{name: m, provider: sim}]\n" + section.replace("\\n", "\n")
                + "\n" + (section.startsWith("providers") ? "" : "providers: [{id: sim, type: simulator}]\n"));
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("serve", "--config", config.toString(), "--data", dir.resolve("data").toString(),
                    "--port", "0");
        } finally {
            System.setErr(oldErr);
        }
        String said = err.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).as(said).isEqualTo(2);
        assertThat(said.lines()).as(said).hasSize(1);
        assertThat(said).startsWith("sluice: bad config: sluice.yaml:" + line + ": " + key + ": " + problem);
        assertThat(dir.resolve("data/pg")).as("nothing started").doesNotExist();
    }
}
