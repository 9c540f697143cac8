package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ConfigException;
import dev.sluice.spi.DetectedProvider;
import dev.sluice.spi.ProviderFactory;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.Endpoint;
import dev.sluice.spi.http.Endpoint.HttpVersion;
import dev.sluice.testkit.TestProviderContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(s.endpoint()).isEqualTo(new Endpoint(true, "api.anthropic.com", 443, "", HttpVersion.HTTP_1_1));
        assertThat(s.version()).isEqualTo("2023-06-01");
        assertThat(s.beta()).isNull();
        assertThat(s.apiKey()).isEqualTo("sk-ant-secret");
        assertThat(s.toString()).doesNotContain("sk-ant-secret");
    }

    @Test
    void theBaseUrlIsParsedOnceAndLosesItsTrailingSlashes() {
        assertThat(AnthropicSettings.from(spec(Json.object().put("base_url", "http://localhost:8080/proxy//")))
                .endpoint()).isEqualTo(new Endpoint(false, "localhost", 8080, "/proxy", HttpVersion.HTTP_1_1));
    }

    @Test
    void theKeyLosesTheNewlineAFileLeavesButAControlCharacterInsideIsAConfigError() {
        assertThat(AnthropicSettings.from(spec(Json.object().put("api_key", "sk-ant-secret\n"))).apiKey())
                .isEqualTo("sk-ant-secret");
        assertThatThrownBy(() -> AnthropicSettings.from(spec(Json.object().put("api_key", "sk-ant\r\nx-evil: 1"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].api_key");
                    assertThat(e.getMessage()).doesNotContain("sk-ant");
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"'\"1.1\"', HTTP_1_1", "1.1, HTTP_1_1", "'\"2\"', HTTP_2", "2, HTTP_2",
        "'\"h2c-upgrade\"', H2C_UPGRADE"})
    void httpVersionIsReadWhetherTheYamlGaveTextOrANumber(String yamlValue, HttpVersion expected) throws IOException {
        ObjectNode settings = Json.object().put("base_url", "http://127.0.0.1:8000");
        settings.set("http_version", Json.parse(yamlValue)); // as the YAML loader gives it: "2" is text, 2 a number
        assertThat(AnthropicSettings.from(spec(settings)).endpoint().version()).isEqualTo(expected);
    }

    @Test
    void httpVersionDefaultsToHttp11() {
        assertThat(AnthropicSettings.from(spec(Json.object())).endpoint().version()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void anUnknownHttpVersionIsAConfigErrorNamingTheKeyAndTheChoices() {
        assertThatThrownBy(() -> AnthropicSettings.from(spec(Json.object().put("http_version", "3"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].http_version");
                    assertThat(e.problem()).contains("\"1.1\"", "\"2\"", "\"h2c-upgrade\"", "'3'");
                });
    }

    @Test
    void anH2cUpgradeOverHttpsIsAConfigErrorNamingHttpVersion() {
        assertThatThrownBy(() -> AnthropicSettings.from(spec(Json.object().put("http_version", "h2c-upgrade"))))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].http_version"));
    }

    @Test
    void aBadBaseUrlIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> AnthropicSettings.from(spec(Json.object().put("base_url", "ftp://x"))))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].base_url"));
        assertThatThrownBy(() -> AnthropicSettings.from(spec(Json.object().put("base_url", "http://x/?a=1"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problem())
                        .isEqualTo("must not have a query or fragment, got 'http://x/?a=1'"));
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
