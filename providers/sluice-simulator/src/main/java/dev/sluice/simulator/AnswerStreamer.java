package dev.sluice.simulator;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.util.List;

/**
 * Plays a planned {@link Answer} out as canonical stream events: after the time to first token, {@code MessageStart},
 * then one delta per token chunk (a {@code ToolUseStart} first for tool calls) paced at the tokens-per-second rate,
 * then {@code MessageStop} and {@code UsageReport}. Token {@code i} is due at {@code start + ttft + i / rate}, so slow
 * sinks do not make the pace drift. A dropped answer stops after some chunks with an
 * {@link ErrorType#UPSTREAM_ERROR}. One instance per call.
 */
final class AnswerStreamer {

    private final Pacing pacing;
    private final Pacer pacer;
    private final CallDraw draw;

    AnswerStreamer(Pacing pacing, Pacer pacer, CallDraw draw) {
        this.pacing = pacing;
        this.pacer = pacer;
        this.draw = draw;
    }

    /**
     * Emits the answer into {@code sink}.
     *
     * @param startNanos when the call began ({@link System#nanoTime()})
     * @throws GatewayException {@code TIMEOUT} when the attempt is cancelled, {@code UPSTREAM_ERROR} when dropped
     */
    void play(Answer answer, String model, long startNanos, ChatEventSink sink) {
        long firstToken = startNanos + pacing.ttftMillis() * 1_000_000L;
        pacer.until(firstToken);
        sink.accept(new ChatEvent.MessageStart(draw.messageId(), model));
        if (answer.isToolCall()) {
            sink.accept(new ChatEvent.ToolUseStart(0, draw.toolUseId(), answer.toolName()));
        }
        List<String> chunks = answer.chunks();
        int deliver = draw.drop() ? draw.dropAfter(chunks.size()) : chunks.size();
        long step = pacing.nanosPerToken();
        for (int i = 0; i < deliver; i++) {
            if (step > 0) {
                pacer.until(firstToken + i * step);
            } else {
                pacer.check();
            }
            String chunk = chunks.get(i);
            sink.accept(answer.isToolCall() ? new ChatEvent.ToolUseDelta(0, chunk) : new ChatEvent.TextDelta(0, chunk));
        }
        if (draw.drop()) {
            throw GatewayException.of(ErrorType.UPSTREAM_ERROR, "stream dropped (simulated fault after " + deliver
                    + " of " + chunks.size() + " chunks)");
        }
        sink.accept(new ChatEvent.MessageStop(answer.stopReason(), answer.stopSequence()));
        sink.accept(new ChatEvent.UsageReport(answer.usage()));
    }
}
