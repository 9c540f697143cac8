package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A virtual key's rate limits on one node: requests per minute, tokens per minute and calls at once, each refused
 * with 429 in the caller's own API shape with {@code retry-after}, and the {@code x-ratelimit-*} headers on answers.
 */
class RateLimitEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void requestsPerMinuteAreHeldInEveryApiShape() throws Exception {
        try (RunningSluice s = new RunningSluice("providers: [{id: sim, type: simulator}]\n"
                + "models: [{name: m1, provider: sim, options: {reply: echo}}]\n", dir)) {
            String key = key(s, "{\"name\":\"tight\",\"limits\":{\"rpm\":3,\"tpm\":100000}}");
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                answers.add(openAi(s, key, "m1", false));
            }
            assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
            assertThat(answers.get(0).headers().firstValue("x-ratelimit-limit-requests")).hasValue("3");
            assertThat(answers.get(0).headers().firstValue("x-ratelimit-remaining-requests")).hasValue("2");
            assertThat(answers.get(2).headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
            assertThat(answers.get(0).headers().firstValue("x-ratelimit-limit-tokens")).hasValue("100000");

            HttpResponse<String> refused = openAi(s, key, "m1", false);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(Json.parse(refused.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
            assertThat(refused.body()).contains("requests per minute");
            long retry = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
            assertThat(retry).isBetween(1L, 60L);
            assertThat(refused.headers().firstValue("x-ratelimit-remaining-requests")).isEmpty();

            HttpResponse<String> anthropic = send(s, "/v1/messages", key, "{\"model\":\"m1\",\"max_tokens\":20,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(anthropic.statusCode()).isEqualTo(429);
            assertThat(Json.parse(anthropic.body()).path("error").path("type").asText()).isEqualTo("rate_limit_error");
            HttpResponse<String> bedrock = send(s, "/model/m1/converse", key, "{\"messages\":[{\"role\":\"user\","
                    + "\"content\":[{\"text\":\"hi\"}]}]}");
            assertThat(bedrock.statusCode()).isEqualTo(429);
            assertThat(bedrock.headers().firstValue("x-amzn-errortype").orElse("")).startsWith("ThrottlingException");
            assertThat(openAi(s, RunningSluice.KEY, "m1", false).statusCode()).as("the master key is not limited").isEqualTo(200);
        }
    }

    @Test
    void aDeploymentsOwnLimitHoldsForEveryCallerTheMasterKeyIncluded() throws Exception {
        try (RunningSluice s = new RunningSluice("providers: [{id: sim, type: simulator}]\n"
                + "models:\n  - {name: quota, provider: sim, options: {reply: echo}, limits: {rpm: 2}}\n"
                + "  - {name: free, provider: sim, options: {reply: echo}}\n", dir)) {
            String key = key(s, "{\"name\":\"any\"}");
            assertThat(openAi(s, RunningSluice.KEY, "quota", false).statusCode()).isEqualTo(200);
            HttpResponse<String> second = openAi(s, key, "quota", false);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
            HttpResponse<String> third = openAi(s, RunningSluice.KEY, "quota", false);
            assertThat(third.statusCode()).as("the deployment's quota is shared by every caller").isEqualTo(429);
            assertThat(third.body()).contains("deployment 'quota'").contains("requests per minute");
            assertThat(openAi(s, key, "free", false).statusCode()).as("another deployment").isEqualTo(200);
        }
    }

    @Test
    void tokensPerMinuteAreTakenBeforeAndSettledAfter() throws Exception {
        try (RunningSluice s = new RunningSluice("providers: [{id: sim, type: simulator}]\n"
                + "models: [{name: m1, provider: sim, options: {reply: echo}}]\n", dir)) {
            // each call asks for up to 500 output tokens: taken before it, given back once the echo used a few
            String key = key(s, "{\"name\":\"tokens\",\"limits\":{\"tpm\":1000}}");
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = send(s, "/v1/chat/completions", key, "{\"model\":\"m1\",\"max_tokens\":500,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertThat(r.statusCode()).as("call " + i + " (settled to its real usage): " + r.body())
                        .isEqualTo(200);
            }
            HttpResponse<String> big = send(s, "/v1/chat/completions", key, "{\"model\":\"m1\",\"max_tokens\":100000,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(big.statusCode()).as("an estimate over what is left").isEqualTo(429);
            assertThat(big.body()).contains("tokens per minute");
        }
    }

    @Test
    void callsAtOnceAreCountedUntilTheyEnd() throws Exception {
        try (RunningSluice s = new RunningSluice("providers: [{id: sim, type: simulator}]\n"
                + "models:\n  - {name: slow, provider: sim, options: {reply: lorem, ttft_ms: 2000, output_tokens: 5}}\n"
                + "  - {name: fast, provider: sim, options: {reply: echo}}\n", dir)) {
            String key = key(s, "{\"name\":\"one-at-a-time\",\"limits\":{\"max_concurrent\":1}}");
            long deadline = System.nanoTime() + 60_000_000_000L;
            CompletableFuture<HttpResponse<String>> slow = null;
            HttpResponse<String> probe = null;
            // a slow call holds the one place; quick probes find it taken (a probe that wins the place first makes
            // the slow call's 429, and the slow call is sent again)
            while (probe == null || probe.statusCode() != 429) {
                assertThat(System.nanoTime()).as("a probe found the place taken").isLessThan(deadline);
                if (slow == null || slow.isDone()) {
                    slow = CompletableFuture.supplyAsync(() -> {
                        try {
                            return openAi(s, key, "slow", false);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                probe = openAi(s, key, "fast", false);
            }
            assertThat(probe.body()).contains("calls at once");
            assertThat(slow.get().statusCode()).as("the slow call that held the place").isEqualTo(200);
            assertThat(openAi(s, key, "fast", false).statusCode()).as("the place is given back").isEqualTo(200);
        }
    }

    private static String key(RunningSluice s, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/admin/keys"))
                .header("authorization", "Bearer " + RunningSluice.KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode created = Json.parse(r.body());
        return created.path("key").asText();
    }

    private static HttpResponse<String> openAi(RunningSluice s, String key, String model, boolean stream)
            throws Exception {
        return send(s, "/v1/chat/completions", key, "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static HttpResponse<String> send(RunningSluice s, String path, String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
