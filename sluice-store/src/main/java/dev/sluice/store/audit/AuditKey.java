package dev.sluice.store.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.sluice.store.SecretFiles;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the audit chain's HMAC. It is never in the database, so whoever can write the database cannot forge a
 * row. From {@code audit.key} in the config (the same on every node of a cluster), or else generated on first start
 * into {@code <data>/secrets/audit.key} (owner-only).
 */
public final class AuditKey {

    static final int MIN_CONFIGURED_CHARS = 32;
    private final SecretKeySpec key;
    private final String source;

    private AuditKey(byte[] bytes, String source) {
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.source = source;
    }

    /** A key from given bytes (tests). */
    public static AuditKey of(byte[] bytes) {
        return new AuditKey(bytes.clone(), "given");
    }

    /**
     * Reads the {@code audit} config section ({@code {key: ...}}), or the key file in {@code secretsDir}, creating it
     * when missing.
     *
     * @throws ConfigException for a bad section or a key shorter than {@value #MIN_CONFIGURED_CHARS} characters
     */
    /** The {@code audit} section as written. */
    record Section(String key) { }

    /**
     * Checks the {@code audit} section without touching any file.
     *
     * @return the configured key, or null when the key file is to be used
     * @throws ConfigException for a bad section or a key shorter than {@value #MIN_CONFIGURED_CHARS} characters
     */
    public static String check(JsonNode section) {
        Section s = ConfigBinder.bind(section, Section.class, "audit");
        if (s == null || s.key() == null) {
            return null;
        }
        if (s.key().length() < MIN_CONFIGURED_CHARS) {
            throw new ConfigException("audit.key", "must be a string of at least " + MIN_CONFIGURED_CHARS
                    + " characters (for example: openssl rand -base64 32)");
        }
        return s.key();
    }

    public static AuditKey load(JsonNode section, Path secretsDir) {
        String configured = check(section);
        if (configured != null) {
            return new AuditKey(configured.getBytes(StandardCharsets.UTF_8), "config");
        }
        try {
            return fromFile(secretsDir.resolve("audit.key"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit key in " + secretsDir, e);
        }
    }

    private static AuditKey fromFile(Path file) throws IOException {
        SecretFiles.ownerOnlyFolder(file.getParent());
        if (!Files.exists(file)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            SecretFiles.write(file, Base64.getEncoder().encodeToString(bytes) + "\n");
        }
        SecretFiles.ownerOnly(file);
        String text = Files.readString(file).strip();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a base64 key");
        }
        if (bytes.length < 16) {
            throw new IOException(file + " holds a key of " + bytes.length + " bytes; at least 16 are needed");
        }
        return new AuditKey(bytes, file.toString());
    }

    /** Where the key came from: {@code config}, the key file's path, or {@code given}. */
    public String source() { return source; }

    /** HMAC-SHA256 of the parts, in order, as lower-case hex. */
    public String mac(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            for (byte[] p : parts) {
                mac.update(p);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** A keyed digest of a text that may hold secrets (provider settings): comparable, not reversible offline. */
    public String digest(String text) {
        return mac("sluice audit digest\n".getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8));
    }
}
