package dev.sluice.simulator;

import static dev.sluice.simulator.Simulators.ask;
import static dev.sluice.simulator.Simulators.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.StopReason;
import dev.sluice.testkit.Calls;
import dev.sluice.testkit.ProviderContract;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsTest {

    private static final String LONG = "one two three four five six seven eight nine ten eleven twelve";

    private final SimulatorProvider provider = Simulators.provider();

    @Test
    void maxTokensTruncatesTheAnswerAndSaysSo() {
        ChatResponse response = Calls.chat(provider, ask(LONG).toBuilder().maxTokens(4).build(), attempt("{}"));
        assertThat(response.text()).isEqualTo("one two three four");
        assertThat(response.usage().outputTokens()).isEqualTo(4);
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void outputTokensCapsEveryAnswer() {
        ChatResponse response = Calls.chat(provider, ask(LONG), attempt("{\"output_tokens\":3}"));
        assertThat(response.text()).isEqualTo("one two three");
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void anAnswerThatFitsEndsItsTurn() {
        ChatResponse response = Calls.chat(provider, ask("short").toBuilder().maxTokens(100).build(), attempt("{}"));
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void theEarliestStopSequenceEndsTheAnswerWithoutItself() {
        ChatRequest request = ask(LONG).toBuilder().stop(List.of("nine", " four")).build();
        ChatResponse response = Calls.chat(provider, request, attempt("{}"));
        assertThat(response.text()).isEqualTo("one two three");
        assertThat(response.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(response.stopSequence()).isEqualTo(" four");
    }

    @Test
    void maxTokensWinsOverALaterStopSequence() {
        ChatRequest request = ask(LONG).toBuilder().stop(List.of("ten")).maxTokens(2).build();
        ChatResponse response = Calls.chat(provider, request, attempt("{}"));
        assertThat(response.text()).isEqualTo("one two");
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void streamsSendOneTokenPerDeltaAndEndWithStopThenUsage() {
        List<ChatEvent> events = Simulators.stream(provider, ask(LONG), attempt("{}"));
        long deltas = events.stream().filter(ChatEvent.TextDelta.class::isInstance).count();
        ChatResponse assembled = ProviderContract.assemble(events);
        assertThat(deltas).isEqualTo(assembled.usage().outputTokens()).isEqualTo(12);
        assertThat(events.getFirst()).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(events.get(events.size() - 2)).isInstanceOf(ChatEvent.MessageStop.class);
        assertThat(events.getLast()).isInstanceOf(ChatEvent.UsageReport.class);
        assertThat(assembled.text()).isEqualTo(LONG);
    }

    @Test
    void multiByteCharactersAreNeverSplitAcrossDeltas() {
        String text = "Grüße 👋🏽 日本語のテキスト";
        List<ChatEvent> events = Simulators.stream(provider, ask(text), attempt("{}"));
        assertThat(events).filteredOn(ChatEvent.TextDelta.class::isInstance)
                .allSatisfy(e -> assertThat(((ChatEvent.TextDelta) e).text()).doesNotContain("\uFFFD"));
        assertThat(ProviderContract.assemble(events).text()).isEqualTo(text);
    }
}
