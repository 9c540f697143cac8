package dev.sluice.guardrails.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyHashesTest {

    @Test
    void anAsciiWordsHashIsTheHashOfItsKey() {
        String text = "Call PROJECT Falcon now";
        assertThat(KeyHashes.asciiKeyHash(text, 5, 12)).isEqualTo("project".hashCode());
        assertThat(KeyHashes.asciiKeyHash(text, 13, 19)).isEqualTo(Words.keys("Falcon").getFirst().hashCode());
    }

    @Test
    void everyKeyMayBeThereAndMostOtherWordsAreNot() {
        List<String> keys = List.of("falcon", "project", "internal", "only", "", "\u0000");
        KeyHashes hashes = new KeyHashes(keys);
        keys.forEach(k -> assertThat(hashes.mayContain(k.hashCode())).as(k).isTrue());
        long misses = List.of("the", "capital", "of", "france", "is", "paris", "write", "to", "ann", "call").stream()
                .filter(w -> !hashes.mayContain(w.hashCode())).count();
        assertThat(misses).isEqualTo(10);
    }
}
