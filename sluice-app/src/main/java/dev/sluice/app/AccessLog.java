package dev.sluice.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line per call in the terminal: time, method, route, model, status, latency, tokens and request id; never
 * content, keys or error messages (upstream text may quote a prompt). Text by default, JSON with {@code format: json}.
 *
 * <p>Off the request path: a call's record is put on a bounded queue (a few hundred nanoseconds) and a writer thread
 * formats and writes what has gathered, one write per batch. When the terminal cannot keep up and the queue is full,
 * lines are dropped and counted, never waited for, and the count is printed once the writer catches up.
 */
final class AccessLog implements GatewayListener, AutoCloseable {

    private static final int QUEUE = 65_536;
    private static final Set<String> FORMATS = Set.of("text", "json");
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    /**
     * The {@code log} section: {@code {level, access, format}}.
     *
     * @param level the level of Sluice's own log lines, or null for the default (info)
     * @param access whether calls are logged, or null for the default (on where Sluice runs in a terminal)
     * @param format {@code text} or {@code json}
     */
    record Settings(String level, Boolean access, String format) {

        static final Settings DEFAULT = new Settings(null, null, "text");

        static Settings from(JsonNode section) {
            Settings s = dev.sluice.spi.ConfigBinder.bind(section, Settings.class, "log");
            if (s == null) {
                return DEFAULT;
            }
            checkLevel(s.level(), "log.level");
            checkFormat(s.format(), "log.format");
            return s.format() == null ? new Settings(s.level(), s.access(), "text") : s;
        }

        static void checkLevel(String level, String where) {
            if (level != null && !LEVELS.contains(level)) {
                throw new ConfigException(where, "must be one of error, warn, info, debug, trace, not '" + level + "'");
            }
        }

        static void checkFormat(String format, String where) {
            if (format != null && !FORMATS.contains(format)) {
                throw new ConfigException(where, "must be text or json, not '" + format + "'");
            }
        }
    }

    private final BlockingQueue<CallRecord> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final OutputStream out;
    private final boolean json;
    private final Thread writer;
    private volatile boolean closed;

    AccessLog(OutputStream out, String format) {
        this.out = out;
        this.json = "json".equals(format);
        this.writer = Thread.ofPlatform().name("sluice-access-log").daemon(true).start(this::drain);
    }

    @Override
    public void onCallEnd(CallRecord call) {
        if (!queue.offer(call)) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        List<CallRecord> batch = new ArrayList<>(1024);
        StringBuilder text = new StringBuilder(64 * 1024);
        while (true) {
            try {
                CallRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 4095);
                for (CallRecord call : batch) {
                    line(call, text);
                }
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    text.append("sluice: access log: ").append(lost)
                            .append(" line(s) dropped: the terminal could not keep up\n");
                }
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a closed terminal: keep draining so that calls never wait on it
            } finally {
                batch.clear();
                text.setLength(0);
            }
        }
    }

    /** Appends one call's line. */
    void line(CallRecord c, StringBuilder b) {
        CallRecord.Request request = c.request();
        CallRecord.Outcome outcome = c.outcome();
        long latencyNanos = c.timing().latencyNanos();
        String time = c.identity().startedAt().plusNanos(latencyNanos)
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        long latencyMs = latencyNanos / 1_000_000;
        String route = route(request);
        if (json) {
            StringWriter w = new StringWriter(256);
            try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(w)) {
                g.writeStartObject();
                g.writeStringField("time", time);
                g.writeStringField("method", "POST");
                g.writeStringField("route", route);
                g.writeStringField("model", request.model());
                g.writeNumberField("status", outcome.status());
                g.writeNumberField("latency_ms", latencyMs);
                g.writeNumberField("input_tokens", outcome.usage().inputTokens());
                g.writeNumberField("output_tokens", outcome.usage().outputTokens());
                g.writeBooleanField("stream", request.stream());
                g.writeStringField("request_id", c.identity().requestId());
                if (outcome.errorType() != null) {
                    g.writeStringField("error", outcome.errorType().name().toLowerCase(Locale.ROOT));
                }
                g.writeEndObject();
            } catch (IOException e) {
                return;
            }
            b.append(w).append('\n');
            return;
        }
        b.append(time).append(" POST ").append(route).append(' ').append(request.model()).append(' ')
                .append(outcome.status()).append(' ').append(latencyMs).append(" ms ")
                .append(outcome.usage().inputTokens()).append('+').append(outcome.usage().outputTokens())
                .append(" tokens");
        if (outcome.errorType() != null) {
            b.append(' ').append(outcome.errorType().name().toLowerCase(Locale.ROOT));
        }
        b.append(' ').append(c.identity().requestId()).append('\n');
    }

    /** The route the call came in on, from its API, operation and stream flag. */
    private static String route(CallRecord.Request r) {
        return switch (r.inboundApi() + " " + r.operation()) {
            case "openai chat" -> "/v1/chat/completions";
            case "openai embeddings" -> "/v1/embeddings";
            case "anthropic chat" -> "/v1/messages";
            case "bedrock chat" -> "/model/" + r.model() + (r.stream() ? "/converse-stream" : "/converse");
            default -> r.inboundApi() + " " + r.operation();
        };
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
