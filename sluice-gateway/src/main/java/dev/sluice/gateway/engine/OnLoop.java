package dev.sluice.gateway.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Going on with a call once a stage it waits for (a shared counter, a database read) has answered. */
final class OnLoop {

    private OnLoop() { }

    /**
     * Applies {@code next} to the value of {@code stage} on the call's event loop: at once, on this thread, when the
     * stage is already done (local counters), else on the loop when it completes (a shared store answers on its own
     * threads). A failed stage fails the result; {@code next} may throw.
     */
    static <T, R> CompletionStage<R> then(CallContext call, CompletionStage<T> stage,
                                          Function<T, CompletionStage<R>> next) {
        CompletableFuture<T> f = stage.toCompletableFuture();
        if (f.isDone() && !f.isCompletedExceptionally()) {
            return next.apply(f.join());
        }
        return f.thenComposeAsync(next, call.loop());
    }
}
