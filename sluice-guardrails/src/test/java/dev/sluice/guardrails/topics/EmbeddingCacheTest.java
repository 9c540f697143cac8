package dev.sluice.guardrails.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddingCacheTest {

    @Test
    void theLeastRecentlyUsedWindowLeavesFirst() {
        EmbeddingCache cache = new EmbeddingCache(2);
        float[] a = {1};
        cache.put("a", a);
        cache.put("b", new float[] {2});
        assertThat(cache.get("a")).isSameAs(a);
        cache.put("c", new float[] {3});
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isSameAs(a);
        assertThat(cache.get("c")).containsExactly(3);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aCacheHoldsAtLeastOneWindow() {
        assertThatThrownBy(() -> new EmbeddingCache(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}
