package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Metadata;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session affinity over real sockets, through the official SDKs: a route of three simulator deployments keeps each
 * session (the {@code x-sluice-session} header, or Anthropic's {@code metadata.user_id}) on one deployment, while
 * different sessions still spread over all three.
 */
class SessionAffinityEndToEndTest {

    @TempDir
    Path dir;
    private RunningSluice sluice;

    @BeforeEach
    void start() {
        sluice = new RunningSluice("""
                storage: none
                providers: [{id: sim, type: simulator, reply: fixed, text: pinned}]
                models: [{name: one, provider: sim}, {name: two, provider: sim}, {name: three, provider: sim}]
                routes:
                  - name: chat
                    deployments: [{model: one}, {model: two}, {model: three}]
                    session_affinity: {ttl_ms: 600000}
                """, dir);
    }

    @AfterEach
    void stop() {
        sluice.close();
    }

    @Test
    void theOpenAiSdksCallsOfOneSessionAllGoToOneDeployment() {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(sluice.baseUrl() + "/v1")
                .apiKey(RunningSluice.KEY).maxRetries(0).build();
        Set<String> firsts = new HashSet<>();
        for (int s = 0; s < 12; s++) {
            Set<String> served = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                served.add(client.chat().completions().withRawResponse().create(ChatCompletionCreateParams.builder()
                        .model("chat").addUserMessage("hi").putAdditionalHeader("x-sluice-session", "conv-" + s)
                        .build()).headers().values("x-sluice-deployment").getFirst());
            }
            assertThat(served).as("session %d", s).hasSize(1);
            firsts.addAll(served);
        }
        assertThat(firsts).as("sessions spread over the route").hasSizeGreaterThan(1);
    }

    @Test
    void anAnthropicCallersUserIdIsItsSessionWithoutTheHeader() {
        AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(sluice.baseUrl())
                .apiKey(RunningSluice.KEY).maxRetries(0).build();
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            served.add(client.messages().withRawResponse().create(MessageCreateParams.builder().model("chat")
                    .maxTokens(20).addUserMessage("hi").metadata(Metadata.builder().userId("user-7").build())
                    .build()).headers().values("x-sluice-deployment").getFirst());
        }
        assertThat(served).hasSize(1);
    }
}
