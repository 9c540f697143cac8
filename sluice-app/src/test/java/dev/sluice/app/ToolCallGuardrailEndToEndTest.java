package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool calls are output too: the simulator (scripted) answers with a {@code send_email} call whose arguments hold an
 * e-mail address, or a blocked word; the guardrail masks the address inside the arguments (which stay valid JSON) or
 * blocks the answer, for whole answers and streams, through the OpenAI SDK on a real socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolCallGuardrailEndToEndTest {

    private RunningSluice sluice;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("replies.jsonl");
        Files.writeString(script, """
                {"match": "kaboom", "tool_call": {"name": "send_email", "arguments": {"to": "ops", "body": "kaboom now"}}}
                {"match": "mail", "tool_call": {"name": "send_email", "arguments": {"to": "jane.doe@example.com", "body": "hi"}}}
                """);
        sluice = new RunningSluice("""
                providers:
                  - {id: sim, type: simulator}
                models:
                  - {name: tools, provider: sim, options: {reply: script, script: '%s'}, guardrail: {id: g, version: 1}}
                guardrails:
                  definitions:
                    - id: g
                      name: g
                      blocked_input_messaging: Input blocked.
                      blocked_outputs_messaging: Output blocked.
                      sensitive_information_policy_config:
                        pii_entities_config: [{type: EMAIL, action: ANONYMIZE, input_action: NONE}]
                      word_policy_config:
                        words_config: [{text: kaboom, input_action: NONE}]
                """.formatted(script), dir.resolve("sluice"));
    }

    @AfterAll
    void stop() {
        if (sluice != null) {
            sluice.close();
        }
    }

    private OpenAIClient openAi() {
        return OpenAIOkHttpClient.builder().baseUrl(sluice.baseUrl() + "/v1").apiKey(RunningSluice.KEY)
                .maxRetries(0).build();
    }

    private static ChatCompletionCreateParams ask(String prompt) {
        return ChatCompletionCreateParams.builder().model("tools").addUserMessage(prompt)
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder().name("send_email")
                        .parameters(FunctionParameters.builder().putAdditionalProperty("type",
                                JsonValue.from("object")).build()).build()).build())
                .build();
    }

    @Test
    void anAddressInAToolCallsArgumentsIsMaskedAndTheArgumentsStayJson() {
        ChatCompletion c = openAi().chat().completions().create(ask("please mail jane"));
        var call = c.choices().getFirst().message().toolCalls().orElseThrow().getFirst().asFunction().function();
        assertThat(call.name()).isEqualTo("send_email");
        assertThat(call.arguments()).isEqualTo("{\"to\":\"{EMAIL}\",\"body\":\"hi\"}");
    }

    @Test
    void aBlockedWordInAToolCallBlocksTheAnswer() {
        ChatCompletion c = openAi().chat().completions().create(ask("kaboom please"));
        assertThat(c.choices().getFirst().finishReason().asString()).isEqualTo("content_filter");
        assertThat(c.choices().getFirst().message().content()).hasValue("Output blocked.");
        assertThat(c.choices().getFirst().message().toolCalls()).isEmpty();
    }

    @Test
    void aStreamedToolCallIsMaskedBeforeItLeaves() {
        StringBuilder args = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = openAi().chat().completions()
                .createStreaming(ask("please mail jane"))) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().toolCalls()
                    .ifPresent(calls -> calls.forEach(t -> t.function().flatMap(f -> f.arguments())
                            .ifPresent(args::append)))));
        }
        assertThat(args.toString()).doesNotContain("jane.doe").contains("{EMAIL}");
    }
}
