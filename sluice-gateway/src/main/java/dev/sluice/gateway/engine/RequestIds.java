package dev.sluice.gateway.engine;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: time-ordered and unique across nodes without coordination (48 bits of milliseconds, 80 random bits),
 * written as 32 hex digits after {@code req_}.
 */
public final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() { }

    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (System.currentTimeMillis() << 16) | (r.nextLong() & 0xFFFF);
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
}
