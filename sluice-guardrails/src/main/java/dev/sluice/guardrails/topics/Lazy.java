package dev.sluice.guardrails.topics;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made on its first use, once, however many threads ask at the same time: the first caller makes it on its
 * own thread while the others wait for it; later calls read a volatile field. If making it fails, the failure goes
 * to that caller and the next call tries again. The value must not be null.
 */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> maker;
    private volatile T value;

    Lazy(Supplier<T> maker) {
        this.maker = Objects.requireNonNull(maker, "maker");
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(maker.get(), "a lazy value");
                    value = v;
                }
            }
        }
        return v;
    }
}
