package dev.sluice.guardrails.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextCacheTest {

    @Test
    void theLeastRecentlyUsedWindowLeavesFirst() {
        TextCache<float[]> cache = new TextCache<>(2);
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
        assertThatThrownBy(() -> new TextCache<float[]>(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }
}
