package dev.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.access.Budget;
import dev.sluice.api.access.BudgetCounters;
import dev.sluice.api.access.CallCosts;
import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.Caller;
import dev.sluice.api.chat.ChatEventSink;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What a budget is charged for a call: its answer, and any answer it dropped, each at its own model's price. */
class BudgetsTest {

    private static final Caller CALLER = new Caller("key-1", null, null, null);
    private static final Budget BUDGET = new Budget("key:key-1", 1_000_000, "day");

    @Test
    void aCallIsChargedForTheAnswerItDroppedForAContentPolicyFallbackAsWellAsForItsAnswer() {
        AtomicLong settled = new AtomicLong(-1);
        // a micro-dollar per token on the refusing model, ten on the fallback
        CallCosts costs = (model, usage) -> usage.totalTokens() * (model.equals("strict") ? 1 : 10);
        Budgets budgets = new Budgets(keys(), costs, counters(settled));
        CallContext call = new CallContext("r-1", "openai", "chat", CALLER, System.nanoTime(), null, null, null);
        ChatInput input = ChatInput.of(ChatRequest.builder().model("route")
                .messages(List.of(Message.user("hello"))).build());

        budgets.chat(call, input, new Upstream(call)).toCompletableFuture().join();

        assertThat(settled.get()).isEqualTo(5_000 + 7_000 + 10 * (3 + 4));
    }

    /** Answers after a first attempt on "strict" whose 5,000 + 7,000 tokens were dropped for a refusal. */
    private record Upstream(CallContext call) implements Interceptor.Chain {
        @Override
        public CompletionStage<ChatResult> chat(CallContext c, ChatInput input) {
            call.attemptRecorded(new AttemptRecord("r-1", 1, "strict", "p", "openai", "m", Instant.now(), 1, 200,
                    null, null));
            call.lastAttemptRefused(new Usage(5_000, 7_000, 0, 0, 0));
            call.attemptRecorded(new AttemptRecord("r-1", 2, "lenient", "p", "openai", "m", Instant.now(), 1, 200,
                    null, null, AttemptRecord.CONTENT_POLICY_FALLBACK));
            return CompletableFuture.completedFuture(ChatResult.of(new ChatResponse("a", "route",
                    List.of(new ContentBlock.Text("fine")), StopReason.END_TURN, null, new Usage(3, 4, 0, 0, 0), 1)));
        }

        @Override
        public CompletionStage<Void> stream(CallContext c, ChatInput input, ChatEventSink sink) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<EmbeddingResponse> embed(CallContext c, EmbeddingRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    private static KeyDirectory keys() {
        return new KeyDirectory() {
            @Override public Caller caller(byte[] sha256, Instant now) { return CALLER; }
            @Override public boolean allows(Caller caller, String model) { return true; }
            @Override public List<dev.sluice.api.access.Limits> limits(Caller caller) { return List.of(); }
            @Override public List<Budget> budgets(Caller caller) { return List.of(BUDGET); }
        };
    }

    private static BudgetCounters counters(AtomicLong settled) {
        return new BudgetCounters() {
            @Override
            public CompletionStage<Reservation> reserve(List<Budget> b, long micros, Instant now) {
                return CompletableFuture.completedFuture(new Reservation(null, null, null));
            }

            @Override
            public void settle(Reservation reservation, long spentMicros) {
                settled.set(spentMicros);
            }
        };
    }
}
