package dev.sluice.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.routing.SessionAffinity;
import dev.sluice.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route's {@code session_affinity} and the {@code usage-based} strategy's need for the deployments' own limits. */
class RouteAffinityAndUsageConfigTest {

    private static final String MODELS = """
            providers: [{id: sim, type: simulator}]
            models:
              - {name: a, provider: sim, limits: {rpm: 600, tpm: 100000}}
              - {name: b, provider: sim, limits: {tpm: 50000}}
              - {name: c, provider: sim, context_window: 8000}
            """;

    @TempDir
    Path dir;

    private SluiceConfig load(String routes) {
        Path f = dir.resolve("sluice.yaml");
        try {
            Files.writeString(f, MODELS + routes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new ConfigLoader(Map.of()).load(f);
    }

    private String fault(String routes) {
        try {
            load(routes);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void sessionAffinityIsReadWithItsDefaults() {
        SluiceConfig config = load("""
                routes:
                  - {name: pinned, deployments: [{model: a}, {model: b}], session_affinity: {ttl_ms: 600000}}
                  - {name: defaults, deployments: [{model: a}], session_affinity: {}}
                  - {name: plain, deployments: [{model: a}]}
                """);
        assertThat(config.routes().get(0).affinity()).isEqualTo(new SessionAffinity(Duration.ofMinutes(10),
                SessionAffinity.DEFAULT.maxSessions()));
        assertThat(config.routes().get(1).affinity()).isEqualTo(SessionAffinity.DEFAULT);
        assertThat(config.routes().get(2).affinity()).isNull();
    }

    @Test
    void aSessionAffinityOutOfRangeOrWithAnUnknownKeyIsRefusedWithItsPlace() {
        assertThat(fault("""
                routes:
                  - name: r
                    deployments: [{model: a}]
                    session_affinity: {ttl_ms: 10}
                """)).startsWith("sluice.yaml:9: routes[0].session_affinity.ttl_ms");
        assertThat(fault("""
                routes:
                  - name: r
                    deployments: [{model: a}]
                    session_affinity: {ttl: 30m}
                """)).startsWith("sluice.yaml:9: routes[0].session_affinity").contains("ttl");
    }

    @Test
    void usageBasedNeedsEveryDeploymentsOwnRpmOrTpm() {
        load("""
                routes:
                  - {name: r, strategy: usage-based, deployments: [{model: a}, {model: b}]}
                """);
        assertThat(fault("""
                routes:
                  - name: r
                    strategy: usage-based
                    deployments:
                      - {model: a}
                      - {model: c}
                """)).startsWith("sluice.yaml:11: routes[0].deployments[1].model")
                .contains("usage-based needs each deployment's own limits").contains("'c'");
    }

    @Test
    void aModelsContextWindowIsReadAndMustBePositive() {
        SluiceConfig config = load("");
        assertThat(config.models().get(2).contextWindow()).isEqualTo(8000);
        assertThat(config.models().get(0).contextWindow()).as("not configured").isZero();
        Path f = dir.resolve("bad.yaml");
        try {
            Files.writeString(f, MODELS.replace("context_window: 8000", "context_window: 0"));
            new ConfigLoader(Map.of()).load(f);
            throw new AssertionError("expected a ConfigException");
        } catch (ConfigException e) {
            assertThat(e.getMessage()).startsWith("bad.yaml:5: models[2].context_window").contains("between 1");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
