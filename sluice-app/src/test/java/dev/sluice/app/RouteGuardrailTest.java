package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.sluice.spi.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guardrail attached to a route ({@code routes[].guardrail}) applies to every call of the route's public name,
 * whichever deployment serves it, and not to calls of the deployments by their own names; one that does not exist
 * stops the start naming the key. OpenAI SDK on a real socket, the simulator echoing the prompt.
 */
class RouteGuardrailTest {

    private static final String CONFIG = """
            providers: [{id: sim, type: simulator}]
            models:
              - {name: echo-a, provider: sim, options: {reply: echo}}
              - {name: echo-b, provider: sim, options: {reply: echo}}
            routes:
              - {name: support, deployments: [{model: echo-a}, {model: echo-b}], guardrail: {id: pii, version: 1}}
            guardrails:
              definitions:
                - id: pii
                  name: pii
                  blocked_input_messaging: Input blocked.
                  blocked_outputs_messaging: Output blocked.
                  sensitive_information_policy_config:
                    pii_entities_config: [{type: US_SOCIAL_SECURITY_NUMBER, action: BLOCK}]
            """;

    private static ChatCompletion ask(OpenAIClient client, String model, String prompt) {
        return client.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage(prompt).build());
    }

    @Test
    void theRoutesGuardrailChecksCallsOfTheRouteOnly(@TempDir Path dir) {
        try (RunningSluice sluice = new RunningSluice(CONFIG, dir)) {
            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(sluice.baseUrl() + "/v1")
                    .apiKey(RunningSluice.KEY).maxRetries(0).build();
            String ssn = "My SSN is 536-22-1234.";
            ChatCompletion routed = ask(client, "support", ssn);
            assertThat(routed.choices().getFirst().finishReason().asString()).isEqualTo("content_filter");
            assertThat(routed.choices().getFirst().message().content()).hasValue("Input blocked.");
            assertThat(ask(client, "support", "Hello there.").choices().getFirst().message().content())
                    .hasValue("Hello there.");
            assertThat(ask(client, "echo-a", ssn).choices().getFirst().message().content()).hasValue(ssn);
        }
    }

    @Test
    void aRouteGuardrailThatDoesNotExistStopsTheStart(@TempDir Path dir) {
        assertThatThrownBy(() -> new RunningSluice(CONFIG.replace("{id: pii, version: 1}",
                "{id: nosuch, version: 1}"), dir).close())
                .isInstanceOf(ConfigException.class).hasMessageContaining("routes[0].guardrail.id");
    }
}
