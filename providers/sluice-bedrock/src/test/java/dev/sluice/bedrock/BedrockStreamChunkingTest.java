package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.BufferedResponse;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestProviderContext;
import dev.sluice.testkit.Transcript;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * However the engine's reads split a ConverseStream body (one byte at a time, anywhere, into heap or direct buffers
 * of either byte order), the provider's stream decoder gives exactly the events it gives for the whole body, and a
 * body cut inside a frame fails.
 */
class BedrockStreamChunkingTest {

    static final long SEED = 20251014L;
    static final int SPLITTINGS = 50;

    final BedrockProvider provider = (BedrockProvider) new BedrockProviderFactory().create(new ProviderSpec("br",
            "bedrock", Json.object().put("id", "br").put("type", "bedrock").put("region", "us-east-1")
                    .put("api_key", "k"), "test.yaml"), new TestProviderContext());

    /** The events the decoder gives for {@code chunks}, fed in order, then the end of the body. */
    List<ChatEvent> decode(Transcript transcript, List<ByteBuffer> chunks) {
        List<ChatEvent> events = new ArrayList<>();
        ChatRequest request = ProviderContract.question(true);
        StreamDecoder decoder = provider.chatStream(request, head(transcript), events::add);
        for (ByteBuffer chunk : chunks) {
            decoder.decode(chunk);
            assertThat(chunk.hasRemaining()).as("the decoder consumes every byte it is given").isFalse();
        }
        decoder.end();
        return events;
    }

    static BufferedResponse head(Transcript transcript) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        transcript.headers().forEach(h -> headers.computeIfAbsent(h[0], k -> new ArrayList<>()).add(h[1]));
        return new BufferedResponse(transcript.status(), HttpHeaders.of(headers, (name, value) -> true), null);
    }

    static Transcript load(String name) {
        return Transcript.load(StreamTranscriptGenerator.DIR.resolve(name));
    }

    /** The whole body in one buffer: what every other splitting must match, and a full answer itself. */
    List<ChatEvent> reference(Transcript transcript) {
        List<ChatEvent> events = decode(transcript, List.of(ByteBuffer.wrap(transcript.body())));
        assertThat(events.getFirst()).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(events).hasAtLeastOneElementOfType(ChatEvent.MessageStop.class);
        assertThat(events.getLast()).isInstanceOf(ChatEvent.UsageReport.class);
        return events;
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream.http", "tools-stream.http"})
    void oneByteAtATimeGivesTheSameEventsAsTheWholeBody(String name) {
        Transcript transcript = load(name);
        byte[] body = transcript.body();
        List<ByteBuffer> bytes = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            bytes.add(ByteBuffer.wrap(body, i, 1));
        }
        assertThat(decode(transcript, bytes)).isEqualTo(reference(transcript));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream.http", "tools-stream.http"})
    void randomSplitsIntoAnyKindOfBufferGiveTheSameEventsAsTheWholeBody(String name) {
        Transcript transcript = load(name);
        List<ChatEvent> expected = reference(transcript);
        Random random = new Random(SEED);
        for (int splitting = 0; splitting < SPLITTINGS; splitting++) {
            List<ByteBuffer> chunks = randomChunks(transcript.body(), random);
            assertThat(decode(transcript, chunks)).as("splitting %d into %d chunks", splitting, chunks.size())
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream.http", "tools-stream.http"})
    void aBodyCutInsideAnyFrameIsAnUpstreamError(String name) {
        Transcript transcript = load(name);
        byte[] body = transcript.body();
        for (int frame = 0; frame < body.length; frame += ByteBuffer.wrap(body, frame, 4).getInt()) {
            int length = ByteBuffer.wrap(body, frame, 4).getInt();
            for (int cut : new int[] {frame + 1, frame + 11, frame + 12, frame + length / 2, frame + length - 1}) {
                byte[] partial = Arrays.copyOf(body, cut);
                assertThatThrownBy(() -> decode(transcript, List.of(ByteBuffer.wrap(partial))))
                        .as("cut at byte %d", cut)
                        .isInstanceOfSatisfying(GatewayException.class, e -> {
                            assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                            assertThat(e.error().message()).contains("'br'").contains("ended inside a message");
                        });
            }
        }
    }

    /**
     * The body cut at 1 to 40 random points, each piece in a buffer as an engine might hand it over: a window of a
     * larger heap array, or a direct buffer, set to either byte order.
     */
    static List<ByteBuffer> randomChunks(byte[] body, Random random) {
        TreeSet<Integer> cuts = new TreeSet<>();
        int count = 1 + random.nextInt(40);
        while (cuts.size() < count) {
            cuts.add(1 + random.nextInt(body.length - 1));
        }
        cuts.add(body.length);
        List<ByteBuffer> chunks = new ArrayList<>();
        int from = 0;
        for (int to : cuts) {
            chunks.add(buffer(body, from, to, random));
            from = to;
        }
        return chunks;
    }

    private static ByteBuffer buffer(byte[] body, int from, int to, Random random) {
        ByteBuffer b;
        if (random.nextBoolean()) {
            b = ByteBuffer.allocateDirect(to - from).put(body, from, to - from).flip();
        } else {
            byte[] padded = new byte[to - from + 16];
            System.arraycopy(body, from, padded, 8, to - from);
            b = ByteBuffer.wrap(padded, 8, to - from); // a window that starts at position 8
        }
        return b.order(random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }
}
