package dev.sluice.app;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The secret with which this process's guardrail judge calls its own gateway; made once per start, never stored. */
final class JudgeToken {

    private JudgeToken() { }

    static String make() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return "judge-" + HexFormat.of().formatHex(b);
    }
}
