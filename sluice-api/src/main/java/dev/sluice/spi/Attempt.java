package dev.sluice.spi;

import java.io.Closeable;
import java.util.Map;

/**
 * One try of one deployment, as the provider sees it.
 *
 * <p>The gateway enforces the deployment's first-token and total timeouts from another thread: when one expires it
 * closes every resource registered with {@link #onCancel} (typically the upstream response body), which makes the
 * provider's blocked read fail; the gateway then reports a timeout, whatever exception the provider threw.
 */
public interface Attempt {

    Deployment deployment();

    String requestId();

    /** Headers to pass upstream as they are (W3C {@code traceparent}, {@code tracestate}); never secrets. */
    Map<String, String> forwardHeaders();

    /** Registers a resource to close if the attempt is cancelled; closes it at once when already cancelled. */
    void onCancel(Closeable resource);

    /** True once a timeout or the caller's departure cancelled this attempt. */
    boolean cancelled();
}
