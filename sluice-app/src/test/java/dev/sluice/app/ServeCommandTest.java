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
}
