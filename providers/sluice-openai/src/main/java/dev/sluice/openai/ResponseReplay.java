package dev.sluice.openai;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;

/** Plays a whole answer as stream events, for servers that answer a streamed request in one piece. */
final class ResponseReplay {

    private ResponseReplay() { }

    static void emit(ChatResponse response, ChatEventSink sink) {
        sink.accept(new ChatEvent.MessageStart(response.id(), response.model()));
        int block = 0;
        for (ContentBlock b : response.content()) {
            if (b instanceof ContentBlock.Text t) {
                sink.accept(new ChatEvent.TextDelta(block++, t.text()));
            } else if (b instanceof ContentBlock.ToolUse u) {
                sink.accept(new ChatEvent.ToolUseStart(block, u.id(), u.name()));
                sink.accept(new ChatEvent.ToolUseDelta(block++, u.argumentsJson()));
            }
        }
        sink.accept(new ChatEvent.MessageStop(response.stopReason(), response.stopSequence()));
        sink.accept(new ChatEvent.UsageReport(response.usage()));
    }
}
