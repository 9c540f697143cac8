package dev.sluice.app;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Secrets made when Sluice starts: the master key, a one-off eval key, the guardrail judge's token. */
final class RandomTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomTokens() { }

    /** {@code prefix} then {@code bytes} random bytes in lower-case hex. */
    static String hex(String prefix, int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }
}
