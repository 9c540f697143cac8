package dev.sluice.gateway.engine;

import dev.sluice.spi.Attempt;
import dev.sluice.spi.Deployment;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's side of an {@link Attempt}: timers and cancellation. {@link #cancel} may run on the watchdog thread
 * while the provider reads on the call thread; the resource list is guarded by this object's lock.
 */
final class AttemptHandle implements Attempt {

    private final Deployment deployment;
    private final String requestId;
    private final Map<String, String> forwardHeaders;
    private final List<Closeable> resources = new ArrayList<>(2);
    private volatile String cancelReason;
    private Watchdog.Timer firstTokenTimer;
    private Watchdog.Timer totalTimer;

    AttemptHandle(Deployment deployment, String requestId, Map<String, String> forwardHeaders) {
        this.deployment = deployment;
        this.requestId = requestId;
        this.forwardHeaders = forwardHeaders;
    }

    @Override public Deployment deployment() { return deployment; }

    @Override public String requestId() { return requestId; }

    @Override public Map<String, String> forwardHeaders() { return forwardHeaders; }

    @Override
    public void onCancel(Closeable resource) {
        boolean closeNow;
        synchronized (this) {
            closeNow = cancelReason != null;
            if (!closeNow) {
                resources.add(resource);
            }
        }
        if (closeNow) {
            closeQuietly(resource);
        }
    }

    @Override public boolean cancelled() { return cancelReason != null; }

    /** Why the attempt was cancelled, or null. */
    String cancelReason() { return cancelReason; }

    void cancel(String reason) {
        List<Closeable> toClose;
        synchronized (this) {
            if (cancelReason != null) {
                return;
            }
            cancelReason = reason;
            toClose = new ArrayList<>(resources);
            resources.clear();
        }
        toClose.forEach(AttemptHandle::closeQuietly);
    }

    void arm(Watchdog watchdog, boolean stream) {
        var t = deployment.timeouts();
        totalTimer = watchdog.after(t.total(), () -> cancel("no complete answer within " + t.total().toMillis()
                + " ms (total timeout)"));
        if (stream) {
            firstTokenTimer = watchdog.after(t.firstToken(), () -> cancel("no first token within "
                    + t.firstToken().toMillis() + " ms (first-token timeout)"));
        }
    }

    void firstTokenArrived() {
        Watchdog.Timer f = firstTokenTimer;
        if (f != null) {
            f.cancel();
            firstTokenTimer = null;
        }
    }

    void disarm() {
        firstTokenArrived();
        if (totalTimer != null) {
            totalTimer.cancel();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // cancelling is best effort; the provider's read fails either way
        }
    }
}
