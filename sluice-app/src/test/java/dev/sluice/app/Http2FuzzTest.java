package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 frames with their bytes mutated, and the known HTTP/2 floods, sent raw (h2c with prior knowledge) to a real
 * Sluice, from a fixed seed ({@code -Dfuzz.seed=N}, {@code -Dfuzz.h2_cases=N} to explore further). No answer may have
 * a 5xx status, and after every case the server must still answer a whole valid HTTP/2 call and an HTTP/1.1 one. The
 * floods (streams opened and reset at once, CONTINUATION frames without end, PING and SETTINGS storms) must end in a
 * GOAWAY or a closed connection, not in a server that reads forever. The unmutated request is checked first, so that
 * a framing mistake in this test cannot pass as a server that survives everything.
 */
class Http2FuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    private static final int CASES = Integer.getInteger("fuzz.h2_cases", 240);
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0;
    private static final int HEADERS = 1;
    private static final int RST_STREAM = 3;
    private static final int SETTINGS = 4;
    private static final int PING = 6;
    private static final int GOAWAY = 7;
    private static final int CONTINUATION = 9;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;

    @TempDir
    static Path dir;
    private static RunningSluice sluice;

    @BeforeAll
    static void start() {
        sluice = new RunningSluice("server: {port: 0, host: 127.0.0.1, master_key: " + RunningSluice.KEY
                + ", header_timeout_ms: 1000, body_timeout_ms: 1000}\n"
                + "storage: none\n"
                + "providers: [{id: sim, type: simulator}]\n"
                + "models: [{name: sim-echo, provider: sim, options: {reply: echo}}]\n", dir);
    }

    @AfterAll
    static void stop() {
        sluice.close();
    }

    /** One frame on the wire: a 9-byte header and its payload. */
    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24 & 0x7f);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }

    private static byte[] hpack(int stream, Http2Headers headers) throws Exception {
        ByteBuf out = Unpooled.buffer();
        try {
            new DefaultHttp2HeadersEncoder().encodeHeaders(stream, headers, out);
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            return bytes;
        } finally {
            out.release();
        }
    }

    private static Http2Headers chatHeaders(int bodyLength) {
        return new DefaultHttp2Headers().method("POST").scheme("http").authority("127.0.0.1")
                .path("/v1/chat/completions").add("authorization", "Bearer " + RunningSluice.KEY)
                .add("content-type", "application/json").add("content-length", Integer.toString(bodyLength));
    }

    private static final byte[] BODY = """
            {"model":"sim-echo","messages":[{"role":"user","content":"hi"}],"max_tokens":5}"""
            .getBytes(StandardCharsets.UTF_8);

    /** The frames of one valid chat call on {@code stream}, the client's SETTINGS first. */
    private static List<byte[]> validCall(int stream) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        frames.add(frame(SETTINGS, 0, 0, new byte[0]));
        frames.add(frame(HEADERS, END_HEADERS, stream, hpack(stream, chatHeaders(BODY.length))));
        frames.add(frame(DATA, END_STREAM, stream, BODY));
        return frames;
    }

    /** What came back on one connection: the frame types, the statuses of responses, whether it was closed. */
    private record Outcome(List<Integer> types, List<Integer> statuses, boolean closed, String body) {
        boolean goneAway() {
            return closed || types.contains(GOAWAY);
        }
    }

    /**
     * Sends the preface and {@code bytes}, then reads frames until the server closes, sends GOAWAY, ends a response
     * stream, resets one, or stays quiet for {@code quiet}.
     */
    private static Outcome exchange(byte[] bytes, Duration quiet) throws Exception {
        return exchange(bytes, quiet, 0);
    }

    /** As above, with a receive buffer of {@code receiveBuffer} bytes when positive: a client slow to read. */
    private static Outcome exchange(byte[] bytes, Duration quiet, int receiveBuffer) throws Exception {
        try (Socket s = new Socket()) {
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            s.connect(new java.net.InetSocketAddress("127.0.0.1", sluice.port()));
            s.setSoTimeout((int) quiet.toMillis());
            try {
                s.getOutputStream().write(PREFACE);
                s.getOutputStream().write(bytes);
                s.getOutputStream().flush();
            } catch (IOException e) {
                // the server may close while we still write (a GOAWAY after the first bad frame): read what it said
            }
            return read(s.getInputStream());
        }
    }

    private static Outcome read(InputStream in) throws Exception {
        List<Integer> types = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
        boolean closed = false;
        try {
            while (true) {
                byte[] head = in.readNBytes(9);
                if (head.length < 9) {
                    closed = true;
                    break;
                }
                int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | head[2] & 0xff;
                int type = head[3] & 0xff;
                int flags = head[4] & 0xff;
                int stream = (head[5] & 0x7f) << 24 | (head[6] & 0xff) << 16 | (head[7] & 0xff) << 8 | head[8] & 0xff;
                byte[] payload = in.readNBytes(length);
                if (payload.length < length) {
                    closed = true;
                    break;
                }
                types.add(type);
                if (type == HEADERS) {
                    ByteBuf block = Unpooled.wrappedBuffer(payload);
                    Http2Headers h = decoder.decodeHeaders(stream, block);
                    if (h.status() != null) {
                        statuses.add(Integer.parseInt(h.status().toString()));
                    }
                } else if (type == DATA) {
                    body.write(payload);
                }
                if (type == GOAWAY || type == RST_STREAM
                        || (type == DATA || type == HEADERS) && (flags & END_STREAM) != 0) {
                    break;
                }
            }
        } catch (SocketTimeoutException quiet) {
            // nothing more within the quiet time: the outcome is what came
        } catch (IOException reset) {
            closed = true;
        }
        return new Outcome(types, statuses, closed, body.toString(StandardCharsets.UTF_8));
    }

    private static byte[] concat(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The server still answers a whole valid HTTP/2 call and an HTTP/1.1 one. */
    private static void stillServes(String after) throws Exception {
        Outcome ok = exchange(concat(validCall(1)), Duration.ofSeconds(10));
        assertThat(ok.statuses()).as("a valid HTTP/2 call after " + after).containsExactly(200);
        HttpResponse<String> health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(sluice.baseUrl() + "/health")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("HTTP/1.1 after " + after).isEqualTo(200);
    }

    @Test
    void theUnmutatedCallIsAnswered() throws Exception {
        Outcome ok = exchange(concat(validCall(1)), Duration.ofSeconds(10));
        assertThat(ok.statuses()).containsExactly(200);
        assertThat(ok.types()).contains(HEADERS, DATA);
    }

    @Test
    void mutatedFramesGetNo5xxAndTheServerKeepsServing() throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(new TeeOutputStream(err, logged), true)); // slf4j-simple writes here
        try {
            fuzz();
        } finally {
            System.setErr(err);
        }
        assertThat(logged.toString(StandardCharsets.UTF_8)).as("a peer's protocol error is not a warning with a trace")
                .doesNotContain("reached at the tail of the pipeline");
    }

    /** Writes to both. */
    private static final class TeeOutputStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeOutputStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }

    /** The cases on 6 threads, each from its own seed; every 25 of a thread's cases the server must still serve. */
    private void fuzz() throws Exception {
        Map<String, Integer> outcomes = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
        try {
            List<java.util.concurrent.Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    Random random = new Random(SEED + thread);
                    int done = 0;
                    for (int i = thread; i < CASES; i += THREADS) {
                        oneCase(i, random, outcomes);
                        if (++done % 25 == 0) {
                            stillServes("case " + i);
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        stillServes("all the cases");
        System.out.printf("h2 fuzz (seed %d, %d cases): %s%n", SEED, CASES, outcomes);
    }

    private static final int THREADS = 6;

    private static void oneCase(int i, Random random, Map<String, Integer> outcomes) throws Exception {
        String[] kind = {MUTATIONS[random.nextInt(MUTATIONS.length)]};
        byte[] bytes = mutate(kind, random);
        Outcome o = exchange(bytes, Duration.ofMillis(2_000));
        for (int status : o.statuses()) {
            assertThat(status).as("case %d (%s): %s", i, kind[0], o.body()).isLessThan(500);
        }
        String seen = !o.statuses().isEmpty() ? "status " + o.statuses().getFirst()
                : o.goneAway() ? "goaway or closed" : o.types().contains(RST_STREAM) ? "stream reset" : "no answer yet";
        outcomes.merge(kind[0] + " -> " + seen, 1, Integer::sum);
    }

    private static final String[] MUTATIONS = {"flip", "truncate", "length", "stream id", "frame type",
        "bad header", "window", "settings", "padding"};

    /** The valid call's bytes mutated as {@code kind[0]} says; a bad header's name is added to it. */
    private static byte[] mutate(String[] kind, Random random) throws Exception {
        List<byte[]> frames = validCall(1);
        switch (kind[0]) {
            case "flip" -> { // random bytes of the HEADERS or DATA frame changed
                byte[] f = frames.get(1 + random.nextInt(2));
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    f[random.nextInt(f.length)] = (byte) random.nextInt(256);
                }
            }
            case "truncate" -> { // the connection's bytes cut anywhere after the preface
                byte[] all = concat(frames);
                return java.util.Arrays.copyOf(all, random.nextInt(all.length));
            }
            case "length" -> { // a frame's length field says more or less than follows
                byte[] f = frames.get(random.nextInt(3));
                int length = random.nextBoolean() ? random.nextInt(1 << 24) : random.nextInt(16);
                f[0] = (byte) (length >>> 16);
                f[1] = (byte) (length >>> 8);
                f[2] = (byte) length;
            }
            case "stream id" -> { // stream 0, an even one, or one going backwards
                int[] ids = {0, 2, 0x7fffffff, 3};
                int id = ids[random.nextInt(ids.length)];
                byte[] f = frames.get(1 + random.nextInt(2));
                f[5] = (byte) (id >>> 24 & 0x7f);
                f[6] = (byte) (id >>> 16);
                f[7] = (byte) (id >>> 8);
                f[8] = (byte) id;
            }
            case "frame type" -> frames.add(1 + random.nextInt(3),
                    frame(10 + random.nextInt(246), random.nextInt(256), random.nextInt(5), randomBytes(random, 64)));
            case "bad header" -> {
                String[][] bad = {{"Upper-Case", "x"}, {"x-nul", "a\u0000b"}, {"x-crlf", "a\r\nb: c"},
                    {":unknown", "x"}, {"connection", "keep-alive"}, {"te", "gzip"}, {"content-length", "-1"},
                    {"content-length", "99999999999999999999"}, {"x-long", "v".repeat(20_000)}};
                String[] h = bad[random.nextInt(bad.length)];
                kind[0] += " " + h[0] + (h[0].equals("content-length") ? " " + h[1] : "");
                Http2Headers headers = new DefaultHttp2Headers(false); // no validation: these are meant to be bad
                headers.add(chatHeaders(BODY.length));
                headers.add(h[0], h[1]);
                try {
                    frames.set(1, frame(HEADERS, END_HEADERS, 1, hpack(1, headers)));
                } catch (Exception refusedByTheEncoder) {
                    frames.set(1, frame(HEADERS, END_HEADERS, 1, randomBytes(random, 40)));
                }
            }
            case "window" -> { // WINDOW_UPDATE of 0 or past 2^31 - 1, on the connection or the stream
                long increment = random.nextBoolean() ? 0 : 0x7fffffffL;
                byte[] p = {(byte) (increment >>> 24), (byte) (increment >>> 16), (byte) (increment >>> 8),
                    (byte) increment};
                frames.add(1, frame(8, 0, random.nextInt(2), p));
                frames.add(2, frame(8, 0, random.nextInt(2), p));
            }
            case "settings" -> { // values out of range, an odd length, on a stream
                byte[] p = {0, (byte) (1 + random.nextInt(8)), (byte) 0xff, (byte) 0xff, (byte) 0xff,
                    (byte) 0xff};
                frames.set(0, frame(SETTINGS, 0, random.nextInt(2), random.nextBoolean() ? p
                        : java.util.Arrays.copyOf(p, 5)));
            }
            case "padding" -> { // PADDED flag with a pad length past the frame
                byte[] f = frames.get(2);
                byte[] padded = new byte[f.length + 1];
                System.arraycopy(f, 0, padded, 0, 9);
                padded[9] = (byte) (200 + random.nextInt(56));
                System.arraycopy(f, 9, padded, 10, f.length - 9);
                int length = f.length - 9 + 1;
                padded[0] = (byte) (length >>> 16);
                padded[1] = (byte) (length >>> 8);
                padded[2] = (byte) length;
                padded[4] |= 0x8;
                frames.set(2, padded);
            }
            default -> throw new IllegalStateException(kind[0]);
        }
        return concat(frames);
    }

    private static byte[] randomBytes(Random random, int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }

    @Test
    void streamsOpenedAndResetAtOnceEndInGoaway() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        frames.add(frame(SETTINGS, 0, 0, new byte[0]));
        byte[] cancel = {0, 0, 0, 8};
        for (int stream = 1; stream < 20_000; stream += 2) { // the "rapid reset" attack
            frames.add(frame(HEADERS, END_HEADERS, stream, hpack(stream, chatHeaders(BODY.length))));
            frames.add(frame(RST_STREAM, 0, stream, cancel));
        }
        Outcome o = exchange(concat(frames), Duration.ofSeconds(10));
        assertThat(o.goneAway()).as("10,000 streams reset at once: GOAWAY or closed").isTrue();
        stillServes("a rapid reset");
    }

    @Test
    void continuationFramesWithoutEndAreCutOff() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        frames.add(frame(SETTINGS, 0, 0, new byte[0]));
        frames.add(frame(HEADERS, 0, 1, hpack(1, chatHeaders(BODY.length))));
        byte[] filler = hpack(1, new DefaultHttp2Headers().add("x-filler", "f".repeat(4_000)));
        for (int i = 0; i < 5_000; i++) { // 20 MB of header block, never ended
            frames.add(frame(CONTINUATION, 0, 1, filler));
        }
        Outcome o = exchange(concat(frames), Duration.ofSeconds(10));
        assertThat(o.goneAway()).as("an endless header block: GOAWAY or closed").isTrue();
        assertThat(o.statuses()).allSatisfy(s -> assertThat(s).isLessThan(500));
        stillServes("a CONTINUATION flood");
    }

    @Test
    void pingAndSettingsStormsToAClientThatDoesNotReadEndInGoaway() throws Exception {
        ByteArrayOutputStream storm = new ByteArrayOutputStream();
        storm.writeBytes(frame(SETTINGS, 0, 0, new byte[0]));
        byte[] ping = frame(PING, 0, 0, new byte[8]);
        byte[] settings = frame(SETTINGS, 0, 0, new byte[0]);
        for (int i = 0; i < 500_000; i++) { // 13 MB of answers asked for: more than any socket buffer holds
            storm.writeBytes(ping);
            storm.writeBytes(settings);
        }
        Outcome o = exchange(storm.toByteArray(), Duration.ofSeconds(10), 4096);
        assertThat(o.goneAway()).as("a million PINGs and SETTINGS to a client that does not read: GOAWAY or closed")
                .isTrue();
        stillServes("a PING and SETTINGS storm");
    }
}
