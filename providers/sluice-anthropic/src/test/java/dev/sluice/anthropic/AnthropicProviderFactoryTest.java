package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ConfigException;
import dev.sluice.spi.DetectedProvider;
import dev.sluice.spi.ProviderFactory;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.testkit.TestProviderContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AnthropicProviderFactoryTest {

    private static ProviderSpec spec(ObjectNode settings) {
        return new ProviderSpec("claude", "anthropic", settings, "sluice.yaml: providers[1]");
    }

    @Test
    void theFactoryIsFoundByServiceLoaderUnderTypeAnthropic() {
        assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("anthropic"))).singleElement()
                .isInstanceOf(AnthropicProviderFactory.class);
    }

    @Test
    void settingsDefaultToTheAnthropicApiAndVersion() {
        AnthropicSettings s = AnthropicSettings.from(spec(Json.object().put("api_key", "sk-ant-secret")));
        assertThat(s.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(s.version()).isEqualTo("2023-06-01");
        assertThat(s.beta()).isNull();
        assertThat(s.apiKey()).isEqualTo("sk-ant-secret");
        assertThat(s.toString()).doesNotContain("sk-ant-secret");
    }

    @Test
    void aTrailingSlashIsDroppedFromTheBaseUrl() {
        assertThat(AnthropicSettings.from(spec(Json.object().put("base_url", "http://localhost:8080/proxy//")))
                .baseUrl()).isEqualTo("http://localhost:8080/proxy");
    }

    @Test
    void aBadBaseUrlIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> AnthropicSettings.from(spec(Json.object().put("base_url", "ftp://x"))))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].base_url"));
        assertThatThrownBy(() -> AnthropicSettings.from(spec(Json.object().put("base_url", "http://x/?a=1"))))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> AnthropicSettings.from(spec(Json.object().put("anthropic_beta", "a\nb"))))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.where()).endsWith(".anthropic_beta"));
    }

    @Test
    void aKeyInTheEnvironmentIsDetectedWithClaudeModels() {
        var context = new TestProviderContext(Map.of("ANTHROPIC_API_KEY", "sk-ant-env"), Path.of("."));
        DetectedProvider detected = new AnthropicProviderFactory().detect(context).orElseThrow();
        assertThat(detected.spec().id()).isEqualTo("anthropic");
        assertThat(detected.spec().type()).isEqualTo("anthropic");
        assertThat(detected.spec().text("api_key", null)).isEqualTo("sk-ant-env");
        assertThat(detected.upstreamModels()).containsExactly("claude-sonnet-4-5", "claude-haiku-4-5");
        assertThat(new AnthropicProviderFactory().create(detected.spec(), context))
                .isInstanceOf(AnthropicProvider.class);
    }

    @Test
    void nothingIsDetectedWithoutAKey() {
        assertThat(new AnthropicProviderFactory().detect(new TestProviderContext())).isEmpty();
        assertThat(new AnthropicProviderFactory().detect(
                new TestProviderContext(Map.of("ANTHROPIC_API_KEY", " "), Path.of(".")))).isEmpty();
    }
}
