package dev.sluice.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.StreamEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes canonical events as Anthropic's server-sent events: {@code message_start} and one {@code ping}, then for
 * each content block {@code content_block_start}, its {@code content_block_delta}s and {@code content_block_stop},
 * then {@code message_delta} (stop reason and usage) and {@code message_stop}.
 *
 * <p>Usage often arrives after the canonical {@link ChatEvent.MessageStop}, while Anthropic puts it in
 * {@code message_delta}, before {@code message_stop}: the stop is held until a {@link ChatEvent.UsageReport} or
 * {@link #onComplete} comes. {@code message_start} carries zero usage; the full counts are in {@code message_delta}.
 * One instance per stream; not thread-safe.
 */
public final class AnthropicStreamEncoder implements StreamEncoder {

    private final String publicModel;
    private final String messageId;
    /** Canonical block index to wire index. */
    private final Map<Integer, Integer> wireIndex = new HashMap<>();
    private boolean started;
    private int openBlock = -1;
    private ChatEvent.MessageStop pendingStop;
    private Usage usage;
    private boolean ended;

    /**
     * @param publicModel the model name the caller asked for
     * @param messageId the {@code msg_...} id sent in {@code message_start}
     */
    public AnthropicStreamEncoder(String publicModel, String messageId) {
        this.publicModel = publicModel;
        this.messageId = messageId;
    }

    @Override
    public String contentType() {
        return "text/event-stream";
    }

    @Override
    public void onEvent(ChatEvent event, OutputStream out) throws IOException {
        if (ended) {
            return;
        }
        if (!started) {
            start(out);
        }
        switch (event) {
            case ChatEvent.Passed p -> throw new IllegalArgumentException("passed-through bytes are sent as they are");
            case ChatEvent.MessageStart ignored -> { }
            case ChatEvent.TextDelta t -> text(t, out);
            case ChatEvent.ToolUseStart t -> toolStart(t.block(), t.id(), t.name(), out);
            case ChatEvent.ToolUseDelta d -> toolDelta(d, out);
            case ChatEvent.MessageStop s -> {
                pendingStop = s;
                if (usage != null) {
                    end(out);
                }
            }
            case ChatEvent.UsageReport u -> {
                usage = u.usage();
                if (pendingStop != null) {
                    end(out);
                }
            }
        }
    }

    @Override
    public void onComplete(OutputStream out) throws IOException {
        if (ended) {
            return;
        }
        if (!started) {
            start(out);
        }
        end(out);
    }

    @Override
    public void onError(GatewayError error, OutputStream out) throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        write(out, "error", AnthropicErrors.body(error));
    }

    private void start(OutputStream out) throws IOException {
        started = true;
        ObjectNode root = Json.object().put("type", "message_start");
        ObjectNode message = root.putObject("message");
        message.put("id", messageId).put("type", "message").put("role", "assistant");
        message.putArray("content");
        message.put("model", publicModel);
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        write(out, "message_start", root);
        write(out, "ping", Json.object().put("type", "ping"));
    }

    private void text(ChatEvent.TextDelta t, OutputStream out) throws IOException {
        Integer index = wireIndex.get(t.block());
        if (index == null) {
            index = open(t.block(), out);
            ObjectNode block = Json.object().put("type", "text").put("text", "");
            write(out, "content_block_start", blockStart(index, block));
        }
        if (!t.text().isEmpty()) {
            ObjectNode delta = Json.object().put("type", "text_delta").put("text", t.text());
            write(out, "content_block_delta", blockDelta(index, delta));
        }
    }

    private int toolStart(int block, String id, String name, OutputStream out) throws IOException {
        Integer existing = wireIndex.get(block);
        if (existing != null) {
            return existing;
        }
        int index = open(block, out);
        ObjectNode content = Json.object().put("type", "tool_use").put("id", id).put("name", name);
        content.putObject("input");
        write(out, "content_block_start", blockStart(index, content));
        return index;
    }

    private void toolDelta(ChatEvent.ToolUseDelta d, OutputStream out) throws IOException {
        Integer index = wireIndex.get(d.block());
        if (index == null) {
            index = toolStart(d.block(), "toolu_" + messageId + "_" + d.block(), "", out);
        }
        if (!d.partialJson().isEmpty()) {
            ObjectNode delta = Json.object().put("type", "input_json_delta").put("partial_json", d.partialJson());
            write(out, "content_block_delta", blockDelta(index, delta));
        }
    }

    /** Closes the open block and gives the canonical block the next wire index. */
    private int open(int block, OutputStream out) throws IOException {
        closeOpenBlock(out);
        int index = wireIndex.size();
        wireIndex.put(block, index);
        openBlock = index;
        return index;
    }

    private void closeOpenBlock(OutputStream out) throws IOException {
        if (openBlock >= 0) {
            write(out, "content_block_stop", Json.object().put("type", "content_block_stop").put("index", openBlock));
            openBlock = -1;
        }
    }

    private void end(OutputStream out) throws IOException {
        ended = true;
        closeOpenBlock(out);
        StopReason reason = pendingStop == null ? StopReason.END_TURN : pendingStop.reason();
        ObjectNode root = Json.object().put("type", "message_delta");
        ObjectNode delta = root.putObject("delta").put("stop_reason", StopReasons.toWire(reason));
        if (reason == StopReason.STOP_SEQUENCE && pendingStop.stopSequence() != null) {
            delta.put("stop_sequence", pendingStop.stopSequence());
        } else {
            delta.putNull("stop_sequence");
        }
        UsageJson.write(usage == null ? Usage.EMPTY : usage, root.putObject("usage"));
        write(out, "message_delta", root);
        write(out, "message_stop", Json.object().put("type", "message_stop"));
    }

    private static ObjectNode blockStart(int index, ObjectNode block) {
        ObjectNode root = Json.object().put("type", "content_block_start").put("index", index);
        root.set("content_block", block);
        return root;
    }

    private static ObjectNode blockDelta(int index, ObjectNode delta) {
        ObjectNode root = Json.object().put("type", "content_block_delta").put("index", index);
        root.set("delta", delta);
        return root;
    }

    private static void write(OutputStream out, String event, ObjectNode data) throws IOException {
        out.write(("event: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8));
        out.write(Json.bytes(data));
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
    }
}
