package dev.sluice.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.StreamEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Writes canonical stream events as a ConverseStream answer: binary AWS event-stream messages
 * ({@code application/vnd.amazon.eventstream}) with {@code messageStart}, {@code contentBlockStart} (tool use only,
 * as Bedrock does), {@code contentBlockDelta}, {@code contentBlockStop}, {@code messageStop} and, last,
 * {@code metadata} with the usage and the latency since this encoder was made. Usage that arrives before
 * {@code messageStop} is held; metadata is written on the first usage after {@code messageStop}, or at
 * {@link #onComplete}. Errors become {@code :message-type exception} messages.
 *
 * <p>One instance per stream; not thread-safe.
 */
public final class BedrockStreamEncoder implements StreamEncoder {

    private final long startNanos;
    private int openBlock = -1;
    private boolean stopped;
    private boolean metadataSent;
    private java.util.function.Supplier<com.fasterxml.jackson.databind.JsonNode> trace = () -> null;
    private Usage usage = Usage.EMPTY;

    public BedrockStreamEncoder() {
        this(System.nanoTime());
    }

    /** @param startNanos when the call began, by {@link System#nanoTime()}, for {@code metrics.latencyMs} */
    public BedrockStreamEncoder(long startNanos) {
        this.startNanos = startNanos;
    }

    @Override
    public String contentType() {
        return EventFrames.CONTENT_TYPE;
    }

    @Override
    public void onEvent(ChatEvent event, OutputStream out) throws IOException {
        switch (event) {
            case ChatEvent.Passed p -> throw new IllegalArgumentException("passed-through bytes are sent as they are");
            case ChatEvent.MessageStart s -> write(out, "messageStart", Json.object().put("role", "assistant"));
            case ChatEvent.TextDelta t -> {
                enter(t.block(), out);
                ObjectNode payload = Json.object().put("contentBlockIndex", t.block());
                payload.putObject("delta").put("text", t.text());
                write(out, "contentBlockDelta", payload);
            }
            case ChatEvent.ToolUseStart t -> {
                closeOpenBlock(out);
                openBlock = t.block();
                ObjectNode payload = Json.object().put("contentBlockIndex", t.block());
                payload.putObject("start").putObject("toolUse").put("toolUseId", t.id()).put("name", t.name());
                write(out, "contentBlockStart", payload);
            }
            case ChatEvent.ToolUseDelta d -> {
                enter(d.block(), out);
                ObjectNode payload = Json.object().put("contentBlockIndex", d.block());
                payload.putObject("delta").putObject("toolUse").put("input", d.partialJson());
                write(out, "contentBlockDelta", payload);
            }
            case ChatEvent.MessageStop m -> {
                closeOpenBlock(out);
                stopped = true;
                write(out, "messageStop", Json.object().put("stopReason", StopReasons.toWire(m.reason())));
            }
            case ChatEvent.UsageReport u -> {
                usage = u.usage();
                if (stopped && !metadataSent) {
                    writeMetadata(out);
                }
            }
        }
    }

    /** {@inheritDoc} The trace goes in the {@code metadata} event, as {@code trace}. */
    @Override
    public void traceFrom(java.util.function.Supplier<com.fasterxml.jackson.databind.JsonNode> source) {
        this.trace = source;
    }

    @Override
    public void onComplete(OutputStream out) throws IOException {
        closeOpenBlock(out);
        if (!metadataSent) {
            writeMetadata(out);
        }
    }

    @Override
    public void onError(GatewayError error, OutputStream out) throws IOException {
        BedrockErrors.AwsError aws = BedrockErrors.toAws(error.type());
        EventFrames.exception(aws.streamName(), Json.bytes(Json.object().put("message", error.message())))
                .encode(out);
    }

    private void enter(int block, OutputStream out) throws IOException {
        if (openBlock != block) {
            closeOpenBlock(out);
            openBlock = block;
        }
    }

    private void closeOpenBlock(OutputStream out) throws IOException {
        if (openBlock >= 0) {
            write(out, "contentBlockStop", Json.object().put("contentBlockIndex", openBlock));
            openBlock = -1;
        }
    }

    private void writeMetadata(OutputStream out) throws IOException {
        metadataSent = true;
        ObjectNode payload = Json.object();
        payload.set("usage", UsageJson.encode(usage));
        payload.putObject("metrics").put("latencyMs",
                TimeUnit.NANOSECONDS.toMillis(Math.max(0, System.nanoTime() - startNanos)));
        var traced = trace.get();
        if (traced != null) {
            payload.set("trace", traced);
        }
        write(out, "metadata", payload);
    }

    private static void write(OutputStream out, String eventType, ObjectNode payload) {
        EventFrames.event(eventType, Json.bytes(payload)).encode(out);
    }
}
