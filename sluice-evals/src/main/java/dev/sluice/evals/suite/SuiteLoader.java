package dev.sluice.evals.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.evals.run.Hashing;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import dev.sluice.spi.ConfigLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a suite YAML file, its top level and targets bound to records (unknown keys are refused; a
 * metric's own keys are its options). Every problem fails with the file, its line, the key and what is wrong, as a
 * {@link GatewayException} of type INVALID_REQUEST. Thread-safe.
 */
public final class SuiteLoader {

    private final YAMLMapper yaml = new YAMLMapper();

    /** The suite file's top level as written; targets, metrics and the gate are read on their own. */
    record SuiteFile(String name, String dataset, String judge, String prompt, JsonNode targets, JsonNode metrics,
                     JsonNode gate, Integer repeats, Integer concurrency) { }

    /** One {@code targets} entry as written. */
    record TargetEntry(String name, String model, String system, ObjectNode params, HttpEntry http) { }

    /** A target's {@code http} as written. */
    record HttpEntry(String url, String method, Map<String, String> headers, String body, String answer,
                     String contexts) { }

    public Suite load(Path file) {
        byte[] bytes;
        JsonNode root;
        try {
            bytes = Files.readAllBytes(file);
            root = yaml.readTree(bytes);
        } catch (IOException e) {
            throw GatewayException.invalid(file + ": cannot read: " + e.getMessage().lines().findFirst().orElse(""),
                    "");
        }
        ConfigLines lines;
        try {
            lines = ConfigLines.of(file.toString(), yaml.getFactory().createParser(bytes));
        } catch (IOException e) {
            lines = ConfigLines.NONE;
        }
        try {
            return read(file, bytes, root);
        } catch (ConfigException e) {
            ConfigException located = lines.locate(e);
            throw GatewayException.invalid(located.getMessage(), e.where());
        }
    }

    private Suite read(Path file, byte[] bytes, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ConfigException(file.toString(), "expected a YAML mapping");
        }
        SuiteFile s = ConfigBinder.bind(root, SuiteFile.class, file.toString());
        Path dir = file.toAbsolutePath().getParent();
        Path dataset = dir.resolve(ConfigBinder.required(s.dataset(), where(file, "dataset")));
        List<TargetSpec> targets = targets(file, s.targets());
        List<MetricSpec> metrics = metrics(file, s.metrics() == null ? MissingNode.getInstance() : s.metrics(),
                s.judge());
        Set<String> metricNames = new HashSet<>();
        metrics.forEach(m -> metricNames.add(m.name()));
        List<GateRule> gate = GateRules.parse(file, s.gate(), metricNames);
        int repeats = positive(file, s.repeats(), "repeats", 1);
        int concurrency = positive(file, s.concurrency(), "concurrency", 4);
        return new Suite(s.name() == null ? file.getFileName().toString() : s.name(),
                "sha256:" + Hashing.sha256(bytes), dataset, s.prompt(), targets, metrics, repeats, concurrency, gate);
    }

    private static List<TargetSpec> targets(Path file, JsonNode node) {
        List<TargetEntry> entries = ConfigBinder.bindList(node, TargetEntry.class, where(file, "targets"));
        if (entries == null || entries.isEmpty()) {
            throw bad(file, "targets", "needs at least one target");
        }
        List<TargetSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            TargetEntry t = entries.get(i);
            String key = "targets[" + i + "]";
            TargetSpec spec;
            if (t.http() != null) {
                HttpEntry h = t.http();
                spec = new TargetSpec.Http(t.name() == null ? "app" : t.name(),
                        ConfigBinder.required(h.url(), where(file, key + ".http.url")),
                        h.method() == null ? "POST" : h.method(), h.headers() == null ? Map.of() : h.headers(),
                        h.body(), h.answer() == null ? "$.answer" : h.answer(), h.contexts());
            } else if (t.model() != null) {
                Map<String, Object> params = new LinkedHashMap<>();
                if (t.params() != null) {
                    t.params().properties().forEach(e -> params.put(e.getKey(),
                            Json.MAPPER.convertValue(e.getValue(), Object.class)));
                }
                spec = new TargetSpec.Model(t.name() == null ? t.model() : t.name(), t.model(), t.system(), params);
            } else {
                throw bad(file, key, "needs 'model' (through the gateway) or 'http' (an application endpoint)");
            }
            if (!names.add(spec.name())) {
                throw bad(file, key + ".name", "duplicate target name '" + spec.name() + "'");
            }
            out.add(spec);
        }
        return out;
    }

    private static List<MetricSpec> metrics(Path file, JsonNode node, String judge) {
        if (!node.isArray() || node.isEmpty()) {
            throw bad(file, "metrics", "needs at least one metric");
        }
        List<MetricSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String key = "metrics[" + i + "]";
            String type = requireText(file, m, key + ".type", "type");
            String name = m.path("name").asText(type);
            if (!names.add(name)) {
                throw bad(file, key + ".name", "duplicate metric name '" + name + "', give each a distinct name");
            }
            JsonNode th = m.get("threshold");
            if (th != null && !th.isNumber()) {
                throw bad(file, key + ".threshold", "must be a number");
            }
            ObjectNode options = m.path("options").isObject() ? ((ObjectNode) m.get("options")).deepCopy()
                    : Json.object();
            m.properties().forEach(e -> {
                if (!Set.of("name", "type", "threshold", "options").contains(e.getKey())) {
                    options.set(e.getKey(), e.getValue());
                }
            });
            if (judge != null && !options.has("judge")) {
                options.put("judge", judge);
            }
            out.add(new MetricSpec(name, type, th == null ? null : th.asDouble(), options));
        }
        return out;
    }

    private static int positive(Path file, Integer value, String key, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw bad(file, key, "must be a whole number >= 1, got " + value);
        }
        return value;
    }

    private static String requireText(Path file, JsonNode node, String path, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw bad(file, path, "is required");
        }
        return v.asText();
    }

    static String where(Path file, String key) {
        return file + ": " + key;
    }

    /** A fault of the suite file at {@code key}; {@link #load} places it on its line. */
    static ConfigException bad(Path file, String key, String what) {
        return new ConfigException(key.isEmpty() ? file.toString() : where(file, key), what);
    }
}
