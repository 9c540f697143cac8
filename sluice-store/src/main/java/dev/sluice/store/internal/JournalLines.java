package dev.sluice.store.internal;

import java.util.UUID;

/**
 * A journal line: one record with the id of the batch it was to be written in, as one JSON object
 * ({@code {"batch":"<uuid>","record":<record>}}), so the file stays JSONL. Lines written before batch ids existed hold
 * the bare record, and read back with no batch id.
 */
final class JournalLines {

    private static final String PREFIX = "{\"batch\":\"";
    private static final String MIDDLE = "\",\"record\":";
    private static final int UUID_LENGTH = 36;
    private static final int RECORD_START = PREFIX.length() + UUID_LENGTH + MIDDLE.length();

    private JournalLines() { }

    record Line(UUID batch, String record) { }

    static String encode(UUID batch, String record) {
        return PREFIX + batch + MIDDLE + record + '}';
    }

    static Line decode(String line) {
        if (line.startsWith(PREFIX) && line.length() > RECORD_START && line.endsWith("}")
                && line.startsWith(MIDDLE, PREFIX.length() + UUID_LENGTH)) {
            UUID batch = UUID.fromString(line.substring(PREFIX.length(), PREFIX.length() + UUID_LENGTH));
            return new Line(batch, line.substring(RECORD_START, line.length() - 1));
        }
        return new Line(null, line);
    }
}
