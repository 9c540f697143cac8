package dev.sluice.store.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Ledger rows in PostgreSQL's COPY text format, columns in {@link LedgerSink#COLUMNS} order: tab-separated, one row
 * per line, {@code \N} for null, and backslash, tab, newline and carriage return escaped with a backslash.
 * Timestamps are written in UTC with microseconds, numbers in Java's round-tripping notation, which PostgreSQL reads back
 * exactly. Not thread-safe: one instance per writer thread, its buffer reused batch after batch.
 */
final class LedgerCopyText {

    private final StringBuilder text = new StringBuilder(64 * 1024);

    /** The batch as UTF-8 COPY text. */
    byte[] encode(List<LedgerRow> batch) {
        text.setLength(0);
        for (LedgerRow row : batch) {
            append(row);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (text.capacity() > 4 * 1024 * 1024) {
            text.setLength(0);
            text.trimToSize(); // one batch of huge error messages should not pin megabytes for good
        }
        return bytes;
    }

    private void append(LedgerRow r) {
        str(r.requestId()).sep().timestamp(r.startedAt()).sep()
                .str(r.keyId()).sep().str(r.teamId()).sep().str(r.useCaseId()).sep().str(r.environment()).sep()
                .str(r.route()).sep().str(r.model()).sep().str(r.deployment()).sep().str(r.provider()).sep()
                .str(r.providerType()).sep().str(r.upstreamModel()).sep().str(r.inboundApi()).sep()
                .str(r.operation()).sep().bool(r.stream()).sep().num(r.status()).sep()
                .str(r.errorType()).sep().str(r.errorMessage()).sep().num(r.attempts()).sep()
                .num(r.inputTokens()).sep().num(r.outputTokens()).sep().num(r.cacheReadTokens()).sep()
                .num(r.cacheWriteTokens()).sep().num(r.reasoningTokens()).sep()
                .raw(r.costUsd() == null ? null : r.costUsd().toPlainString()).sep()
                .num(r.latencyMs()).sep().raw(r.ttftMs() == null ? null : Double.toString(r.ttftMs())).sep()
                .num(r.gatewayUs()).sep().num(r.outputTokensPerSecond()).sep().bool(r.cacheHit()).sep()
                .str(r.stopReason()).sep().str(r.responseId()).sep().str(r.userId()).sep()
                .str(Tags.toJson(r.tags())).sep().str(r.traceparent());
        text.append('\n');
    }

    private LedgerCopyText sep() {
        text.append('\t');
        return this;
    }

    /** A value that needs no escaping (digits, signs, dots, letters), or null. */
    private LedgerCopyText raw(String value) {
        if (value == null) {
            text.append("\\N");
        } else {
            text.append(value);
        }
        return this;
    }

    private LedgerCopyText num(long value) {
        text.append(value);
        return this;
    }

    private LedgerCopyText num(double value) {
        text.append(value); // NaN and Infinity are spelt as PostgreSQL reads them
        return this;
    }

    private LedgerCopyText bool(boolean value) {
        text.append(value ? 't' : 'f');
        return this;
    }

    /** {@code 2026-11-28 03:20:40.123456+00}: faster to spell out than {@code Instant.toString()}. */
    private LedgerCopyText timestamp(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            text.append(instant);
            return this;
        }
        text.append(t.getYear()).append('-');
        pad(t.getMonthValue(), 2).append('-');
        pad(t.getDayOfMonth(), 2).append(' ');
        pad(t.getHour(), 2).append(':');
        pad(t.getMinute(), 2).append(':');
        pad(t.getSecond(), 2).append('.');
        pad(instant.getNano() / 1_000, 6).append("+00");
        return this;
    }

    private StringBuilder pad(int value, int digits) {
        for (int limit = 10; digits > 1; digits--, limit *= 10) {
            if (value < limit) {
                text.append('0');
            }
        }
        return text.append(value);
    }

    private LedgerCopyText str(String value) {
        if (value == null) {
            text.append("\\N");
            return this;
        }
        int n = value.length();
        int plain = 0;
        while (plain < n && !special(value.charAt(plain))) {
            plain++;
        }
        text.append(value, 0, plain); // usually the whole value: one bulk copy
        for (int i = plain; i < n; i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(ch);
            }
        }
        return this;
    }

    private static boolean special(char ch) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
    }
}
