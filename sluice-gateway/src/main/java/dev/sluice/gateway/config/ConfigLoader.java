package dev.sluice.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import dev.sluice.spi.ConfigLines;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.Timeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Sluice YAML config: parse, interpolate {@code ${ENV}}, validate. Every problem is a {@link ConfigException}
 * whose message names the file, the key and what is wrong, e.g. {@code sluice.yaml: models[1].provider: unknown
 * provider 'opnai' (known: sim, openai)}.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_LEVEL = Set.of("server", "providers", "models", "routes", "storage",
            "ledger", "telemetry", "content_capture", "prices", "guardrails", "cache", "limits", "audit", "log",
            "alerts", "redis");
    /**
     * Sections whose capabilities have not landed yet: refused, so that {@code limits: {rpm: 1}} cannot start a
     * gateway that silently ignores it.
     */
    private static final Map<String, String> NOT_YET = Map.of(
            "limits", "rate limits are not supported yet; nothing would be limited",
            "prices", "a top-level prices section is not read; give prices on each model (models[i].prices)");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public SluiceConfig load(Path file) {
        String name = file.getFileName().toString();
        byte[] bytes;
        JsonNode tree;
        try {
            bytes = Files.readAllBytes(file);
            tree = YAML.readTree(bytes);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ConfigException(name, "not valid YAML" + loc + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        ConfigLines lines;
        try {
            lines = ConfigLines.of(name, YAML.getFactory().createParser(bytes));
        } catch (IOException e) {
            lines = ConfigLines.NONE;
        }
        try {
            return fromTree(tree == null ? JsonNodeFactory.instance.objectNode() : tree, name, base, lines);
        } catch (ConfigException e) {
            throw lines.locate(e);
        }
    }

    /** Validates an already-parsed tree (the embedded default, tests). */
    public SluiceConfig fromTree(JsonNode tree, String source, Path baseDir) {
        return fromTree(tree, source, baseDir, ConfigLines.NONE);
    }

    private SluiceConfig fromTree(JsonNode tree, String source, Path baseDir, ConfigLines lines) {
        if (!tree.isObject()) {
            throw new ConfigException(source, "the config must be a mapping with server, providers and models");
        }
        JsonNode root = interpolate(tree, new Interpolation(env), source);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (NOT_YET.containsKey(key)) {
                throw new ConfigException(source + ": " + key, NOT_YET.get(key));
            }
            if (!TOP_LEVEL.contains(key)) {
                throw new ConfigException(source + ": " + key, "unknown section (known: " + String.join(", ",
                        TOP_LEVEL.stream().filter(k -> !NOT_YET.containsKey(k)).sorted().toList()) + ")");
            }
        }
        ServerConfig server = server(root.path("server"), source, baseDir);
        List<ProviderSpec> providers = providers(root.path("providers"), source);
        List<ModelConfig> models = models(root.path("models"), source, providers);
        List<RouteConfig> routes = RouteSections.routes(root.path("routes"), source, models);
        return new SluiceConfig(server, providers, models, routes, root, source, baseDir, lines);
    }

    private static JsonNode interpolate(JsonNode node, Interpolation interp, String where) {
        if (node.isTextual()) {
            return TextNode.valueOf(interp.apply(node.asText(), where));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e ->
                    out.set(e.getKey(), interpolate(e.getValue(), interp, where + (where.contains(": ") ? "." : ": ")
                            + e.getKey())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(interpolate(node.get(i), interp, where + "[" + i + "]"));
            }
            return out;
        }
        return node;
    }

    /** The {@code server} section as written. */
    record ServerSection(String host, Long port, String masterKey, Long maxBodyBytes, TlsSection tls,
                         Long idleTimeoutMs, Long headerTimeoutMs, Long bodyTimeoutMs, Long maxConnections,
                         String encryptionKey, Long busyPollUs) { }

    /** {@code server.tls} as written. */
    record TlsSection(String certFile, String keyFile) { }

    private static ServerConfig server(JsonNode node, String source, Path baseDir) {
        String where = source + ": server";
        ServerSection s = ConfigBinder.bind(node, ServerSection.class, where);
        if (s == null) {
            return new ServerConfig("0.0.0.0", ServerConfig.DEFAULT_PORT, null, ServerConfig.DEFAULT_MAX_BODY);
        }
        int port = (int) ConfigBinder.range(s.port(), ServerConfig.DEFAULT_PORT, 0, 65535, where + ".port");
        long maxBody = ConfigBinder.range(s.maxBodyBytes(), ServerConfig.DEFAULT_MAX_BODY, 1024, 1L << 30,
                where + ".max_body_bytes");
        String key = s.masterKey();
        if (key != null && key.length() < 8) {
            throw new ConfigException(where + ".master_key", "must be at least 8 characters");
        }
        if (s.encryptionKey() != null && s.encryptionKey().length() < 16) {
            throw new ConfigException(where + ".encryption_key", "must be at least 16 characters");
        }
        var d = ServerConfig.Connections.DEFAULT;
        var connections = new ServerConfig.Connections(
                Duration.ofMillis(ConfigBinder.range(s.idleTimeoutMs(), d.idle().toMillis(), 100, 86_400_000,
                        where + ".idle_timeout_ms")),
                Duration.ofMillis(ConfigBinder.range(s.headerTimeoutMs(), d.header().toMillis(), 100, 600_000,
                        where + ".header_timeout_ms")),
                Duration.ofMillis(ConfigBinder.range(s.bodyTimeoutMs(), d.body().toMillis(), 100, 3_600_000,
                        where + ".body_timeout_ms")),
                (int) ConfigBinder.range(s.maxConnections(), d.max(), 0, 10_000_000, where + ".max_connections"));
        Duration busyPoll = Duration.ofNanos(1000 * ConfigBinder.range(s.busyPollUs(),
                ServerConfig.DEFAULT_BUSY_POLL.toNanos() / 1000, 0, 10_000,
                where + ".busy_poll_us"));
        return new ServerConfig(s.host() == null ? "0.0.0.0" : s.host(), port, key, maxBody,
                tls(s.tls(), where + ".tls", baseDir), connections, s.encryptionKey(), busyPoll);
    }

    /** {@code tls: {cert_file, key_file}}: both required, both readable files (relative to the config's folder). */
    private static ServerConfig.Tls tls(TlsSection t, String where, Path baseDir) {
        if (t == null) {
            return null;
        }
        return new ServerConfig.Tls(readableFile(t.certFile(), where + ".cert_file", baseDir),
                readableFile(t.keyFile(), where + ".key_file", baseDir));
    }

    private static Path readableFile(String name, String where, Path baseDir) {
        ConfigBinder.required(name, where);
        Path p = baseDir == null ? Path.of(name) : baseDir.resolve(name);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new ConfigException(where, "no readable file at " + p);
        }
        return p;
    }

    private static List<ProviderSpec> providers(JsonNode list, String source) {
        List<ProviderSpec> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new ConfigException(source + ": providers", "must be a list of providers");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = source + ": providers[" + i + "]";
            JsonNode p = list.get(i);
            requireObject(p, where);
            String id = requiredText(p, "id", where);
            String type = requiredText(p, "type", where);
            if (!ids.add(id)) {
                throw new ConfigException(where + ".id", "duplicate provider id '" + id + "'");
            }
            out.add(new ProviderSpec(id, type, p, where));
        }
        return out;
    }

    /** One {@code models} entry as written. */
    record ModelSection(String name, String provider, String upstreamModel, ObjectNode options,
                        TimeoutsSection timeouts, ObjectNode prices, LimitsSection limits,
                        RouteSections.BreakerSection breaker, GuardrailSection guardrail, Long contextWindow,
                        JsonNode cache) { } // cache: read by dev.sluice.gateway.cache.CacheSections

    /** A model's {@code guardrail} as written. */
    record GuardrailSection(String id, String version) { }

    /** A model's {@code limits} as written. */
    record LimitsSection(Long rpm, Long tpm, Long maxConcurrent) { }

    /** A model's {@code timeouts} as written. */
    record TimeoutsSection(Long connectMs, Long firstTokenMs, Long totalMs) { }

    private static List<ModelConfig> models(JsonNode list, String source, List<ProviderSpec> providers) {
        List<ModelSection> entries = ConfigBinder.bindList(list, ModelSection.class, source + ": models");
        List<ModelConfig> out = new ArrayList<>();
        if (entries == null) {
            return out;
        }
        Set<String> providerIds = new HashSet<>();
        providers.forEach(p -> providerIds.add(p.id()));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String where = source + ": models[" + i + "]";
            ModelSection m = entries.get(i);
            String name = ConfigBinder.required(m.name(), where + ".name");
            String provider = ConfigBinder.required(m.provider(), where + ".provider");
            if (!providerIds.contains(provider)) {
                throw new ConfigException(where + ".provider", "unknown provider '" + provider + "' (known: "
                        + String.join(", ", providers.stream().map(ProviderSpec::id).toList()) + ")");
            }
            if (!names.add(name)) {
                throw new ConfigException(where + ".name", "duplicate model name '" + name + "'");
            }
            String upstream = m.upstreamModel() == null ? name : m.upstreamModel();
            JsonNode options = m.options() == null ? JsonNodeFactory.instance.objectNode() : m.options();
            Timeouts timeouts = timeouts(m.timeouts(), where + ".timeouts");
            out.add(new ModelConfig(new Deployment(name, provider, upstream, options, timeouts), m.prices(),
                    limits(name, m.limits(), where + ".limits"), RouteSections.breaker(m.breaker(), where + ".breaker"),
                    where, guardrail(m.guardrail(), where + ".guardrail"),
                    ConfigBinder.range(m.contextWindow(), 0, 1, 100_000_000, where + ".context_window")));
        }
        return out;
    }

    /** A model's or a route's {@code guardrail}, checked; null when not given. */
    static dev.sluice.gateway.guardrails.GuardrailRef guardrail(GuardrailSection g, String where) {
        if (g == null) {
            return null;
        }
        String id = ConfigBinder.required(g.id(), where + ".id");
        String version = g.version() == null ? "DRAFT" : g.version();
        if (!dev.sluice.gateway.guardrails.GuardrailRef.validVersion(version)) {
            throw new ConfigException(where + ".version", "must be DRAFT or a version number from 1");
        }
        return new dev.sluice.gateway.guardrails.GuardrailRef(id, version);
    }

    /** At most ten billion a minute: a token bucket refills at most one a nanosecond. */
    private static dev.sluice.api.access.Limits limits(String name, LimitsSection l, String where) {
        if (l == null) {
            return null;
        }
        long max = 10_000_000_000L;
        return new dev.sluice.api.access.Limits("deployment:" + name,
                ConfigBinder.range(l.rpm(), 0, 1, max, where + ".rpm"),
                ConfigBinder.range(l.tpm(), 0, 1, max, where + ".tpm"),
                ConfigBinder.range(l.maxConcurrent(), 0, 1, 10_000_000, where + ".max_concurrent"));
    }

    private static Timeouts timeouts(TimeoutsSection t, String where) {
        if (t == null) {
            return Timeouts.DEFAULT;
        }
        Timeouts d = Timeouts.DEFAULT;
        return new Timeouts(
                Duration.ofMillis(ConfigBinder.range(t.connectMs(), d.connect().toMillis(), 1, 3_600_000,
                        where + ".connect_ms")),
                Duration.ofMillis(ConfigBinder.range(t.firstTokenMs(), d.firstToken().toMillis(), 1, 3_600_000,
                        where + ".first_token_ms")),
                Duration.ofMillis(ConfigBinder.range(t.totalMs(), d.total().toMillis(), 1, 86_400_000,
                        where + ".total_ms")));
    }

    private static void requireObject(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new ConfigException(where, "must be a mapping (key: value), not " + kind(n));
        }
    }


    private static String requiredText(JsonNode n, String key, String where) {
        String v = text(n, key, null, where);
        if (v == null || v.isBlank()) {
            throw new ConfigException(where + "." + key, "is required");
        }
        return v;
    }

    private static String text(JsonNode n, String key, String fallback, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw new ConfigException(where + "." + key, "must be a text value, not " + kind(v));
        }
        return v.asText();
    }



    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case STRING -> "text";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            default -> "nothing";
        };
    }
}
