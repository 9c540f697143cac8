package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.config.ConfigLoader;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.engine.DefaultProviderContext;
import dev.sluice.gateway.engine.ProviderRegistry;
import dev.sluice.store.StorageConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every config in {@code examples/} loads and builds its providers; the sample suite runs and passes its gate. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Map<String, String> ENV = Map.of("SLUICE_MASTER_KEY", "sk-example-master-key",
            "OPENAI_API_KEY", "sk-example", "ANTHROPIC_API_KEY", "sk-ant-example",
            "AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-example", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLEEXAMPLE12",
            "AWS_SECRET_ACCESS_KEY", "example/secret/key/that/is/forty/chars0", "AWS_REGION", "eu-central-1");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"openai.yaml", "anthropic.yaml", "bedrock-api-key.yaml", "bedrock-sigv4.yaml",
        "local-vllm-ollama.yaml", "mixed.yaml", "evals/sluice.yaml"})
    void eachExampleConfigLoadsAndBuildsItsProviders(String file) {
        Path path = EXAMPLES.resolve(file);
        SluiceConfig config = new ConfigLoader(ENV).load(path);
        assertThat(config.models()).isNotEmpty();
        try (ProviderRegistry providers = ProviderRegistry.build(config, new DefaultProviderContext(ENV,
                path.getParent()))) {
            assertThat(providers.models().names()).hasSameSizeAs(config.models());
        }
        if (!Persistence.disabled(config)) {
            assertThat(StorageConfig.from(config.section("storage"), null, tmp)).isNotNull();
        }
        AccessLog.Settings.from(config.section("log"));
    }

    @Test
    void everyExampleIsListedInItsReadme() throws Exception {
        String readme = Files.readString(EXAMPLES.resolve("README.md"));
        try (var files = Files.list(EXAMPLES)) {
            files.filter(f -> f.toString().endsWith(".yaml"))
                    .forEach(f -> assertThat(readme).contains(f.getFileName().toString()));
        }
    }

    @Test
    void theSampleSuiteRunsAgainstItsSimulatorAndPassesItsGate() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("eval", "run", EXAMPLES.resolve("evals/suite.yaml").toString(), "--config",
                    EXAMPLES.resolve("evals/sluice.yaml").toString(), "--store", tmp.resolve("store").toString(),
                    "--no-cache");
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("Gate: PASSED").contains("exact_match");
    }
}
