package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ConfigException;
import dev.sluice.spi.ProviderFactory;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.testkit.TestProviderContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

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
        assertThat(s.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(s.toString()).doesNotContain("sk-1");
    }

    @Test
    void aTrailingSlashOnTheBaseUrlIsDropped() {
        assertThat(OpenAiSettings.from(spec(Json.object().put("api_key", "k").put("base_url", "http://h:1/v1/")))
                .baseUrl()).isEqualTo("http://h:1/v1");
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
    void detectFindsOpenAiFromTheEnvironmentKeyAndBaseUrl() {
        var context = new TestProviderContext(Map.of("OPENAI_API_KEY", "sk-env",
                "OPENAI_BASE_URL", "http://localhost:9/v1"), Path.of("."));
        var detected = new OpenAiProviderFactory().detect(context).orElseThrow();
        assertThat(detected.spec().id()).isEqualTo("openai");
        assertThat(detected.spec().type()).isEqualTo("openai");
        assertThat(detected.spec().text("api_key", null)).isEqualTo("sk-env");
        assertThat(detected.spec().text("base_url", null)).isEqualTo("http://localhost:9/v1");
        assertThat(detected.upstreamModels()).containsExactly("gpt-4o-mini", "gpt-4o", "text-embedding-3-small");
        assertThat(OpenAiSettings.from(detected.spec()).baseUrl()).isEqualTo("http://localhost:9/v1");
    }

    @Test
    void detectFindsNothingWithoutAKey() {
        assertThat(new OpenAiProviderFactory().detect(new TestProviderContext())).isEmpty();
    }
}
