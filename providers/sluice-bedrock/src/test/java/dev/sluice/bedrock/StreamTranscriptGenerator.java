package dev.sluice.bedrock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Writes the binary ConverseStream transcripts ({@code stream.http}, {@code tools-stream.http}) from the JSON event
 * payloads that the Bedrock Runtime API reference documents, framed with the eventstream library itself (not with
 * Sluice's encoder), so that the decoder is tested against independently made frames with real CRCs.
 *
 * <p>Run once with {@code main} from the module folder; {@code StreamTranscriptsTest} checks that the committed
 * files are still exactly what this class writes.
 */
final class StreamTranscriptGenerator {

    static final Path DIR = Path.of("src/test/resources/transcripts");

    /** One event: its {@code :event-type} and JSON payload (with Bedrock's {@code p} padding field). */
    record Event(String type, String json) { }

    static final List<Event> STREAM = List.of(
            new Event("messageStart", "{\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO\",\"role\":\"assistant\"}"),
            new Event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"The\"},\"p\":\"abcdef\"}"),
            new Event("contentBlockDelta",
                    "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" capital of\"},\"p\":\"abcdefghijklm\"}"),
            new Event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" France\"},\"p\":\"abc\"}"),
            new Event("contentBlockDelta",
                    "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" is Paris.\"},\"p\":\"abcdefghij\"}"),
            new Event("contentBlockStop", "{\"contentBlockIndex\":0,\"p\":\"abcdefghijklmnopqrstuvwxyzABCDE\"}"),
            new Event("messageStop", "{\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN\",\"stopReason\":\"end_turn\"}"),
            new Event("metadata", "{\"metrics\":{\"latencyMs\":412},\"p\":\"abcdefghij\","
                    + "\"usage\":{\"inputTokens\":21,\"outputTokens\":8,\"totalTokens\":29}}"));

    static final List<Event> TOOLS_STREAM = List.of(
            new Event("messageStart", "{\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGH\",\"role\":\"assistant\"}"),
            new Event("contentBlockDelta",
                    "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"I'll look up\"},\"p\":\"abcdefgh\"}"),
            new Event("contentBlockDelta",
                    "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" the weather in Paris.\"},\"p\":\"abcd\"}"),
            new Event("contentBlockStop", "{\"contentBlockIndex\":0,\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGHI\"}"),
            new Event("contentBlockStart", "{\"contentBlockIndex\":1,\"p\":\"abcdefghijklmnop\",\"start\":{"
                    + "\"toolUse\":{\"name\":\"get_weather\",\"toolUseId\":\"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q\"}}}"),
            new Event("contentBlockDelta",
                    "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\"}},\"p\":\"abcdefghijklmnopqr\"}"),
            new Event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":"
                    + "\"{\\\"location\\\"\"}},\"p\":\"abcdefghijklmnopqrstuvw\"}"),
            new Event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":"
                    + "\": \\\"Paris\\\"}\"}},\"p\":\"abcdefghijklmnopqrstu\"}"),
            new Event("contentBlockStop", "{\"contentBlockIndex\":1,\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFG\"}"),
            new Event("messageStop", "{\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP\",\"stopReason\":\"tool_use\"}"),
            new Event("metadata", "{\"metrics\":{\"latencyMs\":987},\"p\":\"abcdefghijklmnopq\","
                    + "\"usage\":{\"inputTokens\":64,\"outputTokens\":18,\"totalTokens\":82}}"));

    private StreamTranscriptGenerator() { }

    static Message frame(Event e) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(e.type()));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return new Message(headers, e.json().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] body(List<Event> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(e -> frame(e).encode(out));
        return out.toByteArray();
    }

    static byte[] transcript(String requestId, List<Event> events) {
        String head = "HTTP/1.1 200 OK\n"
                + "Date: Tue, 14 Oct 2025 09:12:41 GMT\n"
                + "Content-Type: application/vnd.amazon.eventstream\n"
                + "Connection: keep-alive\n"
                + "x-amzn-RequestId: " + requestId + "\n"
                + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body(events));
        return out.toByteArray();
    }

    static byte[] stream() {
        return transcript("6b1d5c0e-8a3f-4d21-9c7e-2f4a8b9d0e13", STREAM);
    }

    static byte[] toolsStream() {
        return transcript("a2c4e6f8-1b3d-4f5a-8c7e-9d0b1a2c3e4f", TOOLS_STREAM);
    }

    public static void main(String[] args) throws IOException {
        Files.write(DIR.resolve("stream.http"), stream());
        Files.write(DIR.resolve("tools-stream.http"), toolsStream());
    }
}
