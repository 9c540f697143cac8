package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.Usage;
import dev.sluice.bedrock.StreamTranscriptGenerator.Event;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ConverseStream whose {@code metadata} event counts prompt-cache reads and writes: they land in the canonical usage,
 * which counts all input (Bedrock's {@code inputTokens} counts only the uncached part).
 */
class BedrockCachedUsageStreamTest {

    private static final List<Event> CACHED = List.of(
            new Event("messageStart", "{\"p\":\"abcdefgh\",\"role\":\"assistant\"}"),
            new Event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Paris.\"},\"p\":\"ab\"}"),
            new Event("contentBlockStop", "{\"contentBlockIndex\":0,\"p\":\"abcdefghijk\"}"),
            new Event("messageStop", "{\"p\":\"abcdefghijklmn\",\"stopReason\":\"end_turn\"}"),
            new Event("metadata", "{\"metrics\":{\"latencyMs\":212},\"p\":\"abc\",\"usage\":{\"inputTokens\":21,"
                    + "\"outputTokens\":8,\"totalTokens\":1837,\"cacheReadInputTokens\":1800,"
                    + "\"cacheWriteInputTokens\":8}}"));

    @Test
    void cacheReadsAndWritesOfTheMetadataEventLandInTheUsage() {
        List<ChatEvent> events = new ArrayList<>();
        BedrockStreamDecoder decoder = new BedrockStreamDecoder(events::add, "br", "req-1", "claude");
        decoder.decode(ByteBuffer.wrap(StreamTranscriptGenerator.body(CACHED)));
        decoder.end();
        assertThat(events.getLast()).isEqualTo(new ChatEvent.UsageReport(new Usage(1829, 8, 1800, 8, 0)));
    }
}
