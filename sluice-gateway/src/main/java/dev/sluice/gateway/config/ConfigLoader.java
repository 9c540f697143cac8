package dev.sluice.gateway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.spi.ConfigException;
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
            "ledger", "telemetry", "content_capture", "prices", "guardrails", "cache", "limits", "audit", "log");
    /**
     * Sections whose capabilities have not landed yet: refused, so that {@code limits: {rpm: 1}} cannot start a
     * gateway that silently ignores it.
     */
    private static final Map<String, String> NOT_YET = Map.of(
            "routes", "routes over several deployments are not supported yet; give each model one provider",
            "limits", "rate limits are not supported yet; nothing would be limited",
            "cache", "the response cache is not supported yet",
            "guardrails", "guardrails are not supported yet; nothing would be checked",
            "prices", "a top-level prices section is not read; give prices on each model (models[i].prices)");
    private static final Set<String> SERVER_KEYS = Set.of("host", "port", "master_key", "max_body_bytes", "tls",
            "idle_timeout_ms", "header_timeout_ms", "body_timeout_ms", "max_connections");
    private static final Set<String> TLS_KEYS = Set.of("cert_file", "key_file");
    private static final Set<String> MODEL_KEYS = Set.of("name", "provider", "upstream_model", "options",
            "timeouts", "prices");

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public SluiceConfig load(Path file) {
        String name = file.getFileName().toString();
        JsonNode tree;
        try {
            tree = YAML.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new ConfigException(name, "not valid YAML" + loc + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return fromTree(tree == null ? JsonNodeFactory.instance.objectNode() : tree, name, base);
    }

    /** Validates an already-parsed tree (the embedded default, tests). */
    public SluiceConfig fromTree(JsonNode tree, String source, Path baseDir) {
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
        return new SluiceConfig(server, providers, models, root, source, baseDir);
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

    private static ServerConfig server(JsonNode s, String source, Path baseDir) {
        String where = source + ": server";
        if (s.isMissingNode() || s.isNull()) {
            return new ServerConfig("0.0.0.0", ServerConfig.DEFAULT_PORT, null, ServerConfig.DEFAULT_MAX_BODY);
        }
        requireObject(s, where);
        checkKeys(s, SERVER_KEYS, where);
        int port = intValue(s, "port", ServerConfig.DEFAULT_PORT, 0, 65535, where);
        long maxBody = longValue(s, "max_body_bytes", ServerConfig.DEFAULT_MAX_BODY, 1024, 1L << 30, where);
        String key = text(s, "master_key", null, where);
        if (key != null && key.length() < 8) {
            throw new ConfigException(where + ".master_key", "must be at least 8 characters");
        }
        var d = ServerConfig.Connections.DEFAULT;
        var connections = new ServerConfig.Connections(
                Duration.ofMillis(longValue(s, "idle_timeout_ms", d.idle().toMillis(), 100, 86_400_000, where)),
                Duration.ofMillis(longValue(s, "header_timeout_ms", d.header().toMillis(), 100, 600_000, where)),
                Duration.ofMillis(longValue(s, "body_timeout_ms", d.body().toMillis(), 100, 3_600_000, where)),
                intValue(s, "max_connections", d.max(), 0, 10_000_000, where));
        return new ServerConfig(text(s, "host", "0.0.0.0", where), port, key, maxBody,
                tls(s.path("tls"), where + ".tls", baseDir), connections);
    }

    /** {@code tls: {cert_file, key_file}}: both required, both readable files (relative to the config's folder). */
    private static ServerConfig.Tls tls(JsonNode t, String where, Path baseDir) {
        if (t.isMissingNode() || t.isNull()) {
            return null;
        }
        requireObject(t, where);
        checkKeys(t, TLS_KEYS, where);
        return new ServerConfig.Tls(readableFile(t, "cert_file", where, baseDir),
                readableFile(t, "key_file", where, baseDir));
    }

    private static Path readableFile(JsonNode t, String key, String where, Path baseDir) {
        String name = requiredText(t, key, where);
        Path p = baseDir == null ? Path.of(name) : baseDir.resolve(name);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new ConfigException(where + "." + key, "no readable file at " + p);
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

    private static List<ModelConfig> models(JsonNode list, String source, List<ProviderSpec> providers) {
        List<ModelConfig> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new ConfigException(source + ": models", "must be a list of models");
        }
        Set<String> providerIds = new HashSet<>();
        providers.forEach(p -> providerIds.add(p.id()));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = source + ": models[" + i + "]";
            JsonNode m = list.get(i);
            requireObject(m, where);
            checkKeys(m, MODEL_KEYS, where);
            String name = requiredText(m, "name", where);
            String provider = requiredText(m, "provider", where);
            if (!providerIds.contains(provider)) {
                throw new ConfigException(where + ".provider", "unknown provider '" + provider + "' (known: "
                        + String.join(", ", providers.stream().map(ProviderSpec::id).toList()) + ")");
            }
            if (!names.add(name)) {
                throw new ConfigException(where + ".name", "duplicate model name '" + name + "'");
            }
            String upstream = text(m, "upstream_model", name, where);
            JsonNode options = m.path("options");
            if (options.isMissingNode() || options.isNull()) {
                options = JsonNodeFactory.instance.objectNode();
            } else {
                requireObject(options, where + ".options");
            }
            Timeouts timeouts = timeouts(m.path("timeouts"), where + ".timeouts");
            JsonNode prices = m.path("prices");
            if (!prices.isMissingNode()) {
                requireObject(prices, where + ".prices");
            }
            out.add(new ModelConfig(new Deployment(name, provider, upstream, options, timeouts),
                    prices.isMissingNode() ? null : prices, where));
        }
        return out;
    }

    private static Timeouts timeouts(JsonNode t, String where) {
        if (t.isMissingNode() || t.isNull()) {
            return Timeouts.DEFAULT;
        }
        requireObject(t, where);
        checkKeys(t, Set.of("connect_ms", "first_token_ms", "total_ms"), where);
        Timeouts d = Timeouts.DEFAULT;
        return new Timeouts(
                Duration.ofMillis(longValue(t, "connect_ms", d.connect().toMillis(), 1, 3_600_000, where)),
                Duration.ofMillis(longValue(t, "first_token_ms", d.firstToken().toMillis(), 1, 3_600_000, where)),
                Duration.ofMillis(longValue(t, "total_ms", d.total().toMillis(), 1, 86_400_000, where)));
    }

    private static void requireObject(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new ConfigException(where, "must be a mapping (key: value), not " + kind(n));
        }
    }

    private static void checkKeys(JsonNode n, Set<String> allowed, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new ConfigException(where + "." + k, "unknown key (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
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

    private static int intValue(JsonNode n, String key, int fallback, int min, int max, String where) {
        return (int) longValue(n, key, fallback, min, max, where);
    }

    private static long longValue(JsonNode n, String key, long fallback, long min, long max, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        long value;
        if (v.isIntegralNumber()) {
            value = v.asLong();
        } else if (v.isTextual() && v.asText().matches("-?\\d+")) {
            value = Long.parseLong(v.asText());
        } else {
            throw new ConfigException(where + "." + key, "must be a whole number, not " + kind(v) + " '"
                    + v.asText() + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(where + "." + key, "must be between " + min + " and " + max + ", not " + value);
        }
        return value;
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
