package dev.sluice.gateway.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.event.Caller;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.guardrails.apply.CompiledGuardrail;
import dev.sluice.guardrails.bedrock.GuardrailJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A stream checked as it flows: what the caller is sent, chunk by chunk. Checks are queued and run when the test
 * says, as the worker pool would run them later, so that events arrive while a check is in flight.
 */
class GuardedStreamTest {

    private static final String EMAIL = "jane.doe@example.com";
    private static final String FILLER = "the quick brown fox jumps over the lazy dog and ".repeat(5);

    private final List<ChatEvent> sent = new ArrayList<>();
    private final List<Runnable> pendingChecks = new ArrayList<>();
    private final CallContext call = new CallContext("r1", "openai", "chat", Caller.MASTER, System.nanoTime(), null,
            null, Map.of());

    /** Runs a check when {@link #runChecks} is called. */
    private final GuardedStream.Offload later = new GuardedStream.Offload() {
        @Override
        public <T> CompletionStage<T> run(Supplier<T> work) {
            CompletableFuture<T> f = new CompletableFuture<>();
            pendingChecks.add(() -> f.complete(work.get()));
            return f;
        }
    };

    private static CallGuard guard(boolean async) throws Exception {
        CompiledGuardrail compiled = new CompiledGuardrail(GuardrailJson.fromApi(Json.parse("""
                {"name": "g", "blockedInputMessaging": "no input", "blockedOutputsMessaging": "withheld",
                 "sensitiveInformationPolicyConfig": {"piiEntitiesConfig": [{"type": "EMAIL", "action": "ANONYMIZE"}]},
                 "wordPolicyConfig": {"wordsConfig": [{"text": "kaboom"}]}}
                """)));
        return new CallGuard(new GuardrailLibrary.Found("g", "1", "arn", compiled), false, async);
    }

    private void runChecks() {
        while (!pendingChecks.isEmpty()) {
            pendingChecks.removeFirst().run();
        }
    }

    /** Feeds {@code text} in chunks of {@code size}, running checks after each chunk; returns the stream's end. */
    private CompletionStage<Void> feed(GuardedStream stream, String text, int size) {
        stream.accept(new ChatEvent.MessageStart("id", "m"));
        for (int i = 0; i < text.length(); i += size) {
            stream.accept(new ChatEvent.TextDelta(0, text.substring(i, Math.min(text.length(), i + size))));
            runChecks();
        }
        stream.accept(new ChatEvent.MessageStop(StopReason.END_TURN, null));
        stream.accept(new ChatEvent.UsageReport(dev.sluice.api.chat.Usage.EMPTY));
        CompletionStage<Void> done = stream.finish();
        runChecks();
        return done;
    }

    private String text() {
        StringBuilder sb = new StringBuilder();
        sent.forEach(e -> {
            if (e instanceof ChatEvent.TextDelta t) {
                sb.append(t.text());
            }
        });
        return sb.toString();
    }

    private List<Integer> textSizes() {
        return sent.stream().filter(e -> e instanceof ChatEvent.TextDelta).map(e -> ((ChatEvent.TextDelta) e)
                .text().length()).toList();
    }

    @Test
    void aValueSplitAcrossChunksAndAcrossAWindowIsMaskedAndTheRestFlowsInPieces() throws Exception {
        String answer = (FILLER + FILLER).substring(0, 244) + " " + EMAIL + " " + FILLER + FILLER;
        GuardedStream stream = new GuardedStream(call, guard(false), sent::add, later);
        assertThat(feed(stream, answer, 3).toCompletableFuture()).isCompleted();
        assertThat(text()).isEqualTo(answer.replace(EMAIL, "{EMAIL}"));
        assertThat(textSizes()).as("released window by window, not at the end only").hasSizeGreaterThan(2);
        assertThat(sent.getLast()).isInstanceOf(ChatEvent.UsageReport.class);
        assertThat(sent.get(sent.size() - 2)).isEqualTo(new ChatEvent.MessageStop(StopReason.END_TURN, null));
        assertThat(call.guardrailVerdict().action()).isEqualTo("ANONYMIZED");
    }

    @Test
    void aBlockedWordEndsTheStreamWithTheGuardrailsStopReasonAndNothingOfTheWindowIsSent() throws Exception {
        String answer = FILLER + FILLER + "and kaboom " + FILLER;
        GuardedStream stream = new GuardedStream(call, guard(false), sent::add, later);
        assertThat(feed(stream, answer, 5).toCompletableFuture()).isCompleted();
        assertThat(text()).doesNotContain("kaboom").startsWith("the quick").endsWith("withheld");
        assertThat(sent).contains(new ChatEvent.MessageStop(StopReason.GUARDRAIL_INTERVENED, null))
                .doesNotContain(new ChatEvent.MessageStop(StopReason.END_TURN, null));
        assertThat(sent.getLast()).as("the upstream's usage still passes").isInstanceOf(ChatEvent.UsageReport.class);
        assertThat(call.guardrailVerdict().action()).isEqualTo("BLOCKED");
    }

    @Test
    void theEndOfTheAnswerWaitsForTheLastCheck() throws Exception {
        GuardedStream stream = new GuardedStream(call, guard(false), sent::add, later);
        stream.accept(new ChatEvent.MessageStart("id", "m"));
        String start = FILLER.substring(0, 150); // past what is checked on the loop, short of a window
        stream.accept(new ChatEvent.TextDelta(0, start + "write to " + EMAIL));
        stream.accept(new ChatEvent.MessageStop(StopReason.END_TURN, null));
        CompletionStage<Void> done = stream.finish();
        assertThat(sent).as("held until checked").containsExactly(new ChatEvent.MessageStart("id", "m"));
        assertThat(done.toCompletableFuture()).isNotDone();
        runChecks();
        assertThat(text()).isEqualTo(start + "write to {EMAIL}");
        assertThat(done.toCompletableFuture()).isCompleted();
    }

    @Test
    void aShortAnswerIsCheckedOnTheLoop() throws Exception {
        GuardedStream stream = new GuardedStream(call, guard(false), sent::add, later);
        stream.accept(new ChatEvent.MessageStart("id", "m"));
        stream.accept(new ChatEvent.TextDelta(0, "write to " + EMAIL));
        stream.accept(new ChatEvent.MessageStop(StopReason.END_TURN, null));
        assertThat(stream.finish().toCompletableFuture()).isCompleted();
        assertThat(pendingChecks).isEmpty();
        assertThat(text()).isEqualTo("write to {EMAIL}");
    }

    @Test
    void asyncModeDeliversAtOnceAndStopsWhenTheCheckBlocks() throws Exception {
        GuardedStream stream = new GuardedStream(call, guard(true), sent::add, later);
        stream.accept(new ChatEvent.MessageStart("id", "m"));
        stream.accept(new ChatEvent.TextDelta(0, FILLER + "kaboom " + FILLER));
        assertThat(text()).as("delivered before any check").contains("kaboom");
        stream.accept(new ChatEvent.TextDelta(0, "more"));
        runChecks();
        stream.accept(new ChatEvent.TextDelta(0, "and more"));
        stream.accept(new ChatEvent.MessageStop(StopReason.END_TURN, null));
        assertThat(stream.finish().toCompletableFuture()).isCompleted();
        assertThat(text()).endsWith("morewithheld");
        assertThat(sent.getLast()).isEqualTo(new ChatEvent.MessageStop(StopReason.GUARDRAIL_INTERVENED, null));
    }

    @Test
    void aStreamedToolCallsArgumentsAreHeldCheckedWholeAndSentMasked() throws Exception {
        GuardedStream stream = new GuardedStream(call, guard(false), sent::add, later);
        stream.accept(new ChatEvent.MessageStart("m", "model"));
        stream.accept(new ChatEvent.ToolUseStart(0, "t1", "send_email"));
        stream.accept(new ChatEvent.ToolUseDelta(0, "{\"to\": \"jane.doe@exa"));
        stream.accept(new ChatEvent.ToolUseDelta(0, "mple.com\"}"));
        stream.accept(new ChatEvent.MessageStop(StopReason.TOOL_USE, null));
        CompletionStage<Void> done = stream.finish();
        runChecks();
        assertThat(done.toCompletableFuture()).isCompleted();
        assertThat(sent).filteredOn(e -> e instanceof ChatEvent.ToolUseDelta)
                .containsExactly(new ChatEvent.ToolUseDelta(0, "{\"to\": \"{EMAIL}\"}"));
        assertThat(sent.getLast()).isEqualTo(new ChatEvent.MessageStop(StopReason.TOOL_USE, null));
    }

    @Test
    void aToolCallWithABlockedWordEndsTheStreamWithoutItsArguments() throws Exception {
        GuardedStream stream = new GuardedStream(call, guard(false), sent::add, later);
        stream.accept(new ChatEvent.MessageStart("m", "model"));
        stream.accept(new ChatEvent.ToolUseStart(0, "t1", "post"));
        stream.accept(new ChatEvent.ToolUseDelta(0, "{\"text\": \"kaboom\"}"));
        stream.accept(new ChatEvent.MessageStop(StopReason.TOOL_USE, null));
        CompletionStage<Void> done = stream.finish();
        runChecks();
        assertThat(done.toCompletableFuture()).isCompleted();
        assertThat(sent).noneMatch(e -> e instanceof ChatEvent.ToolUseDelta);
        assertThat(sent).contains(new ChatEvent.TextDelta(1, "withheld"),
                new ChatEvent.MessageStop(StopReason.GUARDRAIL_INTERVENED, null));
    }
}
