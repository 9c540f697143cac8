package dev.sluice.spi.http;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;

/**
 * Turns a format's own canonical stream decoder into a streamed fast path: the decoder reads each wire event into this
 * sink, which only notes what the gateway records (id, content, usage, stop reason); then {@link #pass} sends the
 * event's own bytes downstream as one {@link ChatEvent.Passed} carrying those notes. An event the decoder refused (an
 * in-stream error) throws before {@link #pass}, so its bytes never reach the caller as if they were an answer. One
 * instance per stream; not thread-safe.
 */
public final class PassedEvents implements ChatEventSink {

    private final ChatEventSink downstream;
    private String id;
    private int chars;
    private boolean content;
    private Usage usage;
    private StopReason stop;

    public PassedEvents(ChatEventSink downstream) {
        this.downstream = downstream;
    }

    /** Notes one canonical event of the wire event being read. */
    @Override
    public void accept(ChatEvent event) {
        switch (event) {
            case ChatEvent.MessageStart s -> id = s.id();
            case ChatEvent.TextDelta t -> {
                chars += t.text().length();
                content = true;
            }
            case ChatEvent.ToolUseStart t -> content = true;
            case ChatEvent.ToolUseDelta d -> chars += d.partialJson().length();
            case ChatEvent.MessageStop m -> stop = m.reason();
            case ChatEvent.UsageReport u -> usage = u.usage();
            case ChatEvent.Passed p -> downstream.accept(p);
        }
    }

    /** Sends {@code wire}, the event just read, with what was noted of it; then starts afresh. */
    public void pass(byte[] wire) {
        ChatEvent.Passed p = new ChatEvent.Passed(wire, id, chars, content, usage, stop);
        id = null;
        chars = 0;
        content = false;
        usage = null;
        stop = null;
        downstream.accept(p);
    }
}
