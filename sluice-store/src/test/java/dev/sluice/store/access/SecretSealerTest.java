package dev.sluice.store.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sealed secrets open only under the passphrase and for the context they were sealed with, and only unaltered. */
class SecretSealerTest {

    private static final String SECRET = "sk-sluice-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
    private final SecretSealer sealer = new SecretSealer("the-master-key-of-this-server");

    @Test
    void aSealedSecretOpensForItsContext() {
        byte[] sealed = sealer.seal(SECRET, SecretSealer.context("key_1", "ASLUAAAA"));
        assertThat(sealer.open(sealed, SecretSealer.context("key_1", "ASLUAAAA"))).isEqualTo(SECRET);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("sk-sluice");
        assertThat(sealer.seal(SECRET, "c")).as("a fresh nonce each time").isNotEqualTo(sealer.seal(SECRET, "c"));
    }

    @Test
    void anotherPassphraseAnotherContextOrAnAlteredByteOpensNothing() {
        byte[] sealed = sealer.seal(SECRET, "key_1/ASLUAAAA");
        assertThat(new SecretSealer("another-master-key").open(sealed, "key_1/ASLUAAAA")).isNull();
        assertThat(sealer.open(sealed, "key_2/ASLUAAAA")).as("moved to another row").isNull();
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 1;
            assertThat(sealer.open(altered, "key_1/ASLUAAAA")).as("byte %d altered", i).isNull();
        }
        assertThat(sealer.open(new byte[3], "key_1/ASLUAAAA")).isNull();
        assertThat(sealer.open(null, "key_1/ASLUAAAA")).isNull();
    }
}
