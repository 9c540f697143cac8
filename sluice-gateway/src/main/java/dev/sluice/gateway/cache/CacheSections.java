package dev.sluice.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the cache's config: the top-level {@code cache:} section ({@code max_size}, {@code ttl}, {@code scope},
 * {@code semantic_entries}) and the {@code cache:} key of each model and route ({@code true}, or {@code ttl},
 * {@code scope}, {@code semantic: {threshold, multi_turn}}). Every fault is a {@link ConfigException} naming the file,
 * the line and the key ({@code sluice.yaml: models[2].cache.ttl}).
 */
public final class CacheSections {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?");
    private static final Duration MAX_TTL = Duration.ofDays(30);

    private CacheSections() { }

    /** The top-level section as written. */
    record Section(String maxSize, String ttl, String scope, Long semanticEntries) { }

    /** A model's or route's {@code cache:} as written (when it is a mapping). */
    record NameSection(String ttl, String scope, SemanticSection semantic) { }

    /** {@code semantic:} as written. */
    record SemanticSection(Double threshold, Boolean multiTurn) { }

    /** The settings of {@code config}; a fault names its line. */
    public static CacheSettings from(SluiceConfig config) {
        try {
            return read(config);
        } catch (ConfigException e) {
            throw config.locate(e);
        }
    }

    private static CacheSettings read(SluiceConfig config) {
        String where = config.where("cache");
        Section s = ConfigBinder.bind(config.section("cache"), Section.class, where);
        if (s == null) {
            s = new Section(null, null, null, null);
        }
        long maxBytes = s.maxSize() == null ? CacheSettings.DEFAULT_MAX_BYTES
                : size(s.maxSize(), where + ".max_size");
        Duration ttl = s.ttl() == null ? CacheSettings.DEFAULT_TTL : duration(s.ttl(), where + ".ttl");
        CachePolicy.Scope scope = s.scope() == null ? CachePolicy.Scope.TEAM : scope(s.scope(), where + ".scope");
        int entries = (int) ConfigBinder.range(s.semanticEntries(), CacheSettings.DEFAULT_SEMANTIC_ENTRIES, 0,
                10_000_000, where + ".semantic_entries");
        CachePolicy defaults = new CachePolicy(ttl, scope, null);
        Map<String, CachePolicy> policies = new LinkedHashMap<>();
        names(config, "models", defaults, policies);
        names(config, "routes", defaults, policies);
        return new CacheSettings(maxBytes, entries, policies, defaults);
    }

    private static void names(SluiceConfig config, String section, CachePolicy defaults,
                              Map<String, CachePolicy> out) {
        JsonNode list = config.section(section);
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            JsonNode cache = entry.path("cache");
            String where = config.where(section + "[" + i + "].cache");
            CachePolicy policy = policy(cache, defaults, where);
            if (policy != null && entry.path("name").isTextual()) {
                out.put(entry.path("name").asText(), policy);
            }
        }
    }

    /**
     * Checks a route's or model's {@code cache:} as written (the admin API's routes are checked with this, the file's
     * too), whatever the top-level defaults.
     *
     * @throws ConfigException naming {@code where} and the key at fault ({@code routes[0].cache.ttl})
     */
    public static void check(JsonNode cache, String where) {
        policy(cache, CacheSettings.DEFAULTS, where);
    }

    /**
     * A name's policy from its {@code cache:} as written, over {@code settings}' defaults: null when it is absent or
     * {@code false}. For a route made at run time.
     *
     * @throws ConfigException naming {@code where} and the key at fault
     */
    public static CachePolicy policy(JsonNode cache, CacheSettings settings, String where) {
        return policy(cache == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : cache,
                settings.defaults(), where);
    }

    /** One name's policy: null when its {@code cache} is absent or {@code false}. */
    static CachePolicy policy(JsonNode cache, CachePolicy defaults, String where) {
        if (cache.isMissingNode() || cache.isNull() || cache.isBoolean() && !cache.booleanValue()) {
            return null;
        }
        if (cache.isBoolean() || cache.isTextual() && cache.asText().equals("true")) {
            return defaults;
        }
        if (cache.isTextual() && cache.asText().equals("false")) {
            return null;
        }
        if (!cache.isObject()) {
            throw new ConfigException(where, "must be true, false or a mapping {ttl, scope, semantic}, not "
                    + ConfigBinder.describe(cache));
        }
        NameSection n = ConfigBinder.bind(cache, NameSection.class, where);
        Duration ttl = n.ttl() == null ? defaults.ttl() : duration(n.ttl(), where + ".ttl");
        CachePolicy.Scope scope = n.scope() == null ? defaults.scope() : scope(n.scope(), where + ".scope");
        return new CachePolicy(ttl, scope, semantic(n.semantic(), where + ".semantic"));
    }

    private static CachePolicy.Semantic semantic(SemanticSection s, String where) {
        if (s == null) {
            return null;
        }
        if (s.threshold() == null) {
            throw new ConfigException(where + ".threshold", "is required: the least cosine similarity (e.g. 0.95)"
                    + " of a prompt that gets a stored answer");
        }
        double t = s.threshold();
        if (!(t > 0 && t <= 1)) {
            throw new ConfigException(where + ".threshold", "must be more than 0 and at most 1, not " + t);
        }
        return new CachePolicy.Semantic(t, Boolean.TRUE.equals(s.multiTurn()));
    }

    /** {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}: from 1 ms to 30 days. */
    static Duration duration(String text, String where) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(where, "must be a duration such as 30s, 10m or 1h (units ms, s, m, h, d), "
                    + "not '" + text + "'");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new ConfigException(where, "is too long: at most " + MAX_TTL.toDays() + " days");
        }
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(Math.min(n, Long.MAX_VALUE / 1000));
            case "m" -> Duration.ofMinutes(Math.min(n, 1L << 40));
            case "h" -> Duration.ofHours(Math.min(n, 1L << 40));
            default -> Duration.ofDays(Math.min(n, 1L << 40));
        };
        if (d.isZero() || d.compareTo(MAX_TTL) > 0) {
            throw new ConfigException(where, "must be from 1ms to " + MAX_TTL.toDays() + "d, not '" + text + "'");
        }
        return d;
    }

    /** {@code 1048576}, {@code 512KB}, {@code 256MB}, {@code 1GiB} (KB = KiB = 1024 bytes): from 1 KB to 1 TB. */
    static long size(String text, String where) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        long n = -1;
        if (m.matches() && m.group(1).length() <= 13) {
            n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2);
            n *= switch (unit.charAt(0)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1L;
            };
        }
        if (n < 1024 || n > 1L << 40) {
            throw new ConfigException(where, "must be a size from 1KB to 1024GB, such as 256MB, not '" + text + "'");
        }
        return n;
    }

    private static CachePolicy.Scope scope(String text, String where) {
        return switch (text) {
            case "team" -> CachePolicy.Scope.TEAM;
            case "use_case" -> CachePolicy.Scope.USE_CASE;
            case "key" -> CachePolicy.Scope.KEY;
            default -> throw new ConfigException(where, "unknown scope '" + text + "' (known: team, use_case, key)");
        };
    }
}
