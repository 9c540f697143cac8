package dev.sluice.bedrock;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Builds and reads the AWS event-stream messages of ConverseStream: {@code :message-type} {@code event} with an
 * {@code :event-type}, or {@code exception} with an {@code :exception-type}; JSON payloads. The
 * {@link Message} encoder writes the prelude and message CRC32 checksums. Stateless.
 */
final class EventFrames {

    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
    static final String MESSAGE_TYPE = ":message-type";
    static final String EVENT_TYPE = ":event-type";
    static final String EXCEPTION_TYPE = ":exception-type";
    static final String HEADER_CONTENT_TYPE = ":content-type";

    private EventFrames() { }

    static Message event(String eventType, byte[] json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(EVENT_TYPE, HeaderValue.fromString(eventType));
        headers.put(HEADER_CONTENT_TYPE, HeaderValue.fromString("application/json"));
        headers.put(MESSAGE_TYPE, HeaderValue.fromString("event"));
        return new Message(headers, json);
    }

    static Message exception(String exceptionType, byte[] json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(EXCEPTION_TYPE, HeaderValue.fromString(exceptionType));
        headers.put(HEADER_CONTENT_TYPE, HeaderValue.fromString("application/json"));
        headers.put(MESSAGE_TYPE, HeaderValue.fromString("exception"));
        return new Message(headers, json);
    }

    /** A string header of a decoded message, or null when absent or not a string. */
    static String header(Message message, String name) {
        HeaderValue v = message.getHeaders().get(name);
        if (v == null) {
            return null;
        }
        try {
            return v.getString();
        } catch (RuntimeException notAString) {
            return null;
        }
    }
}
