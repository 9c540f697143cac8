package dev.sluice.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The Lua scripts that Redis runs for the cluster's counters, kept as resources beside these classes. */
final class Scripts {

    private Scripts() { }

    /**
     * A script's text and its SHA-1, the name under which Redis caches it: calls send the 40-character digest
     * ({@code EVALSHA}) and the text only when Redis does not have it yet.
     */
    record Script(String text, String sha1) { }

    static Script load(String name) {
        try (InputStream in = Scripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the script " + name + " is missing from the jar");
            }
            byte[] text = in.readAllBytes();
            return new Script(new String(text, StandardCharsets.UTF_8), sha1(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(byte[] text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
