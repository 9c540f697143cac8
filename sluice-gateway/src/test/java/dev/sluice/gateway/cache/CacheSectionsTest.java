package dev.sluice.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.gateway.config.ConfigLoader;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cache:} sections: read with their defaults, and every fault at file:line: key path. */
class CacheSectionsTest {

    private static final String MODELS = """
            providers: [{id: sim, type: simulator}]
            models:
              - {name: a, provider: sim, cache: {ttl: 90s}}
              - {name: b, provider: sim, cache: true}
              - {name: c, provider: sim}
              - name: d
                provider: sim
                cache: {ttl: 1h, scope: use_case, semantic: {threshold: 0.93}}
            routes:
              - {name: r, deployments: [{model: a}, {model: c}], cache: {ttl: 5m, scope: key}}
            """;

    @TempDir
    Path dir;

    private SluiceConfig load(String yaml) {
        Path f = dir.resolve("sluice.yaml");
        try {
            Files.writeString(f, yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new ConfigLoader(Map.of()).load(f);
    }

    private String fault(String yaml) {
        try {
            CacheSections.from(load(yaml));
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void eachNamesPolicyIsReadOverTheSectionsDefaults() {
        CacheSettings s = CacheSections.from(load("cache: {max_size: 64MB, ttl: 2m, semantic_entries: 500}\n"
                + MODELS));
        assertThat(s.maxBytes()).isEqualTo(64L << 20);
        assertThat(s.semanticEntries()).isEqualTo(500);
        assertThat(s.policies()).containsOnlyKeys("a", "b", "d", "r");
        assertThat(s.policies().get("a")).isEqualTo(new CachePolicy(Duration.ofSeconds(90), CachePolicy.Scope.TEAM,
                null));
        assertThat(s.policies().get("b").ttl()).as("the section's ttl").isEqualTo(Duration.ofMinutes(2));
        assertThat(s.policies().get("d")).isEqualTo(new CachePolicy(Duration.ofHours(1), CachePolicy.Scope.USE_CASE,
                new CachePolicy.Semantic(0.93, false)));
        assertThat(s.policies().get("r").scope()).isEqualTo(CachePolicy.Scope.KEY);
        assertThat(CacheSections.from(load(MODELS)).maxBytes()).isEqualTo(CacheSettings.DEFAULT_MAX_BYTES);
    }

    @Test
    void aRouteMadeAtRunTimeGetsItsPolicyOverTheSectionsDefaults() throws Exception {
        CacheSettings s = CacheSections.from(load("cache: {ttl: 2m, scope: use_case}\n" + MODELS));
        assertThat(CacheSections.policy(dev.sluice.api.json.Json.parse("true"), s, "cache"))
                .isEqualTo(new CachePolicy(Duration.ofMinutes(2), CachePolicy.Scope.USE_CASE, null));
        assertThat(CacheSections.policy(dev.sluice.api.json.Json.parse("{\"ttl\":\"5s\",\"semantic\":"
                + "{\"threshold\":0.9}}"), s, "cache")).isEqualTo(new CachePolicy(Duration.ofSeconds(5),
                CachePolicy.Scope.USE_CASE, new CachePolicy.Semantic(0.9, false)));
        assertThat(CacheSections.policy(null, s, "cache")).isNull();
        assertThat(CacheSections.policy(dev.sluice.api.json.Json.parse("false"), s, "cache")).isNull();
        assertThatThrownBy(() -> CacheSections.check(dev.sluice.api.json.Json.parse("{\"ttl\":\"1y\"}"),
                "routes[0].cache")).isInstanceOf(ConfigException.class).hasMessageContaining("routes[0].cache.ttl");
    }

    @Test
    void noCacheKeysMeansNoCache() {
        assertThat(CacheSections.from(load("providers: [{id: sim, type: simulator}]\nmodels: [{name: a, provider: "
                + "sim}]\n")).off()).isTrue();
    }

    @Test
    void faultsNameTheFileTheLineAndTheKey() {
        assertThat(fault(MODELS.replace("ttl: 90s", "ttl: 90"))).contains("sluice.yaml:3:")
                .contains("models[0].cache.ttl").contains("30s, 10m or 1h");
        assertThat(fault(MODELS.replace("ttl: 1h", "ttl: 31d"))).contains("models[3].cache.ttl")
                .contains("from 1ms to 30d");
        assertThat(fault(MODELS.replace("threshold: 0.93", "threshold: 1.5"))).contains("sluice.yaml:8:")
                .contains("models[3].cache.semantic.threshold");
        assertThat(fault(MODELS.replace("semantic: {threshold: 0.93}", "semantic: {multi_turn: true}")))
                .contains("models[3].cache.semantic.threshold").contains("is required");
        assertThat(fault(MODELS.replace("scope: key", "scope: org"))).contains("sluice.yaml:10:")
                .contains("routes[0].cache.scope")
                .contains("known: team, use_case, key");
        assertThat(fault(MODELS.replace("cache: true", "cache: [1]"))).contains("models[1].cache")
                .contains("true, false or a mapping");
        assertThat(fault(MODELS.replace("cache: {ttl: 90s}", "cache: {tll: 90s}"))).contains("models[0].cache")
                .contains("tll");
        assertThat(fault("cache: {max_size: 12 parsecs}\n" + MODELS)).contains("sluice.yaml:1:")
                .contains("cache.max_size");
        assertThat(fault("cache: {max_size: 100}\n" + MODELS)).contains("cache.max_size").contains("1KB");
    }

    @Test
    void durationsAndSizesHaveTheirUnits() {
        assertThat(CacheSections.duration("500ms", "x")).isEqualTo(Duration.ofMillis(500));
        assertThat(CacheSections.duration(" 10m ", "x")).isEqualTo(Duration.ofMinutes(10));
        assertThat(CacheSections.duration("1d", "x")).isEqualTo(Duration.ofDays(1));
        assertThat(CacheSections.size("1GiB", "x")).isEqualTo(1L << 30);
        assertThat(CacheSections.size("512kb", "x")).isEqualTo(512L << 10);
        assertThat(CacheSections.size("4096", "x")).isEqualTo(4096);
    }
}
