package dev.sluice.spi.http;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Frames {@code text/event-stream} bytes into events incrementally, as the W3C EventSource spec does: lines end with
 * CRLF, LF or CR (a CRLF split across two reads counts once), {@code field: value} lines, a blank line ends an event,
 * several {@code data} lines join with newlines, comments and unknown fields are ignored. Bytes may arrive split
 * anywhere, inside a line or a UTF-8 character. An event pending when the body ends is still delivered.
 *
 * <p>One instance per stream; not thread-safe. Lines and events are capped at {@link #MAX_EVENT_BYTES}: a longer one
 * is an {@link ErrorType#UPSTREAM_ERROR}.
 */
public final class SseDecoder {

    /** Receives each event in order; returns false when it wants no more (the rest of the body is skipped). */
    @FunctionalInterface
    public interface Handler {
        boolean onEvent(SseEvent event);
    }

    public static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private final Handler handler;
    private final String providerId;
    private byte[] line = new byte[512];
    private int lineLength;
    private boolean afterCr;
    private String event;
    private StringBuilder data;
    private boolean stopped;

    public SseDecoder(Handler handler, String providerId) {
        this.handler = handler;
        this.providerId = providerId;
    }

    /** Consumes all of {@code bytes}, delivering every event they complete. */
    public void decode(ByteBuffer bytes) {
        if (bytes.hasArray()) {
            byte[] a = bytes.array();
            int end = bytes.arrayOffset() + bytes.limit();
            for (int i = bytes.arrayOffset() + bytes.position(); i < end && !stopped; i++) {
                accept(a[i]);
            }
        } else {
            while (bytes.hasRemaining() && !stopped) {
                accept(bytes.get());
            }
        }
        bytes.position(bytes.limit());
    }

    /** The body ended: a last line without its line end, and an event without its blank line, still count. */
    public void end() {
        if (stopped) {
            return;
        }
        if (lineLength > 0) {
            lineEnded();
        }
        dispatch();
    }

    /** True once the handler asked for no more events. */
    public boolean stopped() {
        return stopped;
    }

    private void accept(byte b) {
        if (b == '\n') {
            if (!afterCr) {
                lineEnded();
            }
            afterCr = false;
        } else if (b == '\r') {
            afterCr = true;
            lineEnded();
        } else {
            afterCr = false;
            if (lineLength == line.length) {
                grow();
            }
            line[lineLength++] = b;
        }
    }

    private void grow() {
        if (line.length >= MAX_EVENT_BYTES) {
            throw tooLong();
        }
        line = Arrays.copyOf(line, Math.min(MAX_EVENT_BYTES, line.length * 2));
    }

    private void lineEnded() {
        int n = lineLength;
        lineLength = 0;
        if (n == 0) {
            dispatch();
            return;
        }
        if (line[0] == ':') {
            return;
        }
        int colon = -1;
        for (int i = 0; i < n; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        int nameEnd = colon < 0 ? n : colon;
        int valueStart = colon < 0 ? n : colon + 1;
        if (valueStart < n && line[valueStart] == ' ') {
            valueStart++;
        }
        if (is(nameEnd, "data")) {
            String value = new String(line, valueStart, n - valueStart, StandardCharsets.UTF_8);
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                if (data.length() + value.length() + 1 > MAX_EVENT_BYTES) {
                    throw tooLong();
                }
                data.append('\n').append(value);
            }
        } else if (is(nameEnd, "event")) {
            event = new String(line, valueStart, n - valueStart, StandardCharsets.UTF_8);
        }
    }

    private boolean is(int nameLength, String field) {
        if (nameLength != field.length()) {
            return false;
        }
        for (int i = 0; i < nameLength; i++) {
            if (line[i] != field.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void dispatch() {
        if (data == null && event == null) {
            return;
        }
        SseEvent e = new SseEvent(event, data == null ? "" : data.toString());
        event = null;
        data = null;
        if (!handler.onEvent(e)) {
            stopped = true;
        }
    }

    private GatewayException tooLong() {
        return new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502, "provider '" + providerId
                + "' sent a stream event longer than " + MAX_EVENT_BYTES + " bytes", providerId, null, null));
    }
}
