package dev.sluice.api.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Rebuilds a {@link ChatResponse} from stream events: used to answer a non-streaming caller from a streaming
 * upstream, and by tests. Not thread-safe; one instance per stream.
 */
public final class ChatResponseAssembler implements ChatEventSink {

    private final TreeMap<Integer, Object> blocks = new TreeMap<>();
    private String id = "";
    private String model = "";
    private StopReason stopReason;
    private String stopSequence;
    private Usage usage = Usage.EMPTY;
    private boolean stopped;

    private static final class ToolBuilder {
        final String id;
        final String name;
        final StringBuilder json = new StringBuilder();

        ToolBuilder(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Override
    public void accept(ChatEvent event) {
        switch (event) {
            case ChatEvent.MessageStart s -> {
                id = s.id();
                model = s.model();
            }
            case ChatEvent.TextDelta t ->
                    ((StringBuilder) blocks.computeIfAbsent(t.block(), k -> new StringBuilder())).append(t.text());
            case ChatEvent.ToolUseStart t -> blocks.put(t.block(), new ToolBuilder(t.id(), t.name()));
            case ChatEvent.ToolUseDelta d -> {
                if (blocks.get(d.block()) instanceof ToolBuilder tb) {
                    tb.json.append(d.partialJson());
                }
            }
            case ChatEvent.MessageStop m -> {
                stopReason = m.reason();
                stopSequence = m.stopSequence();
                stopped = true;
            }
            case ChatEvent.UsageReport u -> usage = u.usage();
            case ChatEvent.Passed p -> { // its bytes are not read: only what it notes
                if (p.id() != null) {
                    id = p.id();
                }
                if (p.usage() != null) {
                    usage = p.usage();
                }
                if (p.stop() != null) {
                    stopReason = p.stop();
                    stopped = true;
                }
            }
        }
    }

    /** True once a {@link ChatEvent.MessageStop} was seen. */
    public boolean complete() { return stopped; }

    public ChatResponse response(long createdEpochSeconds) {
        List<ContentBlock> content = new ArrayList<>();
        for (Object b : blocks.values()) {
            if (b instanceof StringBuilder sb) {
                content.add(new ContentBlock.Text(sb.toString()));
            } else if (b instanceof ToolBuilder tb) {
                content.add(new ContentBlock.ToolUse(tb.id, tb.name, tb.json.toString()));
            }
        }
        return new ChatResponse(id, model, content, stopReason, stopSequence, usage, createdEpochSeconds);
    }
}
