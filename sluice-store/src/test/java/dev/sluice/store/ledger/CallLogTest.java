package dev.sluice.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.event.CallRecord;
import dev.sluice.store.Calls;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call log read as the next start reads it after a kill: the folder's files, with the log never closed.
 */
class CallLogTest {

    @TempDir
    Path dir;

    /** Enough calls of {@link Calls#simple} to fill a segment several times over. */
    private static int callsForSegments(int segments) {
        CallRecordCodec.Out out = new CallRecordCodec.Out();
        CallRecordCodec.encode(Calls.simple("k", Instant.now()), out);
        return segments * (CallLog.SEGMENT_BYTES / (out.size + 8)) + 7;
    }

    private Set<String> leftoverIds() throws IOException {
        Set<String> ids = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (Path f : CallLog.leftovers(dir)) {
            CallLog.read(f, c -> {
                if (!ids.add(c.identity().requestId())) {
                    twice.add(c.identity().requestId());
                }
            });
        }
        assertThat(twice).as("calls read twice").isEmpty();
        return ids;
    }

    @Test
    void everyAppendedCallIsReadBackOnceAcrossSegments() throws IOException {
        CallLog log = new CallLog(dir, Duration.ZERO);
        Set<String> appended = new HashSet<>();
        int n = callsForSegments(3);
        for (int i = 0; i < n; i++) {
            CallRecord c = Calls.simple("k" + (i % 5), Instant.now());
            assertThat(log.append(c)).isNotNull();
            appended.add(c.identity().requestId());
        }
        assertThat(CallLog.leftovers(dir)).hasSizeGreaterThanOrEqualTo(4);
        Set<String> read = leftoverIds();
        assertThat(read).isEqualTo(appended);
        List<CallRecord> first = new ArrayList<>();
        CallLog.read(CallLog.leftovers(dir).get(0), first::add);
        CallRecord back = first.get(0);
        assertThat(back.request().model()).isEqualTo("gpt-4o-mini");
        assertThat(back.outcome().usage().inputTokens()).isEqualTo(100);
    }

    @Test
    void reusedSegmentsNeverReplayCallsThatWereAlreadySafe() throws IOException {
        CallLog log = new CallLog(dir, Duration.ZERO);
        int perSegment = callsForSegments(1) - 7;
        int n = callsForSegments(6);
        List<String> safe = new ArrayList<>();
        for (int i = 0; i < n; i++) { // each in the database at once
            CallRecord c = Calls.simple("safe", Instant.now());
            log.done(log.append(c), 1);
            safe.add(c.identity().requestId());
        }
        Set<String> pending = new HashSet<>();
        for (int i = 0; i < 50; i++) { // these never reach the database: the process is killed
            CallRecord c = Calls.simple("pend", Instant.now()); // as long as the safe ones: the records line up
            log.append(c);
            pending.add(c.identity().requestId());
        }
        assertThat(CallLog.leftovers(dir)).hasSizeLessThanOrEqualTo(1 + CallLog.SPARE);
        Set<String> read = leftoverIds();
        assertThat(read).containsAll(pending);
        // the live segment's own safe calls come back (the merge skips them); a reused segment's older ones, which
        // lie after the live calls in the same file, must not
        read.removeAll(pending);
        assertThat(safe.subList(n - perSegment - 1, n)).containsAll(read);
    }

    @Test
    void aTornRecordEndsItsSegmentAndKeepsTheCallsBeforeIt() throws IOException {
        CallLog log = new CallLog(dir, Duration.ZERO);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CallRecord c = Calls.simple("k", Instant.now());
            log.append(c);
            ids.add(c.identity().requestId());
        }
        Path file = CallLog.leftovers(dir).get(0);
        long third;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            int first = raf.readInt();
            raf.seek(8L + first);
            int second = raf.readInt();
            third = 8L + first + 8 + second;
            raf.seek(third + 20); // inside the third call's payload: as if the kill came before it was copied
            raf.writeLong(0x0123456789abcdefL);
        }
        assertThat(leftoverIds()).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
    }

    @Test
    void closeDeletesSafeSegmentsAndKeepsTheOthers() throws IOException {
        CallLog log = new CallLog(dir, Duration.ofMillis(50));
        CallLog.Segment s = log.append(Calls.simple("k", Instant.now()));
        log.done(s, 1);
        log.close();
        assertThat(CallLog.leftovers(dir)).isEmpty();

        CallLog again = new CallLog(dir, Duration.ofMillis(50));
        CallRecord kept = Calls.simple("k", Instant.now());
        again.append(kept);
        again.close();
        assertThat(leftoverIds()).containsExactly(kept.identity().requestId());
        assertThat(Files.size(CallLog.leftovers(dir).get(0))).isEqualTo(CallLog.SEGMENT_BYTES);
    }
}
