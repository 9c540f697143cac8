package dev.sluice.testkit;

import dev.sluice.spi.Attempt;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Downstream;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * An {@link Attempt} for provider tests, bound to one of the shared test event loops; {@link #cancel()} plays the
 * gateway's timeout. Its state is touched on that loop only (as the engine's is).
 */
public final class TestAttempt implements Attempt {

    private final Deployment deployment;
    private final Map<String, String> forwardHeaders;
    private final EventLoop loop = TestLoops.loops().next();
    private final List<Runnable> onCancel = new ArrayList<>();
    private volatile boolean cancelled;
    private Downstream downstream = Downstream.UNBOUNDED;

    public TestAttempt(Deployment deployment) {
        this(deployment, Map.of());
    }

    public TestAttempt(Deployment deployment, Map<String, String> forwardHeaders) {
        this.deployment = deployment;
        this.forwardHeaders = forwardHeaders;
    }

    /** Uses {@code caller} as the caller's side of a stream (flow-control tests). */
    public TestAttempt downstream(Downstream caller) {
        this.downstream = caller;
        return this;
    }

    @Override public Deployment deployment() { return deployment; }

    @Override public String requestId() { return "req-test"; }

    @Override public Map<String, String> forwardHeaders() { return forwardHeaders; }

    @Override public boolean cancelled() { return cancelled; }

    @Override
    public void onCancel(Runnable action) {
        if (cancelled) {
            action.run();
        } else {
            onCancel.add(action);
        }
    }

    @Override public ScheduledExecutorService loop() { return loop; }

    @Override public Downstream downstream() { return downstream; }

    /** Cancels the attempt (on its loop, like the engine's timers). */
    public void cancel() {
        if (loop.inEventLoop()) {
            cancelNow();
        } else {
            loop.execute(this::cancelNow);
        }
    }

    private void cancelNow() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        List<Runnable> actions = new ArrayList<>(onCancel);
        onCancel.clear();
        actions.forEach(Runnable::run);
    }
}
