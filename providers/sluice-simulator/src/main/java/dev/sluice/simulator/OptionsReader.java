package dev.sluice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks simulator options. Every problem is a {@link ConfigException} whose key is
 * {@code <prefix>.<option>}, e.g. {@code sluice.yaml: models[3].options.error_rate}.
 */
final class OptionsReader {

    /** The options a model may set (and a provider entry, as defaults). */
    static final Set<String> OPTION_KEYS = Set.of("reply", "text", "script", "ttft_ms", "tokens_per_second",
            "output_tokens", "error_rate", "error_status", "retry_after_s", "timeout_rate", "drop_rate", "seed",
            "dimensions", "outage_after_ms", "outage_ms");

    /** Keys of a provider entry that are not model options. */
    static final Set<String> PROVIDER_ONLY_KEYS = Set.of("id", "type", "encoding");

    private OptionsReader() { }

    /** The provider's defaults overridden by a model's options; the provider-only keys are left out. */
    static ObjectNode merge(JsonNode providerSettings, JsonNode modelOptions) {
        ObjectNode merged = Json.object();
        providerSettings.properties().forEach(e -> {
            if (!PROVIDER_ONLY_KEYS.contains(e.getKey())) {
                merged.set(e.getKey(), e.getValue());
            }
        });
        modelOptions.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        return merged;
    }

    /** Rejects keys outside {@code allowed}, naming the known ones. */
    static void checkKeys(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new ConfigException(prefix + "." + key, "is not a simulator option (known: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    /**
     * Parses options. With {@code complete} false (a provider entry's defaults) options that need each other are not
     * checked together, since a model may complete them.
     */
    static SimulatorOptions read(JsonNode node, String prefix, Path baseDir, boolean complete) {
        ReplyMode mode = ReplyMode.of(text(node, "reply", "echo", prefix)).orElseThrow(() -> new ConfigException(
                prefix + ".reply", "unknown reply mode '" + node.get("reply").asText()
                        + "' (known: echo, fixed, script, lorem)"));
        String fixed = text(node, "text", null, prefix);
        String scriptFile = text(node, "script", null, prefix);
        if (complete && mode == ReplyMode.FIXED && fixed == null) {
            throw new ConfigException(prefix + ".text", "is required when reply is 'fixed'");
        }
        if (complete && mode == ReplyMode.SCRIPT && scriptFile == null) {
            throw new ConfigException(prefix + ".script", "is required when reply is 'script' (a JSONL file of rules)");
        }
        Script script = scriptFile == null ? null : Script.load(baseDir.resolve(scriptFile), prefix + ".script");
        Long outputTokens = node.has("output_tokens") ? whole(node, "output_tokens", 1, 1_000_000, 0, prefix) : null;
        Pacing pacing = new Pacing(whole(node, "ttft_ms", 0, 3_600_000, 0, prefix),
                number(node, "tokens_per_second", 0, 1_000_000, 0, prefix),
                outputTokens == null ? null : outputTokens.intValue());
        int status = (int) whole(node, "error_status", 400, 599, 500, prefix);
        Duration retryAfter = node.has("retry_after_s")
                ? Duration.ofMillis(Math.round(number(node, "retry_after_s", 0, 86_400, 0, prefix) * 1000))
                : status == 429 ? Duration.ofSeconds(1) : null;
        Faults faults = new Faults(rate(node, "error_rate", prefix), status, retryAfter,
                rate(node, "timeout_rate", prefix), rate(node, "drop_rate", prefix),
                node.has("seed") ? whole(node, "seed", Long.MIN_VALUE, Long.MAX_VALUE, 0, prefix) : null,
                node.has("outage_after_ms") || node.has("outage_ms") ? Duration.ofMillis(whole(node,
                        "outage_after_ms", 0, 86_400_000, 0, prefix)) : null,
                Duration.ofMillis(whole(node, "outage_ms", 0, 86_400_000, 0, prefix)));
        int dimensions = (int) whole(node, "dimensions", 1, 8192, SimulatorOptions.DEFAULT_DIMENSIONS, prefix);
        return new SimulatorOptions(mode, fixed, script, pacing, faults, dimensions);
    }

    private static String text(JsonNode node, String key, String fallback, String prefix) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new ConfigException(prefix + "." + key, "must be a string");
        }
        return v.asText();
    }

    private static double rate(JsonNode node, String key, String prefix) {
        return number(node, key, 0, 1, 0, prefix);
    }

    private static double number(JsonNode node, String key, double min, double max, double fallback,
                                 String prefix) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        double d;
        try {
            d = v.isNumber() ? v.asDouble() : v.isTextual() ? Double.parseDouble(v.asText().strip()) : Double.NaN;
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (Double.isNaN(d)) {
            throw new ConfigException(prefix + "." + key, "must be a number from " + plain(min) + " to "
                    + plain(max));
        }
        if (!(d >= min && d <= max)) {
            throw new ConfigException(prefix + "." + key, "must be from " + plain(min) + " to " + plain(max)
                    + ", not " + v.asText());
        }
        return d;
    }

    private static long whole(JsonNode node, String key, long min, long max, long fallback, String prefix) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        long n;
        try {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                n = v.asLong();
            } else if (v.isTextual()) {
                n = Long.parseLong(v.asText().strip());
            } else {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(prefix + "." + key, "must be a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw new ConfigException(prefix + "." + key, "must be from " + min + " to " + max + ", not " + n);
        }
        return n;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
