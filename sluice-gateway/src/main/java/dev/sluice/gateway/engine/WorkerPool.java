package dev.sluice.gateway.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Where blocking work goes, off the event loops: JDBC, ONNX models, heavy regexes. Each task runs on its own virtual
 * thread; at most {@code concurrency} of them run at once (the others wait, parked, in arrival order), so a burst of
 * blocking work cannot exhaust a database pool or the CPU. Results come back on the caller's executor (its event
 * loop). Thread-safe.
 */
public final class WorkerPool implements AutoCloseable {

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sluice-worker-", 0).factory());
    private final Semaphore permits;

    public WorkerPool(int concurrency) {
        this.permits = new Semaphore(concurrency, true);
    }

    /** Runs {@code work} off the loop; the future completes on {@code resumeOn} with its value or its exception. */
    public <T> CompletableFuture<T> submit(Supplier<T> work, Executor resumeOn) {
        CompletableFuture<T> result = new CompletableFuture<>();
        threads.execute(() -> {
            T value = null;
            Throwable failure = null;
            try {
                permits.acquire();
                try {
                    value = work.get();
                } finally {
                    permits.release();
                }
            } catch (Throwable t) {
                failure = t;
            }
            T v = value;
            Throwable f = failure;
            resumeOn.execute(() -> {
                if (f == null) {
                    result.complete(v);
                } else {
                    result.completeExceptionally(f);
                }
            });
        });
        return result;
    }

    @Override
    public void close() {
        threads.close();
    }
}
