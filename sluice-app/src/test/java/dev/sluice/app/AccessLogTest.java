package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log: one line per call, in text or JSON, with no content and no key. */
class AccessLogTest {

    @TempDir
    Path dir;

    private static final String PROMPT = "a secret plan for the weekend";

    /** Starts Sluice with the config's log section, makes one call, and returns that call's id and log line. */
    private String[] oneCall(String logSection) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        String id;
        try {
            try (RunningSluice sluice = new RunningSluice("storage: none\n" + logSection
                    + "providers: [{id: sim, type: simulator}]\n"
                    + "models: [{name: sim-echo, provider: sim, options: {reply: echo}}]\n", dir)) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        sluice.baseUrl() + "/v1/chat/completions")).header("authorization", "Bearer "
                        + RunningSluice.KEY).header("content-type", "application/json")
                        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"sim-echo\",\"messages\":[{\"role\":\"user\",\"content\":\""
                                        + PROMPT + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                id = r.headers().firstValue("x-request-id").orElseThrow();
            } // a stop writes every queued line before it returns
        } finally {
            System.setOut(old);
        }
        String all = out.toString(StandardCharsets.UTF_8);
        String line = all.lines().filter(l -> l.contains(id)).findFirst().orElse("");
        return new String[] {id, line, all};
    }

    @Test
    void eachCallIsOneTextLineWithoutContentOrKey() throws Exception {
        String[] r = oneCall("log: {access: true}\n");
        assertThat(r[1]).as(r[2]).matches("\\S+Z POST /v1/chat/completions sim-echo 200 \\d+ ms \\d+\\+\\d+ tokens "
                + r[0]);
        assertThat(r[2]).doesNotContain(PROMPT).doesNotContain(RunningSluice.KEY);
    }

    @Test
    void jsonLinesParse() throws Exception {
        String[] r = oneCall("log: {access: true, format: json}\n");
        JsonNode line = Json.parse(r[1]);
        assertThat(line.path("route").asText()).isEqualTo("/v1/chat/completions");
        assertThat(line.path("status").asInt()).isEqualTo(200);
        assertThat(line.path("model").asText()).isEqualTo("sim-echo");
        assertThat(line.path("request_id").asText()).isEqualTo(r[0]);
        assertThat(line.path("output_tokens").asInt()).isPositive();
    }

    @Test
    void offUnlessAsked() throws Exception {
        String[] r = oneCall("");
        assertThat(r[1]).isEmpty();
    }

    @Test
    void aBadLogSectionNamesTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccessLog.Settings.from(Json.parse(
                "{\"format\": \"xml\"}"))).hasMessageContaining("log.format");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AccessLog.Settings.from(Json.parse(
                "{\"levle\": \"info\"}"))).hasMessageContaining("log.levle");
    }
}
