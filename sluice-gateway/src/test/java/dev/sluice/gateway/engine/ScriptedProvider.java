package dev.sluice.gateway.engine;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.GatewayException;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.Provider;
import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A provider for engine tests: answers "hi <model>", or fails, or hangs until the engine cancels it. */
final class ScriptedProvider implements Provider {

    enum Mode { ANSWER, FAIL, HANG, HANG_AFTER_FIRST }

    volatile Mode mode = Mode.ANSWER;
    volatile GatewayException failure;
    volatile Map<String, String> lastForwardHeaders;
    volatile String lastModel;
    final CountDownLatch cancelled = new CountDownLatch(1);

    @Override
    public ChatResponse chat(ChatRequest request, Attempt attempt) {
        lastModel = request.model();
        lastForwardHeaders = attempt.forwardHeaders();
        act(attempt);
        return new ChatResponse("r1", request.model(), List.of(new ContentBlock.Text("hi " + request.model())),
                StopReason.END_TURN, null, Usage.of(3, 2), 0);
    }

    @Override
    public void stream(ChatRequest request, Attempt attempt, ChatEventSink sink) {
        lastModel = request.model();
        lastForwardHeaders = attempt.forwardHeaders();
        if (mode != Mode.HANG_AFTER_FIRST) {
            act(attempt);
        }
        sink.accept(new ChatEvent.MessageStart("r1", request.model()));
        sink.accept(new ChatEvent.TextDelta(0, "hi "));
        if (mode == Mode.HANG_AFTER_FIRST) {
            hang(attempt);
        }
        sink.accept(new ChatEvent.TextDelta(0, request.model()));
        sink.accept(new ChatEvent.MessageStop(StopReason.END_TURN, null));
        sink.accept(new ChatEvent.UsageReport(Usage.of(3, 2)));
    }

    private void act(Attempt attempt) {
        switch (mode) {
            case FAIL -> throw failure;
            case HANG -> hang(attempt);
            default -> { }
        }
    }

    private void hang(Attempt attempt) {
        CountDownLatch released = new CountDownLatch(1);
        Closeable onCancel = () -> {
            cancelled.countDown();
            released.countDown();
        };
        attempt.onCancel(onCancel);
        try {
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("never cancelled");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("upstream read failed: stream closed");
    }
}
