package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Settings, validation and detection of {@code type: bedrock} providers. */
class BedrockProviderFactoryTest {

    static ProviderSpec spec(String json) throws Exception {
        return new ProviderSpec("br", "bedrock", Json.parse(json), "sluice.yaml: providers[1]");
    }

    static TestProviderContext env(Map<String, String> env) {
        return new TestProviderContext(env, Path.of("."));
    }

    @Test
    void theFactoryIsFoundByServiceLoaderUnderTypeBedrock() {
        assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(p -> p.get().type()))
                .contains("bedrock");
    }

    @Test
    void theBaseUrlDefaultsToTheRegionalRuntimeEndpoint() throws Exception {
        BedrockSettings s = BedrockSettings.from(spec("{\"region\":\"eu-west-3\",\"api_key\":\"k\"}"), Map.of());
        assertThat(s.endpoint()).isEqualTo(new Endpoint(true, "bedrock-runtime.eu-west-3.amazonaws.com", 443, "",
                HttpVersion.HTTP_1_1));
        assertThat(s.apiKey()).isEqualTo("k");
        assertThat(s.toString()).doesNotContain("k]").contains("api_key");
    }

    @Test
    void theRegionComesFromTheEnvironmentWhenNotSet() throws Exception {
        assertThat(BedrockSettings.from(spec("{}"), Map.of("AWS_REGION", "us-west-2")).region())
                .isEqualTo("us-west-2");
        assertThat(BedrockSettings.from(spec("{}"), Map.of("AWS_DEFAULT_REGION", "ap-south-1")).region())
                .isEqualTo("ap-south-1");
    }

    @Test
    void aMissingRegionFailsNamingTheKey() {
        assertThatThrownBy(() -> BedrockSettings.from(spec("{}"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].region"));
    }

    @Test
    void aBaseUrlIsParsedOnceIntoTheEndpointWithItsPath() throws Exception {
        BedrockSettings s = BedrockSettings.from(spec(
                "{\"region\":\"us-east-1\",\"base_url\":\"http://127.0.0.1:8089/aws/bedrock/\"}"), Map.of());
        assertThat(s.endpoint()).isEqualTo(new Endpoint(false, "127.0.0.1", 8089, "/aws/bedrock",
                HttpVersion.HTTP_1_1));
    }

    @Test
    void theHttpVersionIsOneOfThreeSpellingsAndDefaultsToHttp11() throws Exception {
        assertThat(version("")).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(version(",\"http_version\":\"1.1\"")).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(version(",\"http_version\":1.1")).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(version(",\"http_version\":\"2\"")).isEqualTo(HttpVersion.HTTP_2);
        assertThat(version(",\"http_version\":2")).isEqualTo(HttpVersion.HTTP_2);
        assertThat(BedrockSettings.from(spec("{\"region\":\"us-east-1\",\"base_url\":\"http://sidecar:8080\","
                + "\"http_version\":\"h2c-upgrade\"}"), Map.of()).endpoint().version())
                .isEqualTo(HttpVersion.H2C_UPGRADE);
    }

    @Test
    void anUnknownHttpVersionOrAnH2cUpgradeOverHttpsFailsNamingTheKey() {
        assertThatThrownBy(() -> version(",\"http_version\":\"3\""))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].http_version");
                    assertThat(e.problem()).contains("\"1.1\"", "\"2\"", "\"h2c-upgrade\"");
                });
        assertThatThrownBy(() -> version(",\"http_version\":\"h2c-upgrade\""))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.where()).isEqualTo("sluice.yaml: providers[1].http_version"));
    }

    static HttpVersion version(String extraJson) throws Exception {
        return BedrockSettings.from(spec("{\"region\":\"us-east-1\"" + extraJson + "}"), Map.of()).endpoint().version();
    }

    @Test
    void badBaseUrlsAndHalfAKeyPairFailNamingTheKey() {
        assertThatThrownBy(() -> BedrockSettings.from(spec("{\"region\":\"us-east-1\",\"base_url\":\"ftp://x\"}"),
                Map.of())).isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.where()).endsWith(".base_url");
                    assertThat(e.problem()).isEqualTo("'ftp://x' is not an http(s) URL");
                });
        assertThatThrownBy(() -> BedrockSettings.from(spec(
                "{\"region\":\"us-east-1\",\"base_url\":\"https://x.example.com/p?q=1\"}"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.where()).endsWith(".base_url"));
        assertThatThrownBy(() -> BedrockSettings.from(spec("{\"region\":\"us-east-1\",\"access_key_id\":\"A\"}"),
                Map.of())).isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.where()).endsWith(".secret_access_key"));
        assertThatThrownBy(() -> BedrockSettings.from(spec("{\"region\":\"Not A Region\"}"), Map.of()))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void theBearerTokenVariableIsUsedWhenNoKeysAreConfigured() throws Exception {
        var env = Map.of("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-xyz");
        assertThat(BedrockSettings.from(spec("{\"region\":\"us-east-1\"}"), env).apiKey())
                .isEqualTo("bedrock-api-key-xyz");
        BedrockSettings withKeys = BedrockSettings.from(spec(
                "{\"region\":\"us-east-1\",\"access_key_id\":\"A\",\"secret_access_key\":\"S\"}"), env);
        assertThat(withKeys.apiKey()).isNull();
        assertThat(withKeys.accessKeyId()).isEqualTo("A");
    }

    @Test
    void detectionNeedsCredentialsAndARegion() {
        var factory = new BedrockProviderFactory();
        assertThat(factory.detect(env(Map.of("AWS_BEARER_TOKEN_BEDROCK", "k")))).isEmpty();
        assertThat(factory.detect(env(Map.of("AWS_REGION", "us-east-1")))).isEmpty();
        assertThat(factory.detect(env(Map.of("AWS_ACCESS_KEY_ID", "A", "AWS_REGION", "us-east-1")))).isEmpty();
        var found = factory.detect(env(Map.of("AWS_ACCESS_KEY_ID", "A", "AWS_SECRET_ACCESS_KEY", "S",
                "AWS_DEFAULT_REGION", "eu-central-1")));
        assertThat(found).isPresent();
        assertThat(found.get().spec().id()).isEqualTo("bedrock");
        assertThat(found.get().spec().settings().path("region").asText()).isEqualTo("eu-central-1");
        assertThat(found.get().spec().settings().toString()).doesNotContain("\"S\"");
        assertThat(found.get().upstreamModels()).containsExactly("anthropic.claude-3-5-haiku-20241022-v1:0",
                "amazon.nova-lite-v1:0");
        var bearer = factory.detect(env(Map.of("AWS_BEARER_TOKEN_BEDROCK", "k", "AWS_REGION", "us-east-1")));
        assertThat(bearer).isPresent();
    }

    @Test
    void aDetectedEntryCreatesAWorkingProvider() {
        var ctx = env(Map.of("AWS_BEARER_TOKEN_BEDROCK", "k", "AWS_REGION", "us-east-1"));
        var factory = new BedrockProviderFactory();
        var provider = factory.create(factory.detect(ctx).orElseThrow().spec(), ctx);
        assertThat(provider).isInstanceOf(BedrockProvider.class);
        assertThat(((BedrockProvider) provider).settings().apiKey()).isEqualTo("k");
        provider.close();
    }
}
