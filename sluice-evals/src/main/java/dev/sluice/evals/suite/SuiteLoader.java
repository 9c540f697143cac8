package dev.sluice.evals.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.evals.run.Hashing;
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
 * Reads and validates a suite YAML file. Every problem fails with the file, the key and what is wrong, as a
 * {@link GatewayException} of type INVALID_REQUEST. Thread-safe.
 */
public final class SuiteLoader {

    private final YAMLMapper yaml = new YAMLMapper();

    public Suite load(Path file) {
        byte[] bytes;
        JsonNode root;
        try {
            bytes = Files.readAllBytes(file);
            root = yaml.readTree(bytes);
        } catch (IOException e) {
            throw bad(file, "", "cannot read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw bad(file, "", "expected a YAML mapping");
        }
        Path dir = file.toAbsolutePath().getParent();
        String datasetName = requireText(file, root, "dataset");
        Path dataset = dir.resolve(datasetName);
        String judge = root.path("judge").asText(null);
        List<TargetSpec> targets = targets(file, root.path("targets"));
        List<MetricSpec> metrics = metrics(file, root.path("metrics"), judge);
        Set<String> metricNames = new HashSet<>();
        metrics.forEach(m -> metricNames.add(m.name()));
        List<GateRule> gate = GateRules.parse(file, root.path("gate"), metricNames);
        int repeats = positive(file, root, "repeats", 1);
        int concurrency = positive(file, root, "concurrency", 4);
        return new Suite(root.path("name").asText(file.getFileName().toString()), "sha256:" + Hashing.sha256(bytes),
                dataset, root.hasNonNull("prompt") ? root.get("prompt").asText() : null, targets, metrics, repeats,
                concurrency, gate);
    }

    private static List<TargetSpec> targets(Path file, JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw bad(file, "targets", "needs at least one target");
        }
        List<TargetSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String key = "targets[" + i + "]";
            TargetSpec spec;
            if (t.has("http")) {
                JsonNode h = t.get("http");
                String name = t.path("name").asText("app");
                spec = new TargetSpec.Http(name, requireText(file, h, key + ".http.url", "url"),
                        h.path("method").asText("POST"), strings(h.path("headers")),
                        h.hasNonNull("body") ? h.get("body").asText() : null,
                        h.path("answer").asText("$.answer"), h.hasNonNull("contexts") ? h.get("contexts").asText() : null);
            } else if (t.hasNonNull("model")) {
                String model = t.get("model").asText();
                Map<String, Object> params = new LinkedHashMap<>();
                t.path("params").properties().forEach(e -> params.put(e.getKey(), Json.MAPPER.convertValue(e.getValue(),
                        Object.class)));
                spec = new TargetSpec.Model(t.path("name").asText(model), model,
                        t.hasNonNull("system") ? t.get("system").asText() : null, params);
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

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static int positive(Path file, JsonNode root, String key, int fallback) {
        JsonNode v = root.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.canConvertToInt() || v.asInt() < 1) {
            throw bad(file, key, "must be a whole number >= 1, got " + v);
        }
        return v.asInt();
    }

    private static String requireText(Path file, JsonNode node, String key) {
        return requireText(file, node, key, key);
    }

    private static String requireText(Path file, JsonNode node, String path, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw bad(file, path, "is required");
        }
        return v.asText();
    }

    static GatewayException bad(Path file, String key, String what) {
        return GatewayException.invalid(file + (key.isEmpty() ? "" : ": " + key) + ": " + what, key);
    }
}
