package dev.sluice.gateway.engine;

import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.AttemptStart;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.CallStart;
import dev.sluice.api.event.GatewayListener;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans events out to every listener, in order; a listener that throws is logged and skipped. */
public final class Listeners implements GatewayListener {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final GatewayListener[] listeners;

    public Listeners(List<? extends GatewayListener> listeners) {
        this.listeners = listeners.toArray(GatewayListener[]::new);
    }

    private void each(Consumer<GatewayListener> action) {
        for (GatewayListener l : listeners) {
            try {
                action.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed; skipped", l.getClass().getName(), e);
            }
        }
    }

    @Override public void onCallStart(CallStart start) { each(l -> l.onCallStart(start)); }

    @Override
    public void onAttemptStart(AttemptStart attempt, Map<String, String> forwardHeaders) {
        each(l -> l.onAttemptStart(attempt, forwardHeaders));
    }

    @Override public void onAttemptEnd(AttemptRecord attempt) { each(l -> l.onAttemptEnd(attempt)); }

    @Override public void onFirstToken(String requestId, long ttftNanos) { each(l -> l.onFirstToken(requestId, ttftNanos)); }

    @Override public void onCallEnd(CallRecord call) { each(l -> l.onCallEnd(call)); }
}
