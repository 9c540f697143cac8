package dev.sluice.testkit;

import dev.sluice.spi.Attempt;
import dev.sluice.spi.Deployment;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link Attempt} for provider tests; {@link #cancel()} plays the gateway's watchdog. */
public final class TestAttempt implements Attempt {

    private final Deployment deployment;
    private final Map<String, String> forwardHeaders;
    private final List<Closeable> resources = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public TestAttempt(Deployment deployment) {
        this(deployment, Map.of());
    }

    public TestAttempt(Deployment deployment, Map<String, String> forwardHeaders) {
        this.deployment = deployment;
        this.forwardHeaders = forwardHeaders;
    }

    @Override public Deployment deployment() { return deployment; }

    @Override public String requestId() { return "req-test"; }

    @Override public Map<String, String> forwardHeaders() { return forwardHeaders; }

    @Override
    public void onCancel(Closeable resource) {
        resources.add(resource);
        if (cancelled) {
            closeQuietly(resource);
        }
    }

    @Override public boolean cancelled() { return cancelled; }

    public void cancel() {
        cancelled = true;
        resources.forEach(TestAttempt::closeQuietly);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
