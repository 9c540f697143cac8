package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ConfigException;
import dev.sluice.spi.ProviderFactory;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.Endpoint;
import dev.sluice.spi.http.Endpoint.HttpVersion;
import dev.sluice.testkit.TestProviderContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiProviderFactoryTest {

    private static ProviderSpec spec(ObjectNode settings) {
        return new ProviderSpec("oai", "openai", settings, "sluice.yaml: providers[1]");
    }

    @Test
    void theFactoryIsFoundByServiceLoaderUnderTypeOpenai() {
        assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.type().equals("openai")).findFirst()).containsInstanceOf(OpenAiProviderFactory.class);
    }

    @Test
    void defaultsToTheOpenAiProfileAndBaseUrl() {
        OpenAiSettings s = OpenAiSettings.from(spec(Json.object().put("api_key", "sk-1")));
        assertThat(s.profile()).isEqualTo(CompatProfile.OPENAI);
        assertThat(s.endpoint().toString()).isEqualTo("https://api.openai.com/v1");
        assertThat(s.toString()).doesNotContain("sk-1");
    }

    @Test
    void aTrailingSlashOnTheBaseUrlIsDropped() {
        assertThat(OpenAiSettings.from(spec(Json.object().put("api_key", "k").put("base_url", "http://h:1/v1/")))
                .endpoint().toString()).isEqualTo("http://h:1/v1");
    }

    @Test
    void aBaseUrlThatIsNotAUrlIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> OpenAiSettings.from(spec(Json.object().put("api_key", "k")
                .put("base_url", "not a url"))))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].base_url"));
        assertThatThrownBy(() -> OpenAiSettings.from(spec(Json.object().put("api_key", "k")
                .put("base_url", "ftp://example.com"))))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.where()).endsWith(".base_url"));
    }

    @Test
    void theBaseUrlIsParsedOnceIntoAnEndpoint() {
        Endpoint e = OpenAiSettings.from(spec(Json.object().put("api_key", "k")
                .put("base_url", "https://gw.example.com:8443/openai/v1/"))).endpoint();
        assertThat(e).isEqualTo(new Endpoint(true, "gw.example.com", 8443, "/openai/v1", HttpVersion.HTTP_1_1));
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
        "1.1,         https://api.example.com/v1, HTTP_1_1",
        "2,           https://api.example.com/v1, HTTP_2",
        "2,           http://127.0.0.1:8000/v1,   HTTP_2",
        "h2c-upgrade, http://127.0.0.1:8000/v1,   H2C_UPGRADE",
    })
    void httpVersionChoosesHowTheUpstreamIsSpokenTo(String value, String baseUrl, HttpVersion expected) {
        OpenAiSettings s = OpenAiSettings.from(spec(Json.object().put("api_key", "k").put("base_url", baseUrl)
                .put("http_version", value)));
        assertThat(s.endpoint().version()).isEqualTo(expected);
    }

    @Test
    void httpVersionDefaultsToHttp11AndMayBeAYamlNumber() {
        assertThat(OpenAiSettings.from(spec(Json.object().put("api_key", "k"))).endpoint().version())
                .isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(OpenAiSettings.from(spec(Json.object().put("api_key", "k").put("http_version", 2)))
                .endpoint().version()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(OpenAiSettings.from(spec(Json.object().put("api_key", "k").put("http_version", 1.1)))
                .endpoint().version()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void anUnknownHttpVersionIsAConfigErrorNamingTheKeyAndTheChoices() {
        assertThatThrownBy(() -> OpenAiSettings.from(spec(Json.object().put("api_key", "k")
                .put("http_version", "3"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].http_version");
                    assertThat(e.problem()).contains("'3'", "\"1.1\"", "\"2\"", "\"h2c-upgrade\"");
                });
    }

    @Test
    void anH2cUpgradeOverHttpsIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> OpenAiSettings.from(spec(Json.object().put("api_key", "k")
                .put("http_version", "h2c-upgrade"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].http_version");
                    assertThat(e.problem()).contains("http://", "https://api.openai.com/v1");
                });
    }

    @Test
    void anUnknownProfileIsAConfigErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> OpenAiSettings.from(spec(Json.object().put("api_key", "k").put("profile", "groq"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.where()).endsWith(".profile");
                    assertThat(e.problem()).contains("groq", "openai", "azure", "vllm", "ollama", "generic");
                });
    }

    @Test
    void openAiAndAzureRequireAnApiKey() {
        assertThatThrownBy(() -> OpenAiSettings.from(spec(Json.object())))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.where()).endsWith(".api_key"));
        assertThatThrownBy(() -> OpenAiSettings.from(spec(Json.object().put("profile", "azure")
                .put("base_url", "https://r.openai.azure.com"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.where()).endsWith(".api_key"));
    }

    @Test
    void azureRequiresABaseUrl() {
        assertThatThrownBy(() -> OpenAiSettings.from(spec(Json.object().put("profile", "azure").put("api_key", "k"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.where()).endsWith(".base_url"));
    }

    @Test
    void headersThatTheHttpClientOwnsAreRefused() {
        ObjectNode settings = Json.object().put("api_key", "k");
        settings.putObject("headers").put("Host", "evil");
        assertThatThrownBy(() -> OpenAiSettings.from(spec(settings)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.where()).endsWith(".headers.Host"));
    }

    @Test
    void configuredHeaderNamesAreKeptInOrderInLowerCaseAndMayNotRepeat() {
        ObjectNode settings = Json.object().put("api_key", "k");
        settings.putObject("headers").put("X-Team", "search").put("x-cost-center", "42");
        assertThat(OpenAiSettings.from(spec(settings)).headers())
                .containsExactly(Map.entry("x-team", "search"), Map.entry("x-cost-center", "42"));
        settings.putObject("headers").put("X-Team", "a").put("x-team", "b");
        assertThatThrownBy(() -> OpenAiSettings.from(spec(settings)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.where()).endsWith(".headers.x-team"));
    }

    @Test
    void detectFindsOpenAiFromTheEnvironmentKeyAndBaseUrl() {
        var context = new TestProviderContext(Map.of("OPENAI_API_KEY", "sk-env",
                "OPENAI_BASE_URL", "http://localhost:9/v1"), Path.of("."));
        var detected = new OpenAiProviderFactory().detect(context).orElseThrow();
        assertThat(detected.spec().id()).isEqualTo("openai");
        assertThat(detected.spec().type()).isEqualTo("openai");
        assertThat(detected.spec().text("api_key", null)).isEqualTo("sk-env");
        assertThat(detected.spec().text("base_url", null)).isEqualTo("http://localhost:9/v1");
        assertThat(detected.upstreamModels()).containsExactly("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");
        assertThat(OpenAiSettings.from(detected.spec()).endpoint().toString()).isEqualTo("http://localhost:9/v1");
    }

    @Test
    void detectFindsNothingWithoutAKey() {
        assertThat(new OpenAiProviderFactory().detect(new TestProviderContext())).isEmpty();
    }
}
