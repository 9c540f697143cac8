package dev.sluice.store.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records off the request path into the database in batches, and loses none.
 *
 * <p>{@link #offer} never blocks on the database and never throws: the item goes to a bounded in-memory queue, or
 * to the journal when the queue is full or the writer is closed. Items of type {@code I} become records of type
 * {@code T} (the rows the sink writes and the journal keeps) through {@code prepare}, on the writer thread, so that
 * the offering thread does as little as possible. One writer thread takes batches from the queue and
 * hands them to the {@link BatchSink} under a new batch id; a batch that fails goes to the journal (fsynced) under
 * that same id, and for {@code retryInterval} afterwards batches go straight to the journal. Whenever the database
 * works and the journal has content, the writer thread has its {@link JournalReplay} rotate the journal and replay it
 * in batches, then delete it; a batch is never split between two replay transactions, and a replay the database
 * fails starts the same {@code retryInterval}. Because sinks are idempotent per batch id, a record that is both
 * written and journaled (the outcome of a failed commit is unknown) still yields exactly one row. The journal left
 * over by a previous process is replayed at start.
 *
 * <p>{@link #close} stops taking records into the queue, drains it into the database (or the journal), and returns
 * when everything offered before is in one or the other.
 */
public final class JournaledWriter<I, T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledWriter.class);
    /** How often a lingering writer looks whether its batch has filled up. */
    private static final long LINGER_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String name;
    private final BatchSink<T> sink;
    private final JournalCodec<T> codec;
    private final Journal journal;
    private final WriterSettings settings;
    private final Function<? super I, ? extends T> prepare;
    private final java.util.function.Consumer<List<I>> safe;
    private final BlockingQueue<I> queue;
    private final Thread thread;
    private final JournalReplay<T> replay;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong journaled = new AtomicLong();
    private volatile boolean closed;
    private long databaseRetryAtNanos;

    /**
     * @param prepare turns each item into its record once, before it is written or journaled (on the writer thread,
     *                or on the offering thread when the queue is full), e.g. redaction or pricing; an item it fails
     *                on is logged and dropped, as the offering thread would have had to do
     */
    public JournaledWriter(String name, BatchSink<T> sink, JournalCodec<T> codec, Journal journal,
                           WriterSettings settings, Function<? super I, ? extends T> prepare) {
        this(name, sink, codec, journal, settings, prepare, items -> { });
    }

    /**
     * @param safe told of items once they are in the database or the journal (on the writer thread, or on the
     *             offering thread when the queue is full); not told of items whose journaling failed
     */
    public JournaledWriter(String name, BatchSink<T> sink, JournalCodec<T> codec, Journal journal,
                           WriterSettings settings, Function<? super I, ? extends T> prepare,
                           java.util.function.Consumer<List<I>> safe) {
        this.safe = safe;
        this.prepare = prepare;
        this.name = name;
        this.sink = sink;
        this.codec = codec;
        this.journal = journal;
        this.settings = settings;
        this.replay = new JournalReplay<>(name, sink, codec, journal, settings.batchSize());
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = Thread.ofPlatform().name("sluice-" + name + "-writer").daemon(true).unstarted(this::run);
    }

    /**
     * Journals records that may or may not be in the database already (recovered after a crash), without a batch
     * id: the replay merges them one by one, skipping those already written. Call before {@link #start}.
     *
     * @return false when they could not be journaled
     */
    public boolean journalMaybeWritten(List<T> records) {
        List<String> lines = new ArrayList<>(records.size());
        for (T record : records) {
            lines.add(codec.encode(record));
        }
        return append(lines);
    }

    /** Starts the writer thread; the journal left by an earlier process is replayed first. */
    public JournaledWriter<I, T> start() {
        thread.start();
        return this;
    }

    /** Takes an item for writing. Never throws; blocks only to append to the journal when the queue is full. */
    public void offer(I item) {
        try {
            if (closed || !queue.offer(item)) {
                safeIf(spill(prepared(List.of(item))), List.of(item));
            } else if (closed && queue.remove(item)) {
                // close() finished draining between our check and our put: the record is ours to keep
                safeIf(spill(prepared(List.of(item))), List.of(item));
            }
        } catch (RuntimeException e) {
            LOG.error("{} writer could not take a record: {}", name, e.toString());
        }
    }

    public long queueDepth() { return queue.size(); }

    public long rowsWritten() { return written.get(); }

    public long rowsReplayed() { return replay.rowsReplayed(); }

    /** Records appended to the journal since start. */
    public long rowsJournaled() { return journaled.get(); }

    public long journalBytes() { return journal.bytes(); }

    private void run() {
        replayJournal();
        List<I> batch = new ArrayList<>(settings.batchSize());
        while (!closed || !queue.isEmpty()) {
            try {
                I first = queue.poll(settings.flushInterval().toNanos(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    fill(batch);
                    safeIf(flush(prepared(batch)), batch);
                    batch.clear();
                }
                if (!closed && journal.hasContent() && databaseMayWork()) {
                    replayJournal();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("{} writer loop failed, continuing: {}", name, e.toString());
                safeIf(spill(prepared(batch)), batch);
                batch.clear();
            }
        }
        drainToJournal();
        if (journal.hasContent() && databaseMayWork()) {
            replayJournal();
        }
    }

    /**
     * Gathers records for up to {@code flushInterval} after the batch's first one, or until the batch is full or the
     * writer closes. Without this wait a writer that keeps up takes a handful of records per transaction, and the
     * database spends more on commits than on rows (measured: about 5 rows per commit at 10k calls/s).
     */
    private void fill(List<I> batch) {
        long deadline = System.nanoTime() + settings.flushInterval().toNanos();
        while (true) {
            queue.drainTo(batch, settings.batchSize() - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= settings.batchSize() || closed || left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, Math.min(left, LINGER_STEP_NANOS)); // close() unparks
        }
    }

    private void safeIf(boolean ok, List<I> items) {
        if (ok && !items.isEmpty()) {
            try {
                safe.accept(items);
            } catch (RuntimeException e) {
                LOG.warn("{} writer: a listener failed: {}", name, e.toString());
            }
        }
    }

    /** Writes a batch, or journals it; false when it could be neither. */
    private boolean flush(List<T> batch) {
        UUID id = UUID.randomUUID();
        if (databaseMayWork()) {
            try {
                sink.write(id, batch);
                written.addAndGet(batch.size());
                return true;
            } catch (Exception e) {
                databaseRetryAtNanos = System.nanoTime() + settings.retryInterval().toNanos();
                LOG.warn("{} writer: database write failed, journaling {} records: {}", name, batch.size(),
                        ErrorBrief.of(e));
            }
        }
        return spill(id, batch);
    }

    private boolean databaseMayWork() {
        return System.nanoTime() - databaseRetryAtNanos >= 0;
    }

    /** Journals records that were never tried, in batches of at most {@code batchSize}, each under a new id. */
    private boolean spill(List<T> items) {
        List<String> lines = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += settings.batchSize()) {
            encode(UUID.randomUUID(), items.subList(from, Math.min(items.size(), from + settings.batchSize())), lines);
        }
        return append(lines);
    }

    /** Journals a batch under the id it was tried with. */
    private boolean spill(UUID id, List<T> items) {
        List<String> lines = new ArrayList<>(items.size());
        encode(id, items, lines);
        return append(lines);
    }

    private void encode(UUID id, List<T> items, List<String> lines) {
        for (T item : items) {
            lines.add(JournalLines.encode(id, codec.encode(item)));
        }
    }

    private boolean append(List<String> lines) {
        if (lines.isEmpty()) {
            return true;
        }
        try {
            journal.append(lines);
            journaled.addAndGet(lines.size());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("{} writer: journal append failed, {} records lost: {}", name, lines.size(), e.toString());
            return false;
        }
    }

    private void drainToJournal() {
        List<I> rest = new ArrayList<>();
        queue.drainTo(rest);
        safeIf(spill(prepared(rest)), rest);
    }

    private List<T> prepared(List<I> items) {
        List<T> result = new ArrayList<>(items.size());
        for (I item : items) {
            try {
                result.add(prepare.apply(item));
            } catch (RuntimeException e) {
                LOG.error("{} writer: could not prepare a record, dropping it: {}", name, e.toString());
            }
        }
        return result;
    }

    /** Replays the journal; after a database failure, batches go straight to the journal for a while. */
    private void replayJournal() {
        if (!replay.replayAll()) {
            databaseRetryAtNanos = System.nanoTime() + settings.retryInterval().toNanos();
        }
    }

    /**
     * Drains the queue into the database (or the journal) and stops the writer thread. Waits up to
     * {@code closeTimeout}; whatever is still queued then goes to the journal. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(settings.closeTimeout().toMillis());
            if (thread.isAlive()) {
                LOG.warn("{} writer did not drain within {}, journaling the rest", name, settings.closeTimeout());
                thread.interrupt();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainToJournal();
    }
}
