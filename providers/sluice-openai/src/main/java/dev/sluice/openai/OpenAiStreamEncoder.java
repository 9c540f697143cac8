package dev.sluice.openai;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
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
 * Writes canonical stream events as OpenAI {@code chat.completion.chunk} server-sent events: a first chunk with
 * {@code delta.role}, text in {@code delta.content}, tool calls in {@code delta.tool_calls} under OpenAI's own
 * zero-based {@code index} (counted over tool calls only), a finish chunk, then, when the caller asked for
 * {@code stream_options.include_usage}, a usage chunk with empty {@code choices}, and {@code data: [DONE]}.
 *
 * <p>Usage is held back and written last whenever it arrives. After {@link #onError} nothing more is written.
 * One instance per stream; not thread-safe.
 */
public final class OpenAiStreamEncoder implements StreamEncoder {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String publicModel;
    private final long created;
    private final boolean includeUsage;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private String id;
    private boolean started;
    private boolean finished;
    private Usage usage;
    private byte[] textPrefix;
    private byte[] textSuffix;

    /**
     * @param request the caller's request ({@link ChatRequest#includeUsage()} decides the usage chunk)
     * @param publicModel the model name the caller asked for, written in every chunk
     * @param created seconds since the epoch, written in every chunk
     * @param fallbackId the chunk id to use when the stream does not start with a message id
     */
    public OpenAiStreamEncoder(ChatRequest request, String publicModel, long created, String fallbackId) {
        this.publicModel = publicModel;
        this.created = created;
        this.includeUsage = request.includeUsage();
        this.id = fallbackId;
    }

    @Override
    public String contentType() {
        return "text/event-stream";
    }

    @Override
    public void onEvent(ChatEvent event, OutputStream out) throws IOException {
        if (finished) {
            return;
        }
        if (event instanceof ChatEvent.MessageStart s) {
            if (!started && s.id() != null && !s.id().isEmpty()) {
                id = s.id();
            }
            start(out);
            return;
        }
        if (event instanceof ChatEvent.UsageReport u) {
            usage = u.usage();
            return;
        }
        start(out);
        switch (event) {
            case ChatEvent.TextDelta t -> writeText(t.text(), out);
            case ChatEvent.ToolUseStart t -> {
                int index = toolIndexByBlock.size();
                toolIndexByBlock.put(t.block(), index);
                ObjectNode chunk = chunk();
                ObjectNode call = delta(chunk).putArray("tool_calls").addObject().put("index", index);
                call.put("id", t.id()).put("type", "function");
                call.putObject("function").put("name", t.name()).put("arguments", "");
                write(chunk, out);
            }
            case ChatEvent.ToolUseDelta d -> {
                ObjectNode chunk = chunk();
                ObjectNode call = delta(chunk).putArray("tool_calls").addObject()
                        .put("index", toolIndexByBlock.getOrDefault(d.block(), 0));
                call.putObject("function").put("arguments", d.partialJson());
                write(chunk, out);
            }
            case ChatEvent.MessageStop m -> {
                ObjectNode chunk = chunk();
                delta(chunk);
                choice(chunk).put("finish_reason", FinishReasons.toWire(m.reason()));
                write(chunk, out);
            }
            default -> { }
        }
    }

    @Override
    public void onComplete(OutputStream out) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (includeUsage) {
            ObjectNode chunk = header();
            chunk.putArray("choices");
            chunk.set("usage", UsageJson.encode(usage == null ? Usage.EMPTY : usage));
            write(chunk, out);
        }
        out.write(DONE);
    }

    @Override
    public void onError(GatewayError error, OutputStream out) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        write(OpenAiErrors.body(error), out);
    }

    /**
     * A text chunk, the hot case of every stream: the bytes around the text are made once per stream (the id is
     * settled by then) and only the text is escaped per chunk. The bytes are those the tree would give.
     */
    private void writeText(String text, OutputStream out) throws IOException {
        if (textPrefix == null) {
            ObjectNode chunk = chunk();
            delta(chunk).put("content", "\u0000");
            String whole = "data: " + Json.text(chunk) + "\n\n";
            int at = whole.lastIndexOf("\"\\u0000\""); // content comes after id and model
            textPrefix = whole.substring(0, at).getBytes(StandardCharsets.UTF_8);
            textSuffix = whole.substring(at + 8).getBytes(StandardCharsets.UTF_8);
        }
        out.write(textPrefix);
        out.write('"');
        out.write(JsonStringEncoder.getInstance().quoteAsUTF8(text));
        out.write('"');
        out.write(textSuffix);
    }

    private void start(OutputStream out) throws IOException {
        if (started) {
            return;
        }
        started = true;
        ObjectNode chunk = chunk();
        delta(chunk).put("role", "assistant").put("content", "").putNull("refusal");
        write(chunk, out);
    }

    private ObjectNode header() {
        ObjectNode c = Json.object();
        c.put("id", id);
        c.put("object", "chat.completion.chunk");
        c.put("created", created);
        c.put("model", publicModel);
        return c;
    }

    /** A chunk with one choice whose delta is empty and finish_reason null. */
    private ObjectNode chunk() {
        ObjectNode c = header();
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        if (includeUsage) {
            c.putNull("usage");
        }
        return c;
    }

    private static ObjectNode choice(ObjectNode chunk) {
        return (ObjectNode) chunk.get("choices").get(0);
    }

    private static ObjectNode delta(ObjectNode chunk) {
        return (ObjectNode) choice(chunk).get("delta");
    }

    private static void write(ObjectNode node, OutputStream out) throws IOException {
        out.write(DATA);
        out.write(Json.bytes(node));
        out.write(END);
    }
}
