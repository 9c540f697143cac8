package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.BufferedResponse;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestProviderContext;
import dev.sluice.testkit.Transcript;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine hands {@link AnthropicProvider#chatStream}'s decoder the body as the network delivers it, split anywhere:
 * inside a line, between CR and LF, inside a UTF-8 character. However it is split, the canonical events are the same.
 */
class AnthropicStreamChunkingTest {

    private static final Path TRANSCRIPTS = Path.of("src/test/resources/transcripts");
    private static final long SEED = 20251014L;
    private static final int SPLITTINGS = 50;

    private final AnthropicProvider provider = (AnthropicProvider) new AnthropicProviderFactory().create(
            new ProviderSpec("claude", "anthropic", Json.object().put("api_key", "sk-ant-x"), "t.yaml: providers[0]"),
            new TestProviderContext());

    @ParameterizedTest
    @ValueSource(strings = {"stream.http", "tools-stream.http"})
    void aTranscriptSplitIntoSingleBytesGivesTheSameEventsAsWhole(String file) {
        Transcript t = Transcript.load(TRANSCRIPTS.resolve(file));
        List<ChatEvent> whole = decodeWhole(t);
        assertThat(whole).last().isInstanceOf(ChatEvent.UsageReport.class);
        assertThat(whole).anySatisfy(e -> assertThat(e).isInstanceOf(ChatEvent.MessageStop.class));

        assertThat(decode(t, everyByte(t.body().length))).isEqualTo(whole);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream.http", "tools-stream.http"})
    void aTranscriptSplitAtRandomPointsGivesTheSameEventsAsWhole(String file) {
        Transcript t = Transcript.load(TRANSCRIPTS.resolve(file));
        List<ChatEvent> whole = decodeWhole(t);
        Random random = new Random(SEED);
        for (int i = 0; i < SPLITTINGS; i++) {
            List<Integer> cuts = randomCuts(random, t.body().length);
            String splitting = file + " cut at " + cuts + " (seed " + SEED + ", splitting " + i + ")";
            List<ChatEvent> events;
            try {
                events = decode(t, cuts);
            } catch (RuntimeException e) {
                throw new AssertionError(splitting + " failed: " + e.getMessage(), e);
            }
            assertThat(events).as(splitting).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream.http", "tools-stream.http"})
    void crLfLineEndsSplitBetweenCrAndLfGiveTheSameEventsAsLf(String file) {
        Transcript lf = Transcript.load(TRANSCRIPTS.resolve(file));
        byte[] crlf = new String(lf.body(), StandardCharsets.UTF_8).replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        Transcript t = new Transcript(lf.status(), lf.headers(), crlf);
        assertThat(decode(t, everyByte(crlf.length))).isEqualTo(decodeWhole(lf));
    }

    @Test
    void aCharacterSplitAcrossChunksArrivesWhole() {
        String text = "Paris: 22 °C, ☀️ — café au 日本";
        byte[] body = ("event: message_start\n"
                + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"model\":\"c\"}}\n\n"
                + "event: content_block_delta\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}\n\n"
                + "event: message_delta\n"
                + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}\n\n")
                .getBytes(StandardCharsets.UTF_8);
        Transcript t = new Transcript(200, List.of(), body);
        assertThat(decode(t, everyByte(body.length))).containsExactly(
                new ChatEvent.MessageStart("m", "c"),
                new ChatEvent.TextDelta(0, text),
                new ChatEvent.MessageStop(StopReason.END_TURN, null));
    }

    private List<ChatEvent> decodeWhole(Transcript t) {
        return decode(t, List.of());
    }

    /**
     * Feeds the body cut at {@code cuts} (ascending offsets inside it), as the engine would: chunks alternate between
     * a heap buffer's slice (non-zero array offset), a buffer positioned inside a whole array, and a direct buffer.
     */
    private List<ChatEvent> decode(Transcript t, List<Integer> cuts) {
        List<ChatEvent> events = new ArrayList<>();
        StreamDecoder decoder = provider.chatStream(ProviderContract.question(true), head(t), events::add);
        byte[] body = t.body();
        int from = 0;
        List<Integer> ends = new ArrayList<>(cuts);
        ends.add(body.length);
        for (int i = 0; i < ends.size(); i++) {
            int to = ends.get(i);
            ByteBuffer chunk = switch (i % 3) {
                case 0 -> ByteBuffer.wrap(body, from, to - from);
                case 1 -> ByteBuffer.wrap(body).position(from).limit(to).slice();
                default -> ByteBuffer.allocateDirect(to - from).put(body, from, to - from).flip();
            };
            decoder.decode(chunk);
            assertThat(chunk.hasRemaining()).as("the decoder consumes every byte it is given").isFalse();
            from = to;
        }
        decoder.end();
        return events;
    }

    private static BufferedResponse head(Transcript t) {
        Map<String, List<String>> headers = t.headers().stream().collect(Collectors.groupingBy(h -> h[0],
                Collectors.mapping(h -> h[1], Collectors.toList())));
        return new BufferedResponse(t.status(), HttpHeaders.of(headers, (name, value) -> true), null);
    }

    private static List<Integer> everyByte(int length) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < length; i++) {
            cuts.add(i);
        }
        return cuts;
    }

    /** Between 1 and 40 distinct cut points, anywhere inside the body. */
    private static List<Integer> randomCuts(Random random, int length) {
        int count = 1 + random.nextInt(40);
        TreeSet<Integer> cuts = new TreeSet<>();
        while (cuts.size() < count) {
            cuts.add(1 + random.nextInt(length - 1));
        }
        return List.copyOf(cuts);
    }
}
