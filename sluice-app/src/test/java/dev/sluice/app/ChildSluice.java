package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.config.ConfigLoader;
import dev.sluice.gateway.engine.DefaultProviderContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sluice in a child JVM (so that it can be killed, or given its own limits), started from a config in a folder
 * ({@code sluice.yaml}, data in {@code data/}); its output is collected.
 */
final class ChildSluice implements AutoCloseable {

    final Process process;
    final int port;
    private final StringBuffer log = new StringBuffer();
    private Thread reader;

    private ChildSluice(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param shellPrefix run before the JVM in the same shell (e.g. {@code ulimit -n 400 &&}), or empty
     */
    static ChildSluice start(Path dir, String yaml, String shellPrefix) throws Exception {
        return start(dir, yaml, shellPrefix, false);
    }

    /**
     * @param serve run {@code sluice serve} itself (its shutdown hook, its output) instead of the wiring alone
     */
    static ChildSluice start(Path dir, String yaml, String shellPrefix, boolean serve) throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("sluice.yaml");
        Files.writeString(config, yaml);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("bash", "-c", shellPrefix + " exec \"$0\" -Xmx512m -cp \"$1\" "
                + (serve ? Main.class.getName() + " serve --config \"$2\" --data \"$3\" --no-access-log"
                        : ChildSluice.class.getName() + " \"$2\""), java, System.getProperty("java.class.path"),
                config.toString(), dir.resolve("data").toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        int port = -1;
        StringBuilder early = new StringBuilder();
        while ((line = out.readLine()) != null) {
            early.append(line).append('\n');
            if (line.startsWith("PORT ")) {
                port = Integer.parseInt(line.substring(5).trim());
                break;
            }
            Matcher listening = Pattern.compile("^sluice: listening on https?://[^ ]*:"
                    + "(\\d+) ").matcher(line);
            if (listening.find()) {
                port = Integer.parseInt(listening.group(1));
                break;
            }
        }
        assertThat(port).as("the child started; it said:\n" + early).isPositive();
        ChildSluice child = new ChildSluice(p, port);
        child.log.append(early);
        child.reader = Thread.ofVirtual().start(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    child.log.append(l).append('\n');
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        });
        return child;
    }

    String baseUrl() { return "http://127.0.0.1:" + port; }

    String output() { return log.toString(); }

    /**
     * SIGTERM, sent with kill(1) as a service manager sends it (the JVM runs its shutdown hook: a graceful stop);
     * waits up to 90 s for the exit.
     */
    int terminate() throws Exception {
        new ProcessBuilder("/bin/sh", "-c", "kill -TERM " + process.pid()).start().waitFor(10, TimeUnit.SECONDS);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        reader.join(5_000); // the last lines it printed
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no drain. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A graceful stop: its input ends, and it closes everything. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The child: starts Sluice on the given config, says its port, and runs until its input ends. */
    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        try (Wiring wiring = Wiring.start(new ConfigLoader(Map.of()).load(config),
                new DefaultProviderContext(Map.of(), config.getParent()), RunningSluice.KEY,
                config.getParent().resolve("data"))) {
            System.out.println("PORT " + wiring.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our input
            }
        }
    }
}
