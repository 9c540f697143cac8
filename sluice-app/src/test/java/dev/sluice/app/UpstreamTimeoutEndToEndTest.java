package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.testkit.FakeUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that accepts the request and then says nothing is cut at the deployment's timeouts, through the real
 * transport: upstream reads carry no socket timeout, so it is the gateway's timers that abort the exchange, even
 * before the response headers arrive.
 */
class UpstreamTimeoutEndToEndTest {

    @TempDir
    Path dir;
    final FakeUpstream upstream = new FakeUpstream();
    RunningSluice sluice;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sluice = new RunningSluice("""
                storage: none
                providers: [{id: slow, type: openai, base_url: "%s/v1", api_key: sk-upstream}]
                models:
                  - name: slow-model
                    provider: slow
                    upstream_model: gpt-4o-mini
                    timeouts: {connect_ms: 1000, first_token_ms: 300, total_ms: 800}
                """.formatted(upstream.baseUri().toString().replaceAll("/$", "")), dir);
    }

    @AfterEach
    void stop() {
        sluice.close();
        upstream.close();
    }

    private HttpResponse<String> chat(boolean stream) throws Exception {
        String body = """
                {"model": "slow-model", "stream": %s, "messages": [{"role": "user", "content": "hi"}]}
                """.formatted(stream);
        return http.send(HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the caller saw of one call to a silent upstream, and how long it took. */
    private record Outcome(HttpResponse<String> response, long millis) { }

    private Outcome callASilentUpstream(boolean stream) throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(200).headersDelay(20, TimeUnit.SECONDS).body("{}").build());
        long t0 = System.nanoTime();
        HttpResponse<String> r = chat(stream);
        return new Outcome(r, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    @Test
    void aCallWhoseAnswerNeverStartsIsCutAtTheTotalTimeout() throws Exception {
        Outcome o = callASilentUpstream(false);

        assertThat(o.response().statusCode()).isEqualTo(504);
        JsonNode error = Json.parse(o.response().body()).path("error");
        assertThat(error.path("message").asText()).contains("total timeout");
        assertThat(o.millis()).as("cut by the 800 ms timer, not by the upstream's 20 s").isBetween(700L, 10_000L);
    }

    @Test
    void aStreamWhoseHeadersNeverComeIsCutAtTheFirstTokenTimeout() throws Exception {
        Outcome o = callASilentUpstream(true);

        assertThat(o.response().statusCode()).isEqualTo(504);
        assertThat(o.response().body()).contains("first-token timeout");
        assertThat(o.millis()).as("cut by the 300 ms timer, not by the upstream's 20 s").isBetween(250L, 10_000L);
    }
}
