package dev.sluice.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.routing.Candidates;
import dev.sluice.gateway.routing.RouteStrategy;
import dev.sluice.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code routes:} section and the models' {@code breaker:} keys: read, checked, and faults at file:line: path. */
class RouteConfigTest {

    private static final String MODELS = """
            providers: [{id: sim, type: simulator}]
            models:
              - {name: a, provider: sim}
              - {name: b, provider: sim, breaker: {consecutive_failures: 3, open_ms: 2000}}
              - {name: c, provider: sim}
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

    private String fault(String routes) {
        try {
            load(MODELS + routes);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    /** A strategy of one's own, named in a route by its class name. */
    public static final class FirstAvailable implements RouteStrategy {
        @Override public String name() { return "first-available"; }

        @Override
        public int pick(Candidates c) {
            for (int i = 0; i < c.size(); i++) {
                if (c.available(i)) {
                    return i;
                }
            }
            return -1;
        }
    }

    @Test
    void aRouteIsReadWithItsDeploymentsWeightsStrategyRetriesAndFallbacks() {
        SluiceConfig c = load(MODELS + """
                routes:
                  - name: chat
                    strategy: least-busy
                    deployments: [{model: a, weight: 3}, {model: b}]
                    fallbacks: [backup]
                    retries: {max: 4, base_ms: 50, max_backoff_ms: 800}
                    timeout_ms: 9000
                  - name: backup
                    strategy: dev.sluice.gateway.config.RouteConfigTest$FirstAvailable
                    deployments: [{model: c, weight: 0}]
                """);
        RouteConfig chat = c.routes().getFirst();
        assertThat(chat.name()).isEqualTo("chat");
        assertThat(chat.strategy().name()).isEqualTo("least-busy");
        assertThat(chat.members()).containsExactly(new RouteConfig.Member("a", 3), new RouteConfig.Member("b", 1));
        assertThat(chat.fallbacks()).containsExactly("backup");
        assertThat(chat.retry().maxRetries()).isEqualTo(4);
        assertThat(chat.retry().base()).isEqualTo(Duration.ofMillis(50));
        assertThat(chat.retry().maxBackoff()).isEqualTo(Duration.ofMillis(800));
        assertThat(chat.retry().deadline()).isEqualTo(Duration.ofSeconds(9));
        assertThat(c.routes().get(1).strategy()).isInstanceOf(FirstAvailable.class);
        assertThat(c.routes().get(1).members().getFirst().weight()).isZero();
        ModelConfig b = c.models().get(1);
        assertThat(b.breaker().enabled()).isTrue();
        assertThat(b.breaker().settings().consecutiveFailures()).isEqualTo(3);
        assertThat(b.breaker().settings().openFor()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.models().getFirst().breaker()).isNull();
    }

    @Test
    void anUnknownDeploymentIsRefusedWithItsFileLineAndField() {
        assertThat(fault("""
                routes:
                  - name: chat
                    deployments:
                      - {model: a}
                      - {model: gpt-5}
                """)).startsWith("sluice.yaml:10: routes[0].deployments[1].model")
                .contains("unknown deployment 'gpt-5'").contains("known models: a, b, c");
    }

    @Test
    void aNegativeWeightIsRefused() {
        assertThat(fault("""
                routes:
                  - name: chat
                    deployments:
                      - {model: a, weight: -1}
                """)).startsWith("sluice.yaml:9: routes[0].deployments[0].weight").contains("not -1");
    }

    @Test
    void anUnknownStrategyIsRefusedNamingTheKnownOnes() {
        assertThat(fault("""
                routes:
                  - name: chat
                    strategy: fastest
                    deployments: [{model: a}]
                """)).startsWith("sluice.yaml:8: routes[0].strategy").contains("unknown strategy 'fastest'")
                .contains("least-busy, lowest-cost, lowest-latency, usage-based, weighted");
    }

    @Test
    void aCycleOfFallbacksIsRefused() {
        assertThat(fault("""
                routes:
                  - name: one
                    deployments: [{model: a}]
                    fallbacks: [two]
                  - name: two
                    deployments: [{model: b}]
                    fallbacks: [one]
                """)).startsWith("sluice.yaml:9: routes[0].fallbacks").contains("one -> two -> one");
        assertThat(fault("""
                routes:
                  - name: one
                    deployments: [{model: a}]
                    fallbacks: [one]
                """)).contains("routes[0].fallbacks").contains("one -> one");
    }

    @Test
    void aFallbackToAnUnknownRouteANameTakenAndAnUnknownKeyAreRefused() {
        assertThat(fault("""
                routes:
                  - name: one
                    deployments: [{model: a}]
                    fallbacks: [nowhere]
                """)).contains("routes[0].fallbacks[0]").contains("unknown route 'nowhere'");
        assertThat(fault("""
                routes:
                  - name: a
                    deployments: [{model: b}]
                """)).contains("routes[0].name").contains("already a model's name");
        assertThat(fault("""
                routes:
                  - name: one
                    deployments: [{model: a, wieght: 2}]
                """)).contains("routes[0].deployments[0].wieght").contains("unknown key");
        assertThat(fault("""
                routes:
                  - name: one
                    deployments: []
                """)).contains("routes[0].deployments").contains("is required");
    }

    @Test
    void aBadBreakerIsRefusedAtItsKey() {
        try {
            load("""
                    providers: [{id: sim, type: simulator}]
                    models:
                      - name: a
                        provider: sim
                        breaker: {failure_rate: 1.5}
                    """);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).startsWith("sluice.yaml:5: models[0].breaker.failure_rate");
            return;
        }
        throw new AssertionError("expected a ConfigException");
    }
}
