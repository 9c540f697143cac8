package dev.sluice.gateway.cache;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import java.util.List;

/**
 * A stored answer told as a stream: the canonical events a provider would have sent for it, which the caller's own
 * encoder turns into its format (OpenAI or Anthropic server-sent events, Bedrock's event stream). Stateless.
 */
final class Replay {

    private Replay() { }

    /** Sends {@code answer} to {@code sink} as one stream, on the calling thread. */
    static void play(ChatResponse answer, ChatEventSink sink) {
        sink.accept(new ChatEvent.MessageStart(answer.id(), answer.model()));
        List<ContentBlock> content = answer.content();
        for (int i = 0; i < content.size(); i++) {
            switch (content.get(i)) {
                case ContentBlock.Text t -> sink.accept(new ChatEvent.TextDelta(i, t.text()));
                case ContentBlock.ToolUse u -> {
                    sink.accept(new ChatEvent.ToolUseStart(i, u.id(), u.name()));
                    sink.accept(new ChatEvent.ToolUseDelta(i, u.argumentsJson()));
                }
                default -> { } // answers hold text and tool uses only
            }
        }
        sink.accept(new ChatEvent.MessageStop(answer.stopReason(), answer.stopSequence()));
        sink.accept(new ChatEvent.UsageReport(answer.usage()));
    }
}
