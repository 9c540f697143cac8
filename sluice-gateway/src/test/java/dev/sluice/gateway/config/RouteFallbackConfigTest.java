package dev.sluice.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route's {@code context_window_fallbacks} and {@code content_policy_fallbacks}: read, and faults at file:line. */
class RouteFallbackConfigTest {

    private static final String MODELS = """
            providers: [{id: sim, type: simulator}]
            models:
              - {name: small, provider: sim}
              - {name: large, provider: sim}
              - {name: lenient, provider: sim}
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

    @Test
    void routesAndModelsAreReadAsContextWindowAndContentPolicyFallbacks() {
        SluiceConfig c = load(MODELS + """
                routes:
                  - name: chat
                    deployments: [{model: small}]
                    context_window_fallbacks: [long-chat]
                    content_policy_fallbacks: [lenient]
                  - name: long-chat
                    deployments: [{model: large}]
                """);
        RouteConfig chat = c.routes().getFirst();
        assertThat(chat.contextWindowFallbacks()).containsExactly("long-chat");
        assertThat(chat.contentPolicyFallbacks()).containsExactly("lenient");
        assertThat(c.routes().get(1).contextWindowFallbacks()).isEmpty();
    }

    @Test
    void anUnknownNameIsRefusedWithItsFileLineAndField() {
        assertThat(fault("""
                routes:
                  - name: chat
                    deployments: [{model: small}]
                    context_window_fallbacks: [huge]
                """)).startsWith("sluice.yaml:9: routes[0].context_window_fallbacks[0]")
                .contains("unknown route or model 'huge'").contains("models: small, large, lenient");
    }

    @Test
    void aRouteIsNotItsOwnContentPolicyFallback() {
        assertThat(fault("""
                routes:
                  - name: chat
                    deployments: [{model: small}]
                    content_policy_fallbacks: [lenient, chat]
                """)).startsWith("sluice.yaml:9: routes[0].content_policy_fallbacks[1]").contains("its own fallback");
    }

    @Test
    void aNameListedTwiceIsRefused() {
        assertThat(fault("""
                routes:
                  - name: chat
                    deployments: [{model: small}]
                    context_window_fallbacks: [large, large]
                """)).contains("routes[0].context_window_fallbacks[1]").contains("listed twice");
    }

    @Test
    void aMisspelledKeyIsRefusedNotIgnored() {
        assertThat(fault("""
                routes:
                  - name: chat
                    deployments: [{model: small}]
                    context_fallbacks: [large]
                """)).contains("context_fallbacks");
    }
}
