package dev.sluice.simulator;

import static dev.sluice.simulator.Simulators.ask;
import static dev.sluice.simulator.Simulators.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.testkit.Calls;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepliesTest {

    private static final String SCRIPT = "{\"reply\":\"script\",\"script\":\"script.jsonl\"}";

    private final SimulatorProvider provider = Simulators.provider();

    private static ChatRequest withWeatherTool(List<Message> messages, ToolChoice choice) {
        Tool tool = new Tool("get_weather", "Weather", Simulators.json("{\"type\":\"object\"}"), null);
        return ChatRequest.builder().model("m").messages(messages).tools(List.of(tool)).toolChoice(choice).build();
    }

    @Test
    void echoRepeatsTheLastUserMessageByDefault() {
        ChatRequest request = ChatRequest.builder().model("m").messages(List.of(Message.user("first"),
                Message.assistant("ok"), Message.user("second question"))).build();
        ChatResponse response = Calls.chat(provider, request, attempt("{}"));
        assertThat(response.text()).isEqualTo("second question");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.model()).isEqualTo("m");
    }

    @Test
    void fixedAlwaysAnswersItsText() {
        ChatResponse response =
                Calls.chat(provider, ask("anything"), attempt("{\"reply\":\"fixed\",\"text\":\"Always this.\"}"));
        assertThat(response.text()).isEqualTo("Always this.");
    }

    @Test
    void scriptFillsInMatchGroupsAndLiteralDollars() {
        ChatResponse response = Calls.chat(provider, ask("Hi, my name is Ada and I live in London"), attempt(SCRIPT));
        assertThat(response.text()).isEqualTo("Hello Ada from London! That costs $5.");
    }

    @Test
    void scriptWithoutAMatchingRuleEchoes() {
        assertThat(Calls.chat(provider, ask("nothing matches here"), attempt(SCRIPT)).text())
                .isEqualTo("nothing matches here");
    }

    @Test
    void scriptToolRuleAnswersWithAToolCallWhenTheToolIsOffered() {
        ChatRequest request = withWeatherTool(List.of(Message.user("weather in Oslo?")), ToolChoice.AUTO);
        ChatResponse response = Calls.chat(provider, request, attempt(SCRIPT));
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.toolUses()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("get_weather");
            assertThat(Simulators.json(call.argumentsJson()))
                    .isEqualTo(Simulators.json("{\"location\":\"Oslo\",\"units\":[\"metric\"],\"days\":1}"));
        });
    }

    @Test
    void scriptToolRuleIsSkippedWhenNoToolIsOfferedOrToolChoiceIsNone() {
        assertThat(Calls.chat(provider, ask("weather in Oslo?"), attempt(SCRIPT)).text()).isEqualTo("weather in Oslo?");
        ChatRequest none = withWeatherTool(List.of(Message.user("weather in Oslo?")), ToolChoice.NONE);
        assertThat(Calls.chat(provider, none, attempt(SCRIPT)).toolUses()).isEmpty();
    }

    @Test
    void afterAToolResultTheScriptAnswersTheResultText() {
        ChatResponse response = Calls.chat(provider, afterToolResult("{\"sky\":\"sunny\"}"), attempt(SCRIPT));
        assertThat(response.text()).isEqualTo("It is sunny, enjoy.");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void afterAToolResultWithoutAMatchingRuleTheResultIsQuoted() {
        assertThat(Calls.chat(provider, afterToolResult("12 degrees"), attempt(SCRIPT)).text())
                .isEqualTo("Tool result: 12 degrees");
        assertThat(Calls.chat(provider, afterToolResult("12 degrees"), attempt("{}")).text())
                .isEqualTo("Tool result: 12 degrees");
    }

    @Test
    void loremGeneratesExactlyOutputTokensOfRepeatableText() {
        String options = "{\"reply\":\"lorem\",\"output_tokens\":40,\"seed\":3}";
        ChatResponse first = Calls.chat(provider, ask("go"), attempt(options));
        ChatResponse second = Calls.chat(provider, ask("go"), attempt(options));
        assertThat(first.usage().outputTokens()).isEqualTo(40);
        assertThat(first.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(first.text()).isEqualTo(second.text()).isNotBlank();
    }

    @Test
    void loremWithoutOutputTokensFillsTheRequestsMaxTokens() {
        ChatRequest request = ask("go").toBuilder().maxTokens(25).build();
        assertThat(Calls.chat(provider, request, attempt("{\"reply\":\"lorem\"}")).usage().outputTokens())
                .isEqualTo(25);
    }

    private static ChatRequest afterToolResult(String result) {
        return withWeatherTool(List.of(Message.user("weather in Oslo?"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("call_1", "get_weather", "{}")), null),
                new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("call_1", result, false)), null)),
                ToolChoice.AUTO);
    }
}
