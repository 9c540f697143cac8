package dev.sluice.store.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * Ledger rows in PostgreSQL's binary COPY format, columns in {@link LedgerSink#COLUMNS} order, streamed into a
 * {@link CopyIn} through one reusable 64 KiB buffer.
 *
 * <p>Binary rather than text: PostgreSQL reads numbers and timestamps without parsing them (about a tenth less server
 * CPU per row, measured), nothing needs escaping, and a batch never becomes one large string on the heap. Each value
 * is written in the exact type of its column ({@code int4}, {@code int8}, {@code float8}, {@code bool},
 * {@code timestamptz}, {@code numeric}, {@code jsonb}, {@code text}); a change of column type needs a change here.
 * PostgreSQL text cannot hold NUL, so a NUL character in any string is stored as U+FFFD rather than failing the
 * whole batch.
 *
 * <p>A row may also be encoded alone ({@link #tuple}), on the thread that ends its call, where the call's record is
 * still in that core's cache: the writer thread then copies the finished bytes ({@link LedgerEntry#tuple}) instead
 * of reading the record's dozens of objects from the other core's cache (the writer's leading cost in the profile,
 * docs/benchmarks.md). Not thread-safe: one instance per thread.
 */
final class LedgerCopyBinary {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    private static final short COLUMN_COUNT = (short) LedgerSink.COLUMNS.split(", ").length;
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in microseconds since the Unix one. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    /** The scale of {@code cost_usd numeric(20, 12)}. */
    private static final int COST_SCALE = 12;
    /** Text columns written with {@link #repeated}, one slot each. */
    private static final int REPEATED_SLOTS = 14;

    private static final int BUFFER_BYTES = 64 * 1024;

    private byte[] buffer = new byte[BUFFER_BYTES];
    /** The last string seen in each {@link #repeated} slot and its encoding. */
    private final String[] lastStrings = new String[REPEATED_SLOTS];
    private final byte[][] lastBytes = new byte[REPEATED_SLOTS][];
    private int position;
    private CopyIn out;

    /**
     * Writes the whole batch, header and trailer included, into {@code copy}; the caller ends the COPY. An entry
     * encoded beforehand is copied as it is.
     */
    void write(List<LedgerEntry> batch, CopyIn copy) throws SQLException {
        out = copy;
        position = 0;
        try {
            bytes(HEADER, 0, HEADER.length);
            for (LedgerEntry entry : batch) {
                if (entry.tuple() != null) {
                    bytes(entry.tuple(), 0, entry.tuple().length);
                } else {
                    row(entry.row());
                }
            }
            room(2);
            putShort((short) -1);
            flush();
        } finally {
            out = null;
        }
    }

    /** One row's tuple in the COPY stream (its field count and fields), as a batch would hold it. */
    byte[] tuple(LedgerRow row) {
        position = 0;
        try {
            row(row); // with no COPY to send to, the buffer grows instead (see room)
        } catch (SQLException e) {
            throw new IllegalStateException("a row encoded alone sends nothing", e);
        }
        byte[] out = Arrays.copyOf(buffer, position);
        if (buffer.length > BUFFER_BYTES) {
            buffer = new byte[BUFFER_BYTES]; // a rare large row does not keep its thread's buffer large
        }
        return out;
    }

    private void row(LedgerRow r) throws SQLException {
        room(2);
        putShort(COLUMN_COUNT);
        text(r.requestId());
        timestamptz(r.startedAt());
        repeated(0, r.keyId());
        repeated(1, r.teamId());
        repeated(2, r.useCaseId());
        repeated(3, r.environment());
        repeated(4, r.route());
        repeated(5, r.model());
        repeated(6, r.deployment());
        repeated(7, r.provider());
        repeated(8, r.providerType());
        repeated(9, r.upstreamModel());
        repeated(10, r.inboundApi());
        repeated(11, r.operation());
        bool(r.stream());
        int4(r.status());
        repeated(12, r.errorType());
        text(r.errorMessage());
        int4(r.attempts());
        int8(r.inputTokens());
        int8(r.outputTokens());
        int8(r.cacheReadTokens());
        int8(r.cacheWriteTokens());
        int8(r.reasoningTokens());
        numeric(r.costUsd());
        float8(r.latencyMs());
        if (r.ttftMs() == null) {
            nullValue();
        } else {
            float8(r.ttftMs());
        }
        int8(r.gatewayUs());
        float8(r.outputTokensPerSecond());
        bool(r.cacheHit());
        repeated(13, r.stopReason());
        text(r.responseId());
        text(r.userId());
        jsonb(Tags.toJson(r.tags()));
        text(r.traceparent());
        LedgerRow.Guardrail g = r.guardrail();
        if (g == null) {
            for (int i = 0; i < 5; i++) {
                nullValue();
            }
        } else {
            text(g.id());
            text(g.version());
            text(g.action());
            jsonb(g.findings());
            int8(g.latencyUs());
        }
        if (r.attemptLog() == null) {
            nullValue();
        } else {
            jsonb(r.attemptLog());
        }
    }

    private void nullValue() throws SQLException {
        room(4);
        putInt(-1);
    }

    private void int4(int value) throws SQLException {
        room(8);
        putInt(4);
        putInt(value);
    }

    private void int8(long value) throws SQLException {
        room(12);
        putInt(8);
        putLong(value);
    }

    private void float8(double value) throws SQLException {
        int8(Double.doubleToRawLongBits(value));
    }

    private void bool(boolean value) throws SQLException {
        room(5);
        putInt(1);
        buffer[position++] = (byte) (value ? 1 : 0);
    }

    private void timestamptz(Instant instant) throws SQLException {
        int8(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000)
                - POSTGRES_EPOCH_MICROS);
    }

    /**
     * PostgreSQL's numeric: digit count, weight of the first digit, sign and display scale, then base-10000 digits.
     */
    private void numeric(BigDecimal value) throws SQLException {
        if (value == null) {
            nullValue();
            return;
        }
        // the column's scale, rounded as PostgreSQL would (half away from zero): a long fraction fits the buffer
        BigDecimal v = value.scale() < 0 ? value.setScale(0)
                : value.scale() > COST_SCALE ? value.setScale(COST_SCALE, RoundingMode.HALF_UP) : value;
        int scale = v.scale();
        int pad = (4 - scale % 4) % 4; // whole base-10000 digits after the point
        BigInteger magnitude = v.unscaledValue().abs().multiply(BigInteger.TEN.pow(pad));
        int fractionGroups = (scale + pad) / 4;
        short[] groups = new short[magnitude.bitLength() / 13 + 2]; // 10000 > 2^13
        int count = 0;
        if (magnitude.bitLength() < 63) {
            for (long m = magnitude.longValue(); m > 0; m /= 10_000) {
                groups[count++] = (short) (m % 10_000); // least significant first
            }
        } else {
            while (magnitude.signum() > 0) {
                BigInteger[] qr = magnitude.divideAndRemainder(TEN_THOUSAND);
                groups[count++] = qr[1].shortValue();
                magnitude = qr[0];
            }
        }
        int low = 0;
        while (low < count && groups[low] == 0) {
            low++; // trailing zero digits are implied
        }
        int digits = count - low;
        int weight = count - fractionGroups - 1;
        room(4 + 8 + 2 * digits);
        putInt(8 + 2 * digits);
        putShort((short) digits);
        putShort((short) (digits == 0 ? 0 : weight));
        putShort(v.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        putShort((short) scale);
        for (int i = count - 1; i >= low; i--) {
            putShort(groups[i]);
        }
    }

    private void jsonb(String json) throws SQLException {
        byte[] utf8 = utf8(json);
        room(5);
        putInt(utf8.length + 1);
        buffer[position++] = 1; // jsonb's binary format version
        bytes(utf8, 0, utf8.length);
    }

    /**
     * A text column whose value is usually the very string of the row before (a model, provider or key from the
     * configuration, an enum's name): encoded once and reused while the same instance comes back.
     */
    private void repeated(int slot, String value) throws SQLException {
        if (value == null) {
            nullValue();
            return;
        }
        if (value != lastStrings[slot]) {
            lastStrings[slot] = value;
            lastBytes[slot] = utf8(value);
        }
        byte[] utf8 = lastBytes[slot];
        room(4);
        putInt(utf8.length);
        bytes(utf8, 0, utf8.length);
    }

    private void text(String value) throws SQLException {
        if (value == null) {
            nullValue();
            return;
        }
        byte[] utf8 = utf8(value); // for ASCII a vectorised copy: faster than any loop over chars here
        room(4);
        putInt(utf8.length);
        bytes(utf8, 0, utf8.length);
    }

    private static byte[] utf8(String value) {
        return (value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD')).getBytes(StandardCharsets.UTF_8);
    }

    private void bytes(byte[] source, int offset, int length) throws SQLException {
        if (length > buffer.length && out != null) {
            flush();
            out.writeToCopy(source, offset, length);
            return;
        }
        room(length);
        System.arraycopy(source, offset, buffer, position, length);
        position += length;
    }

    /**
     * Makes room for {@code n} more bytes: sends what is buffered when writing a COPY (n is then at most the buffer's
     * size), grows the buffer when encoding a row alone.
     */
    private void room(int n) throws SQLException {
        if (position + n > buffer.length) {
            if (out != null) {
                flush();
            } else {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + n));
            }
        }
    }

    private void flush() throws SQLException {
        if (position > 0) {
            out.writeToCopy(buffer, 0, position);
            position = 0;
        }
    }

    private void putShort(short v) {
        buffer[position++] = (byte) (v >>> 8);
        buffer[position++] = (byte) v;
    }

    private void putInt(int v) {
        buffer[position++] = (byte) (v >>> 24);
        buffer[position++] = (byte) (v >>> 16);
        buffer[position++] = (byte) (v >>> 8);
        buffer[position++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
