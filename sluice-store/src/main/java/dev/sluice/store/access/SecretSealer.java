package dev.sluice.store.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets that Sluice must be able to read back (the secret of a SigV4 key pair: AWS's scheme needs the secret
 * itself, not a digest) with AES-256-GCM. The AES key is derived with HKDF-SHA256 from a passphrase: the config's
 * {@code server.encryption_key}, else the master key. A sealed value is bound to a context (the key's id and access key
 * id), so it cannot be moved to another row; it opens only under the same passphrase. Thread-safe.
 *
 * <p>Layout: version byte {@code 1}, 12-byte random nonce, ciphertext with its 16-byte tag.
 */
public final class SecretSealer {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] SALT = "sluice/secret-sealer".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INFO = "sluice key pairs v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** A sealer whose AES key is derived from {@code passphrase} (not empty). */
    public SecretSealer(String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw new IllegalArgumentException("a sealer needs a passphrase");
        }
        this.key = new SecretKeySpec(hkdf(passphrase.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /** {@code secret} sealed for {@code context}. */
    public byte[] seal(String secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is always available", e);
        }
    }

    /**
     * The secret sealed for {@code context}, or null when it does not open: sealed under another passphrase (the
     * master key or {@code server.encryption_key} changed), for another context, or altered.
     */
    public String open(byte[] sealed, String context) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            return null;
        }
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES), context);
            byte[] plain = c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is always available", e);
        }
    }

    /** The context a key pair's secret is sealed for: the key's id and the pair's access key id. */
    public static String context(String keyId, String accessKeyId) {
        return keyId + "/" + accessKeyId;
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return c;
    }

    /** HKDF-SHA256 (RFC 5869) for one 32-byte block: extract with a fixed salt, expand with a fixed info. */
    private static byte[] hkdf(byte[] ikm) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
            byte[] prk = mac.doFinal(ikm);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(INFO);
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
