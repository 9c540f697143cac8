package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.spi.http.BufferedResponse;
import dev.sluice.spi.http.StreamDecoder;
import dev.sluice.spi.http.UpstreamResponse;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.Transcript;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine hands a stream's body to {@code chatStream}'s decoder in whatever pieces its reads return. Whatever the
 * pieces, the canonical events must be the same: each recorded transcript is fed whole, one byte at a time, and in
 * {@value #SPLITTINGS} random splittings (seeded, so a failure repeats), into heap slices and direct buffers alike.
 */
class OpenAiStreamChunkingTest {

    private static final Path TRANSCRIPTS = Path.of("src/test/resources/transcripts");
    private static final long SEED = 20251014L;
    private static final int SPLITTINGS = 50;

    private final OpenAiProvider provider = new OpenAiProvider(OpenAiSettings.from(new ProviderSpec("oai", "openai",
            Json.object().put("api_key", "sk-test"), "test.yaml: providers[0]")));

    /** The SSE transcripts, as recorded (LF) and with CRLF line ends, which some servers send. */
    static Stream<Arguments> sseTranscripts() {
        return Stream.of("stream.http", "tools-stream.http")
                .flatMap(file -> Stream.of(Arguments.of(file, false), Arguments.of(file, true)));
    }

    @ParameterizedTest(name = "{0}, CRLF {1}")
    @MethodSource("sseTranscripts")
    void theWholeBodyIsReadToItsUsageReport(String file, boolean crlf) {
        List<ChatEvent> events = decode(file, crlf, List.of(body(file, crlf).length));

        assertThat(events.getFirst()).isInstanceOf(ChatEvent.MessageStart.class);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(ChatEvent.MessageStop.class));
        assertThat(events.getLast()).isInstanceOf(ChatEvent.UsageReport.class);
        assertThat(events).isEqualTo(decode(file, false, List.of(body(file, false).length)));
    }

    @ParameterizedTest(name = "{0}, CRLF {1}")
    @MethodSource("sseTranscripts")
    void oneByteAtATimeGivesTheSameEventsAsTheWholeBody(String file, boolean crlf) {
        int length = body(file, crlf).length;

        assertThat(decode(file, crlf, Collections.nCopies(length, 1))).isEqualTo(decode(file, crlf, List.of(length)));
    }

    @ParameterizedTest(name = "{0}, CRLF {1}")
    @MethodSource("sseTranscripts")
    void randomSplittingsGiveTheSameEventsAsTheWholeBody(String file, boolean crlf) {
        assertSplittingsDoNotMatter(file, crlf);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat.http", "tools.http"})
    void aWholeJsonAnswerToAStreamRequestGivesTheSameEventsHoweverItIsSplit(String file) {
        int length = body(file, false).length;
        List<ChatEvent> whole = decode(file, false, List.of(length));

        assertThat(whole.getLast()).isInstanceOf(ChatEvent.UsageReport.class);
        assertThat(decode(file, false, Collections.nCopies(length, 1))).isEqualTo(whole);
        assertSplittingsDoNotMatter(file, false);
    }

    @Test
    void aCharacterSplitAcrossReadsIsNotMangled() {
        String text = "Ça va — très bien 🙂";
        String chunk = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}]}";
        byte[] body = ("data: " + chunk + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
        UpstreamResponse head = head(Map.of("content-type", "text/event-stream"));

        List<ChatEvent> events = feed(head, body, Collections.nCopies(body.length, 1), false);

        assertThat(ProviderContract.assemble(events).text()).isEqualTo(text);
    }

    private void assertSplittingsDoNotMatter(String file, boolean crlf) {
        byte[] body = body(file, crlf);
        List<ChatEvent> whole = decode(file, crlf, List.of(body.length));
        for (int i = 0; i < SPLITTINGS; i++) {
            Random random = new Random(SEED + i);
            List<Integer> chunks = randomChunks(body.length, random);
            boolean direct = random.nextBoolean();
            String splitting = String.format("%s (CRLF %s), splitting %d (seed %d, %s buffers), chunk lengths %s",
                    file, crlf, i, SEED + i, direct ? "direct" : "heap", chunks);
            List<ChatEvent> events;
            try {
                events = feed(head(file), body, chunks, direct);
            } catch (GatewayException e) {
                throw new AssertionError(splitting + ": " + e.getMessage(), e);
            }
            assertThat(events).as(splitting).isEqualTo(whole);
        }
    }

    /** Lengths adding up to {@code total}, each at most a random cap between 2 and 512, so both tiny and long runs. */
    private static List<Integer> randomChunks(int total, Random random) {
        int cap = 2 + random.nextInt(511);
        List<Integer> chunks = new ArrayList<>();
        for (int left = total; left > 0; ) {
            int n = Math.min(left, 1 + random.nextInt(cap));
            chunks.add(n);
            left -= n;
        }
        return chunks;
    }

    private List<ChatEvent> decode(String file, boolean crlf, List<Integer> chunks) {
        return feed(head(file), body(file, crlf), chunks, false);
    }

    /** Feeds {@code body} in pieces of the given lengths to a fresh decoder, as the engine would, and ends it. */
    private List<ChatEvent> feed(UpstreamResponse head, byte[] body, List<Integer> chunks, boolean direct) {
        List<ChatEvent> events = new ArrayList<>();
        StreamDecoder decoder = provider.chatStream(ProviderContract.question(true), head, events::add);
        int from = 0;
        for (int n : chunks) {
            ByteBuffer piece = direct ? ByteBuffer.allocateDirect(n).put(body, from, n).flip()
                    : ByteBuffer.wrap(body, from, n).slice(); // a slice: its array offset is not zero
            decoder.decode(piece);
            assertThat(piece.hasRemaining()).as("the decoder consumes every byte it is given").isFalse();
            from += n;
        }
        decoder.end();
        return events;
    }

    private static byte[] body(String file, boolean crlf) {
        byte[] body = transcript(file).body();
        return crlf ? new String(body, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)
                : body;
    }

    private static UpstreamResponse head(String file) {
        Transcript t = transcript(file);
        Map<String, String> headers = new LinkedHashMap<>();
        t.headers().forEach(h -> headers.put(h[0], h[1]));
        return head(headers);
    }

    private static UpstreamResponse head(Map<String, String> headers) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new BufferedResponse(200, HttpHeaders.of(multi, (name, value) -> true), null);
    }

    private static Transcript transcript(String file) {
        return Transcript.load(TRANSCRIPTS.resolve(file));
    }
}
