package dev.sluice.store.ledger;

import dev.sluice.api.event.CallRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call log: every finished call is appended here, on the thread that ends it and before its answer's last byte is
 * sent, so that a call a client saw complete survives a kill of the process ({@code kill -9}, a crash, the OOM
 * killer) even though its ledger row was still only in memory. The next start replays what the log holds, and the
 * ledger's merge skips the calls already in it: each call yields exactly one row.
 *
 * <p>Each platform thread appends to its own memory-mapped segment file ({@value #SEGMENT_BYTES} bytes, in
 * {@code journal/}), so an append is an encoding and a memory copy: no system call, no lock, no thread woken. The
 * pages are the kernel's page cache, which outlives the process; they reach the disk when the kernel writes them
 * back, or every {@code fsync_interval} when one is set (the policy for power loss). Virtual threads share one
 * locked segment. Once a segment is full and every call in it is in the database or in the spill journal, it is
 * emptied and kept mapped for a later roll (up to {@value #SPARE} spares; beyond that it is deleted), so that no
 * mapping has to be undone by hand: the JDK offers no supported way to unmap a buffer before Java 22.
 *
 * <p>Records: a length, a CRC32C of the payload, the payload ({@link CallRecordCodec}); a length of 0 ends a
 * segment, and every append writes that 0 after its record before its own length, so a reused segment's older
 * records are never read. A record torn by a kill mid-append fails its CRC and is skipped: its call had not
 * finished.
 */
final class CallLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallLog.class);
    static final int SEGMENT_BYTES = 8 * 1024 * 1024;
    private static final String PREFIX = "calls-";
    private static final String SUFFIX = ".log";
    private static final int HEADER = 8;
    /** Emptied segments kept mapped for reuse. */
    static final int SPARE = 4;

    private final Path dir;
    private final AtomicLong sequence = new AtomicLong();
    private final Set<Segment> live = ConcurrentHashMap.newKeySet();
    private final java.util.Queue<Segment> spare = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ThreadLocal<Appender> perThread = ThreadLocal.withInitial(Appender::new);
    private final Appender shared = new Appender();
    private final ReentrantLock sharedLock = new ReentrantLock();
    private final Thread syncer;
    private volatile boolean closed;

    /** A segment's place in its file and how many of its calls are safe elsewhere. */
    static final class Segment {
        final Path file;
        private final ReentrantLock guard = new ReentrantLock(); // between the sync thread and retiring
        private MappedByteBuffer buffer;
        /** Calls appended; written by the owning thread only. */
        private final AtomicLong appended = new AtomicLong();
        /** Calls known to be in the database or the spill journal. */
        private final AtomicLong done = new AtomicLong();
        /** No more calls go in. */
        private volatile boolean sealed;
        /** Sealed by its own thread, which will never touch it again: it may be reused. */
        private volatile boolean rolled;

        Segment(Path file, MappedByteBuffer buffer) {
            this.file = file;
            this.buffer = buffer;
        }
    }

    /** One thread's segment and encoding buffer. */
    private final class Appender {
        final CallRecordCodec.Out out = new CallRecordCodec.Out();
        final CRC32C crc = new CRC32C();
        Segment segment;
        int position;
    }

    /**
     * @param dir the journal folder
     * @param syncInterval how often the live segments are forced to disk, or zero to leave it to the kernel
     */
    CallLog(Path dir, Duration syncInterval) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the journal folder " + dir, e);
        }
        this.sequence.set(System.currentTimeMillis() * 1000);
        if (syncInterval.isZero()) {
            syncer = null;
        } else {
            syncer = Thread.ofPlatform().name("sluice-call-log-sync").daemon(true).start(() -> syncEvery(syncInterval));
        }
    }

    /**
     * Appends a call. Never throws: a call that cannot be logged (the disk is full) is still recorded the usual way,
     * and the failure is logged.
     *
     * @return the segment it went to, to be {@linkplain #done marked done} once the call is safe elsewhere; null
     *     when it was not logged
     */
    Segment append(CallRecord call) {
        if (closed) {
            return null;
        }
        if (Thread.currentThread().isVirtual()) {
            sharedLock.lock();
            try {
                return append(shared, call);
            } finally {
                sharedLock.unlock();
            }
        }
        return append(perThread.get(), call);
    }

    private Segment append(Appender a, CallRecord call) {
        try {
            CallRecordCodec.Out out = a.out;
            out.reset();
            CallRecordCodec.encode(call, out);
            int size = out.size;
            int need = HEADER + size + 4; // room for the ending zero length too
            if (a.segment == null || a.position + need > SEGMENT_BYTES) {
                if (need > SEGMENT_BYTES) {
                    LOG.warn("call log: call {} is too large to log ({} bytes)", call.identity().requestId(), size);
                    return null;
                }
                roll(a);
            }
            a.crc.reset();
            a.crc.update(out.bytes, 0, size);
            MappedByteBuffer b = a.segment.buffer;
            b.put(a.position + HEADER, out.bytes, 0, size);
            b.putInt(a.position + 4, (int) a.crc.getValue());
            b.putInt(a.position + HEADER + size, 0); // the end, over whatever a reused segment held there
            b.putInt(a.position, size); // the length last: a record is there once its length is
            a.position += HEADER + size;
            a.segment.appended.incrementAndGet();
            return a.segment;
        } catch (IOException | RuntimeException e) {
            LOG.error("call log: cannot append call {}: {}", call.identity().requestId(), e.toString());
            return null;
        }
    }

    /** Seals the thread's segment (deleting it if all its calls are safe) and starts a new one. */
    private void roll(Appender a) throws IOException {
        Segment old = a.segment;
        Path file = dir.resolve(PREFIX + sequence.incrementAndGet() + SUFFIX);
        Segment reused = spare.poll();
        MappedByteBuffer buffer;
        if (reused != null) {
            Files.move(reused.file, file); // its new name orders it among the live ones; the mapping stays
            buffer = reused.buffer;
        } else {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(SEGMENT_BYTES);
                buffer = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, SEGMENT_BYTES);
            }
        }
        Segment fresh = new Segment(file, buffer);
        live.add(fresh);
        a.segment = fresh;
        a.position = 0;
        if (old != null) {
            old.rolled = true;
            old.sealed = true;
            release(old);
        }
    }

    /** Calls of {@code segment} are now in the database or the spill journal. */
    void done(Segment segment, int calls) {
        segment.done.addAndGet(calls);
        release(segment);
    }

    private void release(Segment s) {
        if (s.sealed && s.done.get() >= s.appended.get() && live.remove(s)) {
            retire(s);
        }
    }

    /**
     * A segment whose calls are all safe: emptied and kept as a spare when its thread has let go of it and there is
     * room, deleted otherwise (its mapping then goes with the garbage collector).
     */
    private void retire(Segment s) {
        s.guard.lock();
        try {
            MappedByteBuffer b = s.buffer;
            if (s.rolled && !closed && b != null && spare.size() < SPARE) {
                b.putInt(0, 0); // empty: the first append's end marker keeps it so
                spare.add(new Segment(s.file, b));
            } else {
                s.buffer = null;
                Files.deleteIfExists(s.file);
            }
        } catch (IOException e) {
            LOG.warn("call log: cannot delete {}: {}", s.file, e.toString());
        } finally {
            s.guard.unlock();
        }
    }

    private void syncEvery(Duration interval) {
        while (!closed) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            for (Segment s : live) {
                s.guard.lock();
                try {
                    if (s.buffer != null) {
                        s.buffer.force();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("call log: cannot sync {}: {}", s.file, e.toString());
                } finally {
                    s.guard.unlock();
                }
            }
        }
    }

    /** The segment files a previous process left, oldest first. */
    static List<Path> leftovers(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            s.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    /** Reads every whole record of a segment file; a torn or corrupt one ends it. */
    static int read(Path file, Consumer<CallRecord> each) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        int count = 0;
        while (in.remaining() >= HEADER) {
            int at = in.position();
            int size = in.getInt();
            int sum = in.getInt();
            if (size <= 0 || size > in.remaining()) {
                break;
            }
            crc.reset();
            crc.update(bytes, at + HEADER, size);
            if ((int) crc.getValue() != sum) {
                LOG.warn("call log: {} ends with a torn record at byte {}; the calls before it are kept",
                        file.getFileName(), at);
                break;
            }
            try {
                each.accept(CallRecordCodec.decode(ByteBuffer.wrap(bytes, at + HEADER, size).slice()));
                count++;
            } catch (IllegalArgumentException e) {
                LOG.warn("call log: skipping an unreadable record in {}: {}", file.getFileName(), e.getMessage());
            }
            in.position(at + HEADER + size);
        }
        return count;
    }

    /**
     * Stops logging. Segments whose calls are all safe elsewhere are deleted; any other is kept for the next start
     * to replay (the ledger's merge skips what is already in the database).
     */
    @Override
    public void close() {
        closed = true;
        if (syncer != null) {
            syncer.interrupt();
        }
        // a call that ends after a stop that gave up waiting may still be appending to its thread's segment, so
        // live segments are only deleted or forced to disk here, never reused
        for (Segment s : live) {
            s.sealed = true;
            release(s); // deletes it if all its calls are safe
        }
        for (Segment s; (s = spare.poll()) != null; ) {
            try {
                Files.deleteIfExists(s.file);
            } catch (IOException e) {
                LOG.warn("call log: cannot delete {}: {}", s.file, e.toString());
            }
        }
        for (Segment s : live) {
            s.guard.lock();
            try {
                if (s.buffer != null) {
                    s.buffer.force(); // kept for the next start: on disk now
                }
            } finally {
                s.guard.unlock();
            }
        }
    }
}
