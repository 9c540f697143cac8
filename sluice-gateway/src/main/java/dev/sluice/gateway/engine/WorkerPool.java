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
 * loop). A task that waits on I/O rather than computing (a guardrail's judge model answering over HTTP) gives its
 * slot back for the wait ({@link #waiting}). Thread-safe.
 */
public final class WorkerPool implements AutoCloseable {

    /** The pool whose permit the current task holds (each task has a virtual thread of its own). */
    private static final ThreadLocal<WorkerPool> HOLDER = new ThreadLocal<>();

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
                HOLDER.set(this);
                try {
                    value = work.get();
                } finally {
                    HOLDER.remove();
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

    /**
     * Runs {@code wait}, a blocking wait for I/O, with the current task's slot given back to its pool for the time it
     * takes, so that a slow remote answer does not keep the pool's other work waiting; the slot is taken again (in
     * turn with the tasks waiting for one) before this returns. Outside a pool's task it just runs {@code wait}.
     */
    public static <T> T waiting(Supplier<T> wait) {
        WorkerPool pool = HOLDER.get();
        if (pool == null) {
            return wait.get();
        }
        pool.permits.release();
        try {
            return wait.get();
        } finally {
            pool.permits.acquireUninterruptibly();
        }
    }

    @Override
    public void close() {
        threads.close();
    }
}
