package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.config.ConfigLoader;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.engine.DefaultProviderContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first call, run as a user would paste it: against the embedded default, with the master key that
 * {@code sluice serve} generates and keeps, only the port changed (4000 may be taken where tests run).
 */
class ReadmeTest {

    @TempDir
    Path dir;

    @Test
    void theFirstCurlWorksAsWritten() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```sh\\n(curl [^`]*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("the README has a curl block").isTrue();
        String curl = block.group(1);
        assertThat(curl).contains("localhost:4000").contains("$SLUICE_MASTER_KEY");

        Map<String, String> env = Map.of(); // no provider credentials: the embedded default's simulator models
        DefaultProviderContext context = new DefaultProviderContext(env, dir);
        SluiceConfig config = new ConfigLoader(env).fromTree(EmbeddedDefaults.build(context).tree(),
                "<embedded default>", dir);
        config = config.withServer(config.server().withPort(0));
        Path data = dir.resolve("data");
        String key = ServeCommand.generatedKey(data.resolve("secrets").resolve("master.key"));
        try (Wiring sluice = Wiring.start(config, context, key, data)) {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", curl.replace("localhost:4000",
                    "localhost:" + sluice.port()));
            pb.environment().put("SLUICE_MASTER_KEY", key);
            Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start(); // curl's progress meter
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(answer).isZero();
            JsonNode json = Json.parse(answer);
            assertThat(json.path("object").asText()).as(answer).isEqualTo("chat.completion");
            assertThat(json.path("choices").path(0).path("message").path("content").asText()).isNotEmpty();
        }
    }
}
