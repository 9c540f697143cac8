package dev.sluice.testkit;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.spi.http.StreamDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/** Replays a recorded stream through a streamed fast path's decoder and reads what it passed. */
public final class PassedStreams {

    private PassedStreams() { }

    /** Feeds {@code body} to {@code decoder} in pieces of 1 to 64 bytes drawn from {@code seed}, then ends it. */
    public static void feed(StreamDecoder decoder, byte[] body, long seed) {
        Random random = new Random(seed);
        int at = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + random.nextInt(64));
            decoder.decode(ByteBuffer.wrap(body, at, n).slice());
            at += n;
        }
        decoder.end();
    }

    /** The bytes the caller was sent: every passed event's, in order. */
    public static byte[] wire(List<ChatEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ChatEvent e : events) {
            out.writeBytes(((ChatEvent.Passed) e).wire());
        }
        return out.toByteArray();
    }

    /** What the passed events noted, as the ledger would record it. */
    public record Notes(String id, int contentChars, Usage usage, StopReason stop, int firstContent) { }

    public static Notes notes(List<ChatEvent> events) {
        String id = null;
        int chars = 0;
        Usage usage = null;
        StopReason stop = null;
        int first = -1;
        for (int i = 0; i < events.size(); i++) {
            ChatEvent.Passed p = (ChatEvent.Passed) events.get(i);
            id = p.id() != null ? p.id() : id;
            chars += p.contentChars();
            usage = p.usage() != null ? p.usage() : usage;
            stop = p.stop() != null ? p.stop() : stop;
            if (first < 0 && p.content()) {
                first = i;
            }
        }
        return new Notes(id, chars, usage, stop, first);
    }
}
