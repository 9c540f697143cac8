package dev.sluice.api.event;

import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: time-ordered and unique across nodes without coordination (48 bits of milliseconds, 80 random bits),
 * written as 32 hex digits after {@code req_}. The milliseconds are those of the call's start
 * ({@link CallRecord.Identity#startedAt}), which lets the ledger find a call by id through its time index.
 */
public final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String PREFIX = "req_";
    private static final int MILLIS_DIGITS = 12;

    private RequestIds() { }

    /** A new id for a call starting now. */
    public static String next() {
        return next(System.currentTimeMillis());
    }

    /** A new id for a call that started at {@code epochMillis}. */
    public static String next(long epochMillis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (epochMillis << 16) | (r.nextLong() & 0xFFFF);
        long lo = r.nextLong();
        char[] out = new char[36];
        out[0] = 'r';
        out[1] = 'e';
        out[2] = 'q';
        out[3] = '_';
        for (int i = 0; i < 16; i++) {
            out[4 + i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xF];
            out[20 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xF];
        }
        return new String(out);
    }

    /** The start of the call, in epoch milliseconds, that an id made by {@link #next} carries; empty for others. */
    public static OptionalLong startMillis(String id) {
        if (id == null || id.length() != 36 || !id.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        long millis = 0;
        for (int i = PREFIX.length(); i < 36; i++) {
            int digit = Character.digit(id.charAt(i), 16);
            if (digit < 0 || Character.isUpperCase(id.charAt(i))) {
                return OptionalLong.empty();
            }
            if (i < PREFIX.length() + MILLIS_DIGITS) {
                millis = (millis << 4) | digit;
            }
        }
        return OptionalLong.of(millis);
    }
}
