package dev.sluice.transport;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.Downstream;
import dev.sluice.spi.Timeouts;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/** A bare {@link Attempt} on one event loop, for transport tests. */
final class LoopAttempt implements Attempt {

    private final EventLoop loop;
    private final Deployment deployment;
    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelled;

    LoopAttempt(EventLoop loop) {
        this(loop, Duration.ofSeconds(2));
    }

    LoopAttempt(EventLoop loop, Duration connect) {
        this.loop = loop;
        this.deployment = new Deployment("m", "up", "model", JsonNodeFactory.instance.objectNode(),
                new Timeouts(connect, Duration.ofSeconds(30), Duration.ofSeconds(30)));
    }

    @Override public Deployment deployment() { return deployment; }

    @Override public String requestId() { return "req-t"; }

    @Override public Map<String, String> forwardHeaders() { return Map.of(); }

    @Override public boolean cancelled() { return cancelled; }

    @Override
    public void onCancel(Runnable action) {
        onCancel.add(action);
    }

    void cancel() {
        cancelled = true;
        onCancel.forEach(Runnable::run);
    }

    @Override public ScheduledExecutorService loop() { return loop; }

    @Override public Downstream downstream() { return Downstream.UNBOUNDED; }
}
