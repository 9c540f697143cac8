package dev.sluice.store.ledger;

import dev.sluice.store.Calls;
import dev.sluice.store.Storage;
import dev.sluice.store.StorageConfig;
import dev.sluice.store.cost.PriceCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Ledger throughput: pushes N calls from P producer threads into a {@link LedgerWriter} as fast as possible and
 * prints the sustained rate of rows into PostgreSQL (time from the first call to the last row committed by a
 * draining {@code close()}), how many calls had to spill to the journal because the writer fell behind, and
 * whether the ledger then holds every call exactly once.
 *
 * <p>Usage: {@code LedgerBench [embedded|<postgresql-url>] [calls=200000] [producers=4]}. Not a test: run it by hand.
 *
 * <p>{@code LedgerBench calllog [calls=2000000] [producers=2]} measures instead what the call log adds to each call on
 * the thread that ends it (issue 12 #14, budget 3 us): the append (encode, CRC32C, copy into the mapped segment) and
 * the later mark that the call is safe, in CPU time per call of the appending threads and of the whole JVM (segment
 * rolls, deletes and the once-a-second sync included).
 */
public final class LedgerBench {

    private LedgerBench() { }

    public static void main(String[] args) throws Exception {
        String target = args.length > 0 ? args[0] : "embedded";
        if (target.equals("calllog")) {
            callLog(args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000,
                    args.length > 2 ? Integer.parseInt(args[2]) : 2);
            return;
        }
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int producers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path data = Files.createTempDirectory("sluice-bench");
        String schema = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        StorageConfig config = target.equals("embedded") ? StorageConfig.embedded(data)
                : StorageConfig.cluster(target, data).withSchema(schema);
        try (Storage storage = Storage.open(config)) {
            System.out.println(storage.describe());
            System.out.printf("%-10s %-10s %-14s %-18s %-12s %-22s %-22s %-14s%n", "calls", "producers", "offered/s",
                    "rows/s into PG", "journaled", "JVM CPU ms/100k rows", "PG CPU ms/100k rows", "in ledger");
            for (int queue : new int[] {20_000, 200_000}) {
                run(storage, calls, producers, queue);
            }
            if (!config.embeddedMode()) {
                try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    private static void callLog(int calls, int producers) throws Exception {
        Path dir = Files.createTempDirectory("sluice-call-log");
        var call = Calls.simple("bench-key", Instant.now());
        System.out.printf("%-6s %-10s %-10s %-22s %-18s %-12s%n", "round", "calls", "producers",
                "append CPU ns/call", "JVM CPU ns/call", "calls/s");
        try (CallLog log = new CallLog(dir, java.time.Duration.ofSeconds(1))) {
            for (int round = 0; round < 5; round++) { // the first rounds warm the JIT up
                java.util.concurrent.atomic.AtomicLong threadCpu = new java.util.concurrent.atomic.AtomicLong();
                long jvm = CpuTime.jvmNanos();
                long start = System.nanoTime();
                List<Thread> threads = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    threads.add(Thread.ofPlatform().start(() -> {
                        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
                        long t0 = bean.getCurrentThreadCpuTime();
                        for (int i = 0; i < calls / producers; i++) {
                            CallLog.Segment s = log.append(call);
                            if (s == null) {
                                throw new IllegalStateException("call not logged");
                            }
                            log.done(s, 1);
                        }
                        threadCpu.addAndGet(bean.getCurrentThreadCpuTime() - t0);
                    }));
                }
                for (Thread t : threads) {
                    t.join();
                }
                long wall = System.nanoTime() - start;
                int total = calls / producers * producers;
                System.out.printf("%-6d %-10d %-10d %-22.0f %-18.0f %-12.0f%n", round, total, producers,
                        threadCpu.get() / (double) total, (CpuTime.jvmNanos() - jvm) / (double) total,
                        total / (wall / 1e9));
            }
        }
    }

    private static void run(Storage storage, int calls, int producers, int queue) throws Exception {
        LedgerWriter writer = LedgerWriter.start(storage.dataSource(), storage.journalDir().resolve("q" + queue),
                PriceCatalog.builtIn(), LedgerSettings.DEFAULTS.withQueueCapacity(queue), Clock.systemUTC());
        String key = "bench-" + UUID.randomUUID();
        long jvmCpu = CpuTime.jvmNanos();
        long postmaster = CpuTime.postmaster(storage.dataSource());
        long pgCpu = CpuTime.postgresNanos(postmaster);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < calls / producers; i++) {
                    writer.onCallEnd(Calls.simple(key, Instant.now()));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long offered = System.nanoTime();
        writer.close();
        long drained = System.nanoTime();
        double per100k = 100_000.0 / calls / 1e6;
        double jvmMs = (CpuTime.jvmNanos() - jvmCpu) * per100k;
        double pgMs = (CpuTime.postgresNanos(postmaster) - pgCpu) * per100k;
        int total = calls / producers * producers;
        long stored = rows(storage, key);
        System.out.printf("%-10d %-10d %-14.0f %-18.0f %-12d %-22.0f %-22.0f %-14s (queue %d)%n", total, producers,
                total / ((offered - start) / 1e9), writer.rowsWritten() / ((drained - start) / 1e9),
                writer.rowsJournaled(), jvmMs, pgMs, stored == total ? "all, once" : stored + " (LOST OR TWICE)",
                queue);
    }

    private static long rows(Storage storage, String key) throws SQLException {
        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ledger WHERE key_id = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
