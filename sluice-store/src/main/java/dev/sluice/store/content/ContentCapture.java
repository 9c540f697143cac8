package dev.sluice.store.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.store.internal.BatchSink;
import dev.sluice.store.internal.Journal;
import dev.sluice.store.internal.JournalCodec;
import dev.sluice.store.internal.JournaledWriter;
import dev.sluice.store.internal.WriterSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores request and response bodies of calls when enabled; does nothing when not.
 *
 * <p>{@link #capture} returns at once and never throws. Bodies are redacted and cut to {@code maxBytes} on the
 * capture writer's thread, before they reach the database or the local journal ({@code content.jsonl}), so
 * unredacted text is never written anywhere. Writing is batched, journaled and replayed like the ledger's.
 * {@link #close} drains what is queued.
 */
public final class ContentCapture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContentCapture.class);

    /** Characters past {@code max_bytes} that are still redacted, so that a secret cut in two is still found. */
    private static final int REDACT_MARGIN = 1024;

    private final ContentSettings settings;
    private final Redactor redactor;
    private final DataSource dataSource;
    private final JournaledWriter<CapturedContent, CapturedContent> writer;

    private ContentCapture(ContentSettings settings, Redactor redactor, DataSource dataSource, Path journalDir) {
        this.settings = settings;
        this.redactor = redactor;
        this.dataSource = dataSource;
        this.writer = settings.enabled() ? new JournaledWriter<>("content", this::insert, new Codec(),
                new Journal(journalDir, "content"), new WriterSettings(2_000, 100,
                WriterSettings.DEFAULTS.flushInterval(), WriterSettings.DEFAULTS.retryInterval(),
                WriterSettings.DEFAULTS.closeTimeout()), this::prepare).start() : null;
    }

    /** Starts capture (a writer thread) when {@code settings.enabled()}, else an inert service. */
    public static ContentCapture start(DataSource dataSource, Path journalDir, ContentSettings settings,
                                       Redactor redactor) {
        return new ContentCapture(settings, redactor, dataSource, journalDir);
    }

    public boolean enabled() { return writer != null; }

    /** Queues the bodies of a call for storage; a no-op when capture is off. Either body may be null. */
    public void capture(String requestId, Instant startedAt, String requestBody, String responseBody) {
        if (writer != null && requestId != null && startedAt != null) {
            writer.offer(new CapturedContent(requestId, startedAt.truncatedTo(ChronoUnit.MICROS), requestBody,
                    responseBody, false, false));
        }
    }

    /** The stored bodies of a call, if captured. */
    public Optional<CapturedContent> find(String requestId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT request_id, started_at, request_body, response_body, request_truncated, response_truncated "
                        + "FROM call_content WHERE request_id = ?")) {
            ps.setString(1, requestId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CapturedContent(rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBoolean(6)));
            }
        } catch (SQLException e) {
            throw new GatewayException(GatewayError.of(ErrorType.INTERNAL,
                    "captured content could not be read (database error " + e.getSQLState() + ")"), e);
        }
    }

    public long queueDepth() { return writer == null ? 0 : writer.queueDepth(); }

    public long journalBytes() { return writer == null ? 0 : writer.journalBytes(); }

    private CapturedContent prepare(CapturedContent raw) {
        Cut request = cut(raw.requestBody());
        Cut response = cut(raw.responseBody());
        return new CapturedContent(raw.requestId(), raw.startedAt(), request.text(), response.text(),
                request.truncated(), response.truncated());
    }

    private record Cut(String text, boolean truncated) { }

    private Cut cut(String body) {
        if (body == null) {
            return new Cut(null, false);
        }
        String redacted;
        // only what can be kept is redacted, with room for a secret that straddles the cut: the work per body is
        // bounded by max_bytes, not by the body's size
        boolean longer = body.length() > settings.maxBytes() + REDACT_MARGIN;
        String kept = longer ? body.substring(0, settings.maxBytes() + REDACT_MARGIN) : body;
        try {
            redacted = redactor.redact(kept.replace("\u0000", ""));
        } catch (RuntimeException e) {
            LOG.warn("content capture: redactor failed, body dropped: {}", e.toString());
            return new Cut("[redaction failed; body not stored]", true);
        }
        byte[] bytes = redacted.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= settings.maxBytes()) {
            return new Cut(redacted, longer);
        }
        int end = settings.maxBytes();
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not split a UTF-8 sequence
        }
        return new Cut(new String(bytes, 0, end, StandardCharsets.UTF_8), true);
    }

    /** Idempotent by request id (ON CONFLICT DO NOTHING), so the batch id is not needed. */
    private void insert(UUID batchId, List<CapturedContent> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO call_content (request_id, started_at, "
                    + "request_body, response_body, request_truncated, response_truncated) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (request_id) DO NOTHING")) {
                for (CapturedContent content : batch) {
                    ps.setString(1, content.requestId());
                    ps.setObject(2, content.startedAt().atOffset(ZoneOffset.UTC));
                    ps.setString(3, content.requestBody());
                    ps.setString(4, content.responseBody());
                    ps.setBoolean(5, content.requestTruncated());
                    ps.setBoolean(6, content.responseTruncated());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Drains queued content into the database (or the journal). */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }

    private static final class Codec implements JournalCodec<CapturedContent> {
        @Override
        public String encode(CapturedContent c) {
            ObjectNode o = Json.object();
            o.put("request_id", c.requestId()).put("started_at", c.startedAt().toString())
                    .put("request_body", c.requestBody()).put("response_body", c.responseBody())
                    .put("request_truncated", c.requestTruncated()).put("response_truncated", c.responseTruncated());
            return Json.text(o);
        }

        @Override
        public CapturedContent decode(String line) throws IOException {
            JsonNode o = Json.parse(line);
            return new CapturedContent(o.get("request_id").asText(), Instant.parse(o.get("started_at").asText()),
                    o.path("request_body").isNull() ? null : o.path("request_body").asText(null),
                    o.path("response_body").isNull() ? null : o.path("response_body").asText(null),
                    o.path("request_truncated").asBoolean(), o.path("response_truncated").asBoolean());
        }
    }
}
