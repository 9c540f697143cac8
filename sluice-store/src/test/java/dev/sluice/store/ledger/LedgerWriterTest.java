package dev.sluice.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.event.CallRecord;
import dev.sluice.store.BothDatabases;
import dev.sluice.store.BothModes;
import dev.sluice.store.Calls;
import dev.sluice.testkit.Eventually;
import dev.sluice.store.Storage;
import dev.sluice.store.cost.PriceCatalog;
import dev.sluice.store.internal.Batch;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

class LedgerWriterTest extends BothDatabases {

    /** Seeded, so that a failure comes back with the same days; the schema is fresh each run anyway. */
    private static final java.util.Random RANDOM = new java.util.Random(20261202);

    private LedgerWriter writer(Storage storage, LedgerSettings settings, Clock clock) {
        return LedgerWriter.start(storage.dataSource(), tmp.resolve("journal-" + UUID.randomUUID()),
                PriceCatalog.builtIn(), settings, clock);
    }

    @BothModes
    void theCallLogHoldsCallsUntilTheirRowsAreWrittenAndCanBeTurnedOff(Storage storage) throws Exception {
        java.nio.file.Path on = tmp.resolve("journal-on-" + UUID.randomUUID());
        java.nio.file.Path off = tmp.resolve("journal-off-" + UUID.randomUUID());
        LedgerWriter logged = LedgerWriter.start(storage.dataSource(), on, PriceCatalog.builtIn(),
                LedgerSettings.DEFAULTS, Clock.systemUTC());
        LedgerWriter unlogged = LedgerWriter.start(storage.dataSource(), off, PriceCatalog.builtIn(),
                LedgerSettings.from(dev.sluice.api.json.Json.parse("{\"call_log\": false}")), Clock.systemUTC());
        logged.onCallEnd(Calls.simple("k", Instant.now()));
        unlogged.onCallEnd(Calls.simple("k", Instant.now()));
        assertThat(CallLog.leftovers(on)).as("a segment holds the call").hasSize(1);
        assertThat(CallLog.leftovers(off)).isEmpty();
        logged.close();
        unlogged.close();
        assertThat(CallLog.leftovers(on)).as("emptied once the row is written").isEmpty();
    }

    @BothModes
    void everyFieldOfACallRoundTripsThroughTheLedger(Storage storage) throws SQLException {
        String id = "req-" + UUID.randomUUID();
        Instant startedAt = Instant.parse("2026-11-27T10:15:30.123456789Z");
        CallRecord call = Calls.full(id, startedAt);
        try (LedgerWriter writer = writer(storage, LedgerSettings.DEFAULTS, Clock.systemUTC())) {
            writer.onCallEnd(call);
        }
        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT *, tags::text AS tags_text FROM ledger WHERE request_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject("started_at", java.time.OffsetDateTime.class).toInstant())
                        .isEqualTo(startedAt.truncatedTo(ChronoUnit.MICROS));
                assertThat(rs.getString("key_id")).isEqualTo("key-1");
                assertThat(rs.getString("team_id")).isEqualTo("team-a");
                assertThat(rs.getString("use_case_id")).isEqualTo("uc-support");
                assertThat(rs.getString("environment")).isEqualTo("prod");
                assertThat(rs.getString("route")).isEqualTo("smart");
                assertThat(rs.getString("model")).isEqualTo("gpt-4o");
                assertThat(rs.getString("deployment")).isEqualTo("gpt-4o-east");
                assertThat(rs.getString("provider")).isEqualTo("openai-east");
                assertThat(rs.getString("provider_type")).isEqualTo("openai");
                assertThat(rs.getString("upstream_model")).isEqualTo("gpt-4o-2024-08-06");
                assertThat(rs.getString("inbound_api")).isEqualTo("openai");
                assertThat(rs.getString("operation")).isEqualTo("chat");
                assertThat(rs.getBoolean("stream")).isTrue();
                assertThat(rs.getInt("status")).isEqualTo(200);
                assertThat(rs.getString("error_type")).isNull();
                assertThat(rs.getString("error_message")).isNull();
                assertThat(rs.getInt("attempts")).isEqualTo(2);
                assertThat(rs.getLong("input_tokens")).isEqualTo(1200);
                assertThat(rs.getLong("output_tokens")).isEqualTo(300);
                assertThat(rs.getLong("cache_read_tokens")).isEqualTo(200);
                assertThat(rs.getLong("cache_write_tokens")).isZero();
                assertThat(rs.getLong("reasoning_tokens")).isEqualTo(50);
                // 1000 uncached x 2.50 + 200 cached x 1.25 + 300 output x 10.00, per million
                assertThat(rs.getBigDecimal("cost_usd")).isEqualByComparingTo(new BigDecimal("0.00575"));
                assertThat(rs.getDouble("latency_ms")).isEqualTo(1500.0);
                assertThat(rs.getDouble("ttft_ms")).isEqualTo(250.0);
                assertThat(rs.getLong("gateway_us")).isEqualTo(3000);
                assertThat(rs.getDouble("output_tokens_per_second")).isEqualTo(call.outputTokensPerSecond());
                assertThat(rs.getBoolean("cache_hit")).isFalse();
                assertThat(rs.getString("stop_reason")).isEqualTo("end_turn");
                assertThat(rs.getString("response_id")).isEqualTo("chatcmpl-123");
                assertThat(rs.getString("user_id")).isEqualTo("user-42");
                assertThat(rs.getString("tags_text")).isEqualTo("{\"team\": \"blue\", \"feature\": \"summary\"}");
                assertThat(rs.getString("traceparent")).isEqualTo(call.identity().traceparent());
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @BothModes
    void aGracefulCloseUnderLoadDrainsEveryQueuedCall(Storage storage) throws Exception {
        String key = "drain-" + UUID.randomUUID();
        int threads = 4;
        int perThread = 2_500;
        LedgerWriter writer = writer(storage, LedgerSettings.DEFAULTS, Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(threads);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            producers.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                for (int i = 0; i < perThread; i++) {
                    writer.onCallEnd(Calls.simple(key, Instant.now()));
                }
            }));
        }
        started.await();
        for (Thread producer : producers) {
            producer.join();
        }
        writer.close();
        assertThat(countRows(storage, key)).isEqualTo(threads * perThread);
        assertThat(writer.queueDepth()).isZero();
        assertThat(writer.rowsWritten() + writer.rowsReplayed()).isEqualTo(threads * perThread);
    }

    @BothModes
    void stoppingWhileCallsKeepComingLosesNoneAndTheNextStartReplaysTheRest(Storage storage) throws Exception {
        String key = "stop-" + UUID.randomUUID();
        Path journalDir = tmp.resolve("journal-" + UUID.randomUUID());
        LedgerWriter writer = LedgerWriter.start(storage.dataSource(), journalDir, PriceCatalog.builtIn(),
                LedgerSettings.DEFAULTS, Clock.systemUTC());
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            producers.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    writer.onCallEnd(Calls.simple(key, Instant.now()));
                    sent.incrementAndGet();
                }
            }));
        }
        Eventually.await(Duration.ofSeconds(20), "load", () -> writer.rowsWritten() > 2000);
        writer.close();                               // graceful stop while the producers still run
        long sentAtClose = sent.get();
        Eventually.await(Duration.ofSeconds(20), "calls offered after the stop", () -> sent.get() > sentAtClose + 1000);
        stop.set(true);
        for (Thread producer : producers) {
            producer.join();
        }
        assertThat(writer.rowsWritten() + writer.rowsJournaled()).isEqualTo(sent.get());
        try (LedgerWriter next = LedgerWriter.start(storage.dataSource(), journalDir, PriceCatalog.builtIn(),
                LedgerSettings.DEFAULTS, Clock.systemUTC())) {
            Eventually.await(Duration.ofSeconds(30), "replay", () -> next.journalBytes() == 0);
        }
        assertThat(countRows(storage, key)).isEqualTo(sent.get());
    }

    @BothModes
    void callsOfADayWithoutAPartitionAreWrittenAndRetentionDropsOldPartitions(Storage storage) throws Exception {
        String key = "retention-" + UUID.randomUUID();
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(40));
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        try (LedgerWriter writer = writer(storage, LedgerSettings.DEFAULTS, clock)) {
            writer.onCallEnd(Calls.simple(key, old));
            writer.onCallEnd(Calls.simple(key, now));
        }
        assertThat(countRows(storage, key)).isEqualTo(2);
        String oldPartition = LedgerPartitions.partitionName(LocalDate.ofInstant(old, ZoneOffset.UTC));
        LedgerPartitions partitions = new LedgerPartitions(storage.dataSource());
        assertThat(partitions.list()).contains(oldPartition,
                LedgerPartitions.partitionName(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(2)));

        try (LedgerWriter writer = writer(storage, LedgerSettings.DEFAULTS.withRetentionDays(30), clock)) {
            assertThat(partitions.list()).doesNotContain(oldPartition);
            assertThat(writer.maintenance().runOnce()).isEmpty();
        }
        assertThat(countRows(storage, key)).isEqualTo(1);
    }

    @BothModes
    void summarisingTheTimeIndexNarrowsATimeWindowToItsBlockRanges(Storage storage) throws Exception {
        LocalDate day = farDay();
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        LedgerPartitions partitions = new LedgerPartitions(storage.dataSource());
        writeCalls(storage, partitions, "brin-" + UUID.randomUUID(), start, Duration.ofMillis(10));
        String windowSql = "SELECT count(*) FROM " + LedgerPartitions.partitionName(day) + " WHERE started_at >= ?";
        List<Object> window = List.of(start.plusMillis(10L * 7_990).atOffset(ZoneOffset.UTC));

        long before = heapBlocksRead(storage, windowSql, window);
        new LedgerMaintenance(storage.dataSource(), partitions, 0, Clock.systemUTC()).summarizeTimeIndex();
        long after = heapBlocksRead(storage, windowSql, window);

        assertThat(before).as("an unsummarised index matches every block").isGreaterThan(200);
        assertThat(after).as("one block range and the unfinished tail").isLessThan(before / 2);
    }

    @BothModes
    void aCallIsFoundByItsIdThroughTheTimeIndexNotByReadingTheWholeDay(Storage storage) throws Exception {
        LocalDate day = farDay();
        LedgerPartitions partitions = new LedgerPartitions(storage.dataSource());
        List<LedgerRow> rows = writeCalls(storage, partitions, "by-id-" + UUID.randomUUID(),
                day.atStartOfDay(ZoneOffset.UTC).toInstant(), Duration.ofSeconds(10)); // over the whole day
        new LedgerMaintenance(storage.dataSource(), partitions, 0, Clock.systemUTC()).summarizeTimeIndex();
        String id = rows.get(4_321).requestId();

        assertThat(new LedgerQueries(storage.dataSource()).request(id)).hasValueSatisfying(
                row -> assertThat(row.get("request_id")).isEqualTo(id));
        CallById byId = CallById.of("", id);
        long blocks = heapBlocksRead(storage, "SELECT * FROM ledger WHERE " + byId.sql(), byId.params());
        assertThat(blocks).as("one block range of the day's partition").isPositive().isLessThanOrEqualTo(128);
    }

    /** A day of its own far ahead, so that other tests' rows do not share its partition. */
    private static LocalDate farDay() {
        return LocalDate.of(2090, 1, 1).plusDays(RANDOM.nextInt(20_000));
    }

    /** Writes 8,000 calls {@code step} apart from {@code start}: a few full 128-page block ranges. */
    private static List<LedgerRow> writeCalls(Storage storage, LedgerPartitions partitions, String key, Instant start,
                                              Duration step) throws SQLException {
        List<LedgerRow> rows = new ArrayList<>();
        for (int i = 0; i < 8_000; i++) {
            rows.add(LedgerRow.of(Calls.simple(key, start.plus(step.multipliedBy(i))), null));
        }
        new LedgerSink(storage.dataSource(), partitions).write(UUID.randomUUID(), entries(rows));
        return rows;
    }

    /** Heap blocks a query reads through an index (bitmap heap scans), sequential scans discouraged. */
    private static long heapBlocksRead(Storage storage, String sql, List<Object> params) throws Exception {
        try (Connection c = storage.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    var plan = dev.sluice.api.json.Json.parse(rs.getString(1));
                    var blocks = new java.util.concurrent.atomic.AtomicLong();
                    plan.findParents("Lossy Heap Blocks").forEach(n -> blocks.addAndGet(
                            n.path("Lossy Heap Blocks").asLong() + n.path("Exact Heap Blocks").asLong()));
                    return blocks.get();
                }
            }
        }
    }

    @BothModes
    void rowsThatLandedInTheDefaultPartitionMoveWhenTheirDayGetsOne(Storage storage) throws Exception {
        String key = "default-" + UUID.randomUUID();
        LocalDate future = LocalDate.now(ZoneOffset.UTC).plusDays(400 + (storage == databases.embedded() ? 0 : 1));
        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO ledger (request_id, started_at, key_id, status, "
                     + "latency_ms) VALUES (?, ?, ?, 200, 1)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setObject(2, future.atTime(12, 0).atOffset(ZoneOffset.UTC));
            ps.setString(3, key);
            ps.executeUpdate();
        }
        assertThat(countRows(storage, "ledger_default", key)).isEqualTo(1);
        new LedgerPartitions(storage.dataSource()).ensureDay(future);
        assertThat(countRows(storage, "ledger_default", key)).isZero();
        assertThat(countRows(storage, LedgerPartitions.partitionName(future), key)).isEqualTo(1);
    }

    @BothModes
    void aJournalLeftByAnEarlierVersionWithoutBatchIdsIsReplayedOnceAtStart(Storage storage) throws Exception {
        String key = "leftover-" + UUID.randomUUID();
        Path journalDir = tmp.resolve("journal-" + UUID.randomUUID());
        var codec = new LedgerRowCodec();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(codec.encode(LedgerRow.of(Calls.simple(key, Instant.now()), BigDecimal.ONE)));
        }
        new dev.sluice.store.internal.Journal(journalDir, "ledger").append(lines);
        // the same rows twice, as after a crash between a write and the journal's deletion
        new dev.sluice.store.internal.Journal(journalDir, "ledger").append(lines);
        try (LedgerWriter writer = LedgerWriter.start(storage.dataSource(), journalDir, PriceCatalog.builtIn(),
                LedgerSettings.DEFAULTS, Clock.systemUTC())) {
            Eventually.await(Duration.ofSeconds(20), "journal replay", () -> writer.journalBytes() == 0);
            assertThat(writer.rowsReplayed()).isEqualTo(100);
        }
        assertThat(countRows(storage, key)).isEqualTo(50);
    }

    @BothModes
    void aReplayedBatchWhoseCommitWentThroughIsSkippedWholeAndOneThatFailedIsWritten(Storage storage)
            throws Exception {
        String key = "again-" + UUID.randomUUID();
        LedgerSink sink = new LedgerSink(storage.dataSource(), new LedgerPartitions(storage.dataSource()));
        List<LedgerRow> committed = rows(key, 10);
        List<LedgerRow> failed = rows(key, 5);
        UUID committedId = UUID.randomUUID();
        UUID failedId = UUID.randomUUID();
        sink.write(committedId, entries(committed));

        // both were journaled under their ids; the journal is replayed twice (a crash before its deletion)
        List<Batch<LedgerEntry>> journal = List.of(new Batch<>(committedId, entries(committed)),
                new Batch<>(failedId, entries(failed)), new Batch<>(failedId, entries(failed)));
        sink.writeReplayed(journal);
        sink.writeReplayed(journal);

        assertThat(countRows(storage, key)).isEqualTo(15);
    }

    private static List<LedgerRow> rows(String key, int n) {
        List<LedgerRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(LedgerRow.of(Calls.simple(key, Instant.now()), null));
        }
        return rows;
    }

    @BothModes
    void textWithCopyDelimitersAndEscapesIsStoredAsGiven(Storage storage) throws Exception {
        String key = "escape-" + UUID.randomUUID();
        String message = "tab\there\nnew\rline \\N \\. back\\slash \"quoted\" \u00e9\u4e2d\uD83D\uDE00 nul\u0000 end\\";
        CallRecord call = new CallRecord(new CallRecord.Identity("req-" + UUID.randomUUID(), Instant.now(), null),
                new CallRecord.Request("openai", "chat", new dev.sluice.api.event.Caller(key, "team\tx", null, "\\N"),
                        "gpt-4o", false, null,
                        java.util.Map.of("k\tey", "v\\a\nl\"ue\u0001", "nul", "a\u0000b")),
                new CallRecord.Routing(null, null, "p1", "openai", "gpt-4o", 1),
                new CallRecord.Outcome(502, dev.sluice.api.error.ErrorType.UPSTREAM_ERROR, message, null, null, false,
                        dev.sluice.api.chat.Usage.of(0, 0)),
                new CallRecord.Timing(1_234_567, -1, 0));
        LedgerRow row = LedgerRow.of(call, new BigDecimal("0.000000000001"));
        new LedgerSink(storage.dataSource(), new LedgerPartitions(storage.dataSource())).write(UUID.randomUUID(),
                List.of(LedgerEntry.of(row)));
        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM ledger WHERE key_id = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("error_message")).isEqualTo(message.replace('\u0000', '\uFFFD'));
                assertThat(rs.getString("team_id")).isEqualTo("team\tx");
                assertThat(rs.getString("use_case_id")).isNull();
                assertThat(rs.getString("environment")).isEqualTo("\\N");
                assertThat(rs.getObject("ttft_ms")).isNull();
                assertThat(rs.getDouble("latency_ms")).isEqualTo(1.234567);
                assertThat(rs.getBigDecimal("cost_usd")).isEqualByComparingTo("0.000000000001");
                assertThat(dev.sluice.api.json.Json.parse(rs.getString("tags")).get("k\tey").asText())
                        .isEqualTo("v\\a\nl\"ue\u0001");
                assertThat(dev.sluice.api.json.Json.parse(rs.getString("tags")).get("nul").asText())
                        .isEqualTo("a\uFFFDb");
            }
        }
    }

    @BothModes
    void costsOfEveryMagnitudeAreStoredExactly(Storage storage) throws Exception {
        String key = "numeric-" + UUID.randomUUID();
        List<String> costs = List.of("0", "0.000000000001", "0.00575", "1", "10000", "12345678.123456789012",
                "0.5", "99999999.999999999999", "1E+3", "0.00010000", "123.4", "0.0000000000005",
                "1" + "0".repeat(7) + ".000000000000" + "4".repeat(200));
        List<LedgerRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < costs.size(); i++) {
            CallRecord call = new CallRecord(new CallRecord.Identity("req-" + UUID.randomUUID(), Instant.now(), null),
                    new CallRecord.Request("openai", "chat", new dev.sluice.api.event.Caller(key, null, null, null),
                            "m" + i, false, null, java.util.Map.of()),
                    new CallRecord.Routing(null, null, "p1", "openai", "m", 1),
                    new CallRecord.Outcome(200, null, null, null, null, false, dev.sluice.api.chat.Usage.of(1, 1)),
                    new CallRecord.Timing(1_000_000, -1, 0));
            rows.add(LedgerRow.of(call, new BigDecimal(costs.get(i))));
        }
        new LedgerSink(storage.dataSource(), new LedgerPartitions(storage.dataSource())).write(UUID.randomUUID(),
                entries(rows));
        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT model, cost_usd FROM ledger WHERE key_id = ?")) {
            ps.setString(1, key);
            java.util.Map<String, BigDecimal> stored = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getBigDecimal(2));
                }
            }
            for (int i = 0; i < costs.size(); i++) { // rounded to the column's 12 decimals, half away from zero
                assertThat(stored.get("m" + i)).as(costs.get(i)).isEqualByComparingTo(
                        new BigDecimal(costs.get(i)).setScale(12, java.math.RoundingMode.HALF_UP));
            }
        }
    }

    @BothModes
    void aRowEncodedOnItsCallsThreadIsStoredExactlyAsTheWriterWouldStoreIt(Storage storage) throws Exception {
        String key = "tuple-" + UUID.randomUUID();
        String message = "tab\there \u00e9\u4e2d\uD83D\uDE00 nul\u0000 end" + "x".repeat(70_000); // past one buffer
        LedgerCopyBinary encoder = new LedgerCopyBinary();
        List<LedgerEntry> entries = new java.util.ArrayList<>();
        for (String id : List.of("by-writer", "alone", "alone-again")) {
            CallRecord call = new CallRecord(new CallRecord.Identity(id + "-" + key, Instant.now(), "00-trace-01"),
                    new CallRecord.Request("openai", "chat", new dev.sluice.api.event.Caller(key, "t", "u", "prod"),
                            "gpt-4o", true, "user-1", java.util.Map.of("k", "v")),
                    new CallRecord.Routing("route", "d1", "p1", "openai", "gpt-4o", 2),
                    new CallRecord.Outcome(502, dev.sluice.api.error.ErrorType.UPSTREAM_ERROR, message, null, null,
                            false, dev.sluice.api.chat.Usage.of(12, 34)),
                    new CallRecord.Timing(1_234_567, 456_000, 7_000));
            LedgerRow row = LedgerRow.of(call, new BigDecimal("0.00042"));
            entries.add(id.equals("by-writer") ? LedgerEntry.of(row) : new LedgerEntry(row, encoder.tuple(row)));
        }
        new LedgerSink(storage.dataSource(), new LedgerPartitions(storage.dataSource())).write(UUID.randomUUID(),
                entries);
        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM ledger WHERE key_id = ? ORDER BY request_id")) {
            ps.setString(1, key);
            List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.util.Map<String, Object> columns = new java.util.TreeMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        String name = rs.getMetaData().getColumnName(i);
                        if (!name.equals("request_id") && !name.equals("started_at")) {
                            columns.put(name, rs.getObject(i) == null ? null : rs.getObject(i).toString());
                        }
                    }
                    rows.add(columns);
                }
            }
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0)).containsEntry("error_message", message.replace('\u0000', '\uFFFD'))
                    .containsEntry("input_tokens", "12").containsEntry("stream", "true");
            assertThat(rows.get(1)).isEqualTo(rows.get(0));
            assertThat(rows.get(2)).isEqualTo(rows.get(0));
        }
    }

    private static List<LedgerEntry> entries(List<LedgerRow> rows) {
        return rows.stream().map(LedgerEntry::of).toList();
    }

    static long countRows(Storage storage, String key) throws SQLException {
        return countRows(storage, "ledger", key);
    }

    static long countRows(Storage storage, String table, String key) throws SQLException {
        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*), count(DISTINCT request_id) FROM " + table
                     + " WHERE key_id = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("no duplicate rows").isEqualTo(rs.getLong(2));
                return rs.getLong(1);
            }
        }
    }
}
