package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.sluice.testkit.FakeUpstream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode: two Sluice nodes sharing the machine's Redis (127.0.0.1:6379, keys under a prefix of the test's own)
 * share the response cache: an answer one node stored, whole or assembled from a stream, is served by the other,
 * through the OpenAI SDK, with one request reaching the fake upstream.
 */
class CacheClusterEndToEndTest {

    @TempDir
    Path dir;

    private static String config(FakeUpstream fake) {
        String unique = Long.toHexString(System.nanoTime());
        return "storage: none\n"
                + "redis: {url: 'redis://127.0.0.1:6379', key_prefix: 'sluice-test-" + unique + ":'}\n"
                + "providers: [{id: up, type: openai, base_url: '" + fake.baseUri() + "/v1', api_key: sk-up}]\n"
                + "models: [{name: m, provider: up, upstream_model: gpt-4o-mini, cache: {ttl: 1m}}]\n";
    }

    private static OpenAIClient client(RunningSluice node) {
        return OpenAIOkHttpClient.builder().baseUrl(node.baseUrl() + "/v1").apiKey(RunningSluice.KEY).maxRetries(0)
                .build();
    }

    private static ChatCompletionCreateParams ask(String question) {
        return ChatCompletionCreateParams.builder().model("m").addUserMessage(question).build();
    }

    @Test
    void oneNodesAnswerIsServedByTheOtherWholeAndStreamed() {
        try (FakeUpstream fake = new FakeUpstream()) {
            String yaml = config(fake);
            try (RunningSluice a = new RunningSluice(yaml, dir.resolve("a"));
                 RunningSluice b = new RunningSluice(yaml, dir.resolve("b"))) {
                redisUp(a);
                redisUp(b);
                fake.enqueue(Upstreams.OPENAI.transcripts().resolve("chat.http"));
                var stored = client(a).chat().completions().withRawResponse().create(ask("capital of France?"));
                assertThat(stored.headers().values("x-sluice-cache")).containsExactly("miss");
                var served = client(b).chat().completions().withRawResponse().create(ask("capital of France?"));
                assertThat(served.headers().values("x-sluice-cache")).containsExactly("hit");
                assertThat(served.parse().choices().getFirst().message().content()).hasValue(Upstreams.ANSWER);

                fake.enqueue(Upstreams.OPENAI.transcripts().resolve("stream.http"));
                assertThat(streamed(a, "capital of France, streamed?")).isEqualTo(Upstreams.ANSWER);
                var replay = client(b).chat().completions().withRawResponse()
                        .createStreaming(ask("capital of France, streamed?"));
                StringBuilder text = new StringBuilder();
                try (StreamResponse<ChatCompletionChunk> stream = replay.parse()) {
                    stream.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content()
                            .ifPresent(text::append)));
                }
                assertThat(replay.headers().values("x-sluice-cache")).containsExactly("hit");
                assertThat(text.toString()).isEqualTo(Upstreams.ANSWER);
                assertThat(fake.requestCount()).as("one upstream request per question").isEqualTo(2);
            }
        }
    }

    /** Waits until {@code node}'s {@code /health} says Redis is up (a busy machine may take a while to connect). */
    private static void redisUp(RunningSluice node) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        dev.sluice.testkit.Eventually.await(java.time.Duration.ofSeconds(20), "Redis up at " + node.baseUrl(), () -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.baseUrl() + "/health"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()
                        .contains("\"redis\":\"up\"");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static String streamed(RunningSluice node, String question) {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client(node).chat().completions()
                .createStreaming(ask(question))) {
            stream.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }
        return text.toString();
    }
}
