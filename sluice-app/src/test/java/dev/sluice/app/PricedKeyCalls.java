package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The budget tests' call (a small chat to the model {@code priced}, at most 10 output tokens) and what the ledger says
 * a key spent: shared by the one-node and the cluster budget tests.
 */
final class PricedKeyCalls {

    /** $1,000 per million tokens either way: a call costs about 2 cents, its worst case about 3. */
    static final String MODELS = """
            providers: [{id: sim, type: simulator}]
            models:
              - name: priced
                provider: sim
                options: {reply: lorem, output_tokens: 10, ttft_ms: 20, tokens_per_second: 2000}
                prices: {input: 1000, output: 1000}
            """;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PricedKeyCalls() { }

    static HttpResponse<String> chat(RunningSluice s, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"priced\",\"max_tokens\":10,\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The key's total cost in the ledger, once its {@code calls} rows (answered and refused) are all there. */
    static BigDecimal spent(RunningSluice s, String keyId, long calls) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl()
                    + "/admin/usage?group_by=key")).header("authorization", "Bearer " + RunningSluice.KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode g : Json.parse(r.body()).path("data")) {
                if (keyId.equals(g.path("key").asText()) && g.path("requests").asLong() >= calls) {
                    return new BigDecimal(g.path("cost_usd").asText("0"));
                }
            }
            assertThat(System.nanoTime()).as("the ledger has the key's calls: " + r.body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
