package dev.sluice.store.access;

/**
 * A key's AWS-style key pair as stored: the access key id (not secret) and the key's secret sealed by a
 * {@link SecretSealer}. The secret access key that SigV4 clients sign with is the key's own {@code sk-sluice-} secret.
 *
 * @param accessKeyId {@code ASLU} and 16 base32 characters, unique
 * @param sealedSecret the secret, sealed for this key id and access key id
 */
public record AccessKeyPair(String accessKeyId, byte[] sealedSecret) {

    @Override
    public String toString() {
        return "AccessKeyPair[accessKeyId=" + accessKeyId + "]";
    }
}
