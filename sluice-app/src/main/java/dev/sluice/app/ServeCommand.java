package dev.sluice.app;

import dev.sluice.gateway.config.ConfigLoader;
import dev.sluice.gateway.config.ServerConfig;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.engine.DefaultProviderContext;
import dev.sluice.spi.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice serve}: runs the gateway until interrupted; stops gracefully on SIGTERM / Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start Sluice.", "",
                "Without --config it starts on the embedded default: simulator models (sim-echo, sim-chat, sim-fast)",
                "plus every provider whose credentials are found in the environment (OPENAI_API_KEY,",
                "ANTHROPIC_API_KEY, AWS_BEARER_TOKEN_BEDROCK or AWS credentials with AWS_REGION)."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see docs/configuration.md).")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (overrides server.port; default 4000).")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder for the embedded mode (default ./data).")
    Path data;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "Sluice's own log lines: error, warn, info "
            + "(default), debug or trace; warn and error also turn the access log off. Also SLUICE_LOG_LEVEL or "
            + "log.level in the config.")
    String logLevel;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "The access log's format: text (default) "
            + "or json (one object per line). Also log.format in the config.")
    String logFormat;

    @Option(names = "--no-access-log", description = "No line per call (also log.access: false in the config).")
    boolean noAccessLog;

    /** The data folder this run uses: --data, else storage.data_dir, else ./data. */
    private Path dataFolder(SluiceConfig cfg) {
        if (Persistence.disabled(cfg)) {
            return (data != null ? data : Path.of(dev.sluice.store.StorageConfig.DEFAULT_DATA_DIR)).toAbsolutePath();
        }
        return dev.sluice.store.StorageConfig.from(cfg.section("storage"), data == null ? null : data.toString(),
                Path.of("").toAbsolutePath()).dataDir();
    }

    /**
     * The master key generated on the first run without one, kept (owner-only) in the data folder so that it is the
     * same after a restart.
     */
    static String generatedKey(Path file) throws java.io.IOException {
        if (java.nio.file.Files.exists(file)) {
            String kept = java.nio.file.Files.readString(file).strip();
            if (kept.length() >= 8) {
                return kept;
            }
        }
        String key = RandomTokens.hex("sk-sluice-", 18);
        dev.sluice.store.SecretFiles.write(file, key + "\n");
        return key;
    }

    /**
     * Netty's buffer-leak tracking is on by default: one buffer in 128 records a stack trace, and every message is
     * "touched" as it passes each handler. A served process leaves it off (tests keep Netty's default), unless
     * {@code -Dio.netty.leakDetection.level} asks for it; about 2% of the loops' samples in the profile
     * (docs/benchmarks.md).
     */
    private static void leakTrackingOff() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
    }

    /** The resolved log settings of this run. */
    private AccessLog.Settings log;

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        leakTrackingOff();
        Path base = config == null ? Path.of("").toAbsolutePath() : config.toAbsolutePath().getParent();
        DefaultProviderContext context = new DefaultProviderContext(env, base);
        SluiceConfig cfg = null;
        String detected = "";
        try {
            ConfigLoader loader = new ConfigLoader(env);
            if (config != null) {
                cfg = loader.load(config);
            } else {
                EmbeddedDefaults.Result d = EmbeddedDefaults.build(context);
                cfg = loader.fromTree(d.tree(), "<embedded default>", base);
                detected = d.detected().isEmpty() ? "no provider credentials found in the environment"
                        : "providers found in the environment: " + String.join("; ", d.detected());
            }
            AccessLog.Settings fromConfig = AccessLog.Settings.from(cfg.section("log"));
            String level = logLevel != null ? logLevel : env.get("SLUICE_LOG_LEVEL") != null
                    ? env.get("SLUICE_LOG_LEVEL") : fromConfig.level() != null ? fromConfig.level() : "info";
            AccessLog.Settings.checkLevel(level, logLevel != null ? "--log-level"
                    : env.get("SLUICE_LOG_LEVEL") != null ? "SLUICE_LOG_LEVEL" : "log.level");
            AccessLog.Settings.checkFormat(logFormat, "--log-format");
            boolean quiet = level.equals("warn") || level.equals("error");
            boolean access = !noAccessLog && (fromConfig.access() != null ? fromConfig.access() : !quiet);
            log = new AccessLog.Settings(level, access, logFormat != null ? logFormat : fromConfig.format());
            // before any logger exists (none is made while the config is read): Sluice's lines at this level,
            // libraries at warn (or error, when that is asked for)
            System.setProperty("org.slf4j.simpleLogger.log.dev.sluice", level);
            if (level.equals("error")) {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
            }
            Wiring.checkSections(cfg, data); // every section, before anything reads one to start
            if (port != null) {
                if (port < 0 || port > 65535) {
                    throw new ConfigException("--port", "must be between 0 and 65535, not " + port);
                }
                ServerConfig s = cfg.server();
                cfg = cfg.withServer(s.withPort(port));
            }
        } catch (ConfigException e) {
            System.err.println("sluice: bad config: " + (cfg == null ? e : cfg.locate(e)).getMessage());
            return 2;
        }
        String masterKey = cfg.server().masterKey();
        Path keyFile = null;
        if (masterKey == null) {
            masterKey = env.getOrDefault("SLUICE_MASTER_KEY", "");
            if (masterKey.isBlank()) {
                keyFile = dataFolder(cfg).resolve("secrets").resolve("master.key");
                try {
                    masterKey = generatedKey(keyFile);
                } catch (java.io.IOException e) {
                    System.err.println("sluice: cannot keep the generated master key in " + keyFile + ": " + e);
                    return 2;
                }
            }
        }
        Wiring wiring;
        try {
            wiring = Wiring.start(cfg, context, masterKey, data, log);
        } catch (ConfigException e) {
            System.err.println("sluice: bad config: " + cfg.locate(e).getMessage());
            return 2;
        } catch (dev.sluice.api.error.GatewayException e) {
            System.err.println("sluice: cannot start: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("sluice: stopping");
            wiring.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        System.out.println("sluice: listening on " + (cfg.server().tls() != null ? "https://" : "http://")
                + cfg.server().host() + ":" + wiring.port()
                + " (config: " + cfg.source() + ")");
        System.out.println("sluice: " + wiring.storageDescription());
        System.out.println("sluice: models: " + String.join(", ", wiring.gateway().models().names()));
        if (!detected.isEmpty()) {
            System.out.println("sluice: " + detected);
        }
        if (keyFile != null) {
            System.out.println("sluice: master key kept in " + keyFile + " (set SLUICE_MASTER_KEY or "
                    + "server.master_key to choose your own); for curl and the CLI:");
            System.out.println("export SLUICE_MASTER_KEY=" + masterKey);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
