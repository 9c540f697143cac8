package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.Eventually;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.Transcript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream that the output guardrail blocks closes its upstream: a fake OpenAI upstream sends a first chunk with a
 * blocked word and then holds the rest of its stream (10 s at most, or until the test releases it). The caller's
 * stream must end within a few seconds, before the upstream would have finished, and the call's record must say the
 * upstream was closed. Real sockets on both sides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlockedStreamEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String FILLER = "the quick brown fox jumps over the lazy dog and ".repeat(6);

    private FakeUpstream fake;
    private RunningSluice sluice;

    @BeforeAll
    void start(@TempDir Path dir) {
        fake = new FakeUpstream();
        sluice = new RunningSluice("""
                providers:
                  - {id: up, type: openai, base_url: '%s/v1', api_key: sk-up}
                models:
                  - {name: guarded, provider: up, upstream_model: gpt-4o-mini, guardrail: {id: words, version: 1}}
                guardrails:
                  definitions:
                    - id: words
                      name: words
                      blocked_input_messaging: Input blocked.
                      blocked_outputs_messaging: Output blocked.
                      word_policy_config:
                        words_config: [{text: kaboom, input_action: NONE}]
                """.formatted(fake.baseUri()), dir);
    }

    @AfterAll
    void stop() {
        if (sluice != null) {
            sluice.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n";
    }

    @Test
    void aBlockedStreamEndsAtOnceAndClosesItsUpstream() throws Exception {
        String first = chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")
                + chunk("{\"content\":\"" + FILLER + "and then kaboom, it all went up " + FILLER + "\"}", "null");
        String rest = chunk("{\"content\":\" more and more text\"}", "null") + chunk("{}", "\"stop\"")
                + "data: [DONE]\n\n";
        String raw = "HTTP/1.1 200 OK\ncontent-type: text/event-stream\n\n" + first + rest;
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch written = fake.enqueueHeld(Transcript.parse(raw.getBytes(StandardCharsets.UTF_8)),
                first.getBytes(StandardCharsets.UTF_8).length, release);
        try {
            HttpResponse<String> r = HTTP.sendAsync(HttpRequest.newBuilder(
                            URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"guarded\",\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story.\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString()).get(5, TimeUnit.SECONDS); // the upstream holds for 10 s
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("Output blocked.").contains("content_filter").doesNotContain("kaboom")
                    .doesNotContain("more and more");
            String id = r.headers().firstValue("x-request-id").orElseThrow();
            JsonNode[] row = {null};
            Eventually.await(Duration.ofSeconds(20), "the ledger row of " + id, () -> {
                row[0] = adminGet("/admin/requests/" + id);
                return row[0] != null;
            });
            assertThat(row[0].path("guardrail_action").asText()).isEqualTo("blocked");
            assertThat(row[0].path("guardrail_findings").toString()).contains("\"policy\":\"stream\"")
                    .contains("\"type\":\"UPSTREAM_CLOSED\"");
        } finally {
            release.countDown();
            written.await(10, TimeUnit.SECONDS);
        }
    }

    private JsonNode adminGet(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + path))
                    .header("authorization", "Bearer " + RunningSluice.KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Json.parse(r.body()) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
