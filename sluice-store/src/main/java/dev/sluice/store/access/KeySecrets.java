package dev.sluice.store.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Virtual key secrets: {@code sk-sluice-} and 256 random bits (base64url), and their SHA-256, which is what is stored
 * and looked up. A fast digest suffices: the secrets are random, not chosen by people. Also the AWS-style access key
 * ids of key pairs. Thread-safe.
 */
public final class KeySecrets {

    public static final String SCHEME = "sk-sluice-";
    /** Characters of the secret shown in lists: the scheme and six more. */
    public static final int PREFIX_CHARS = SCHEME.length() + 6;
    /** How access key ids begin: four letters as AWS's ({@code AKIA}, {@code ASIA}) do, saying they are Sluice's. */
    public static final String ACCESS_KEY_ID_PREFIX = "ASLU";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() { }

    /** A fresh secret. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh id with a readable kind and 16 random hex digits, e.g. {@code key_3f9a0c...}. */
    public static String id(String kind) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return kind + "_" + java.util.HexFormat.of().formatHex(bytes);
    }

    /**
     * A fresh access key id shaped like AWS's: {@code ASLU} and 16 characters of upper-case base32 (80 random bits),
     * 20 characters in all.
     */
    public static String accessKeyId() {
        StringBuilder out = new StringBuilder(ACCESS_KEY_ID_PREFIX);
        for (int i = 0; i < 16; i++) {
            out.append(BASE32[RANDOM.nextInt(BASE32.length)]);
        }
        return out.toString();
    }

    public static String prefix(String secret) {
        return secret.substring(0, Math.min(PREFIX_CHARS, secret.length()));
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
