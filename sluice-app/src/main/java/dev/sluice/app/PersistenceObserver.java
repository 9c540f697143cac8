package dev.sluice.app;

import dev.sluice.gateway.engine.CallContext;
import dev.sluice.server.CallObserver;
import dev.sluice.store.content.ContentCapture;
import dev.sluice.store.cost.PriceCatalog;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What the server asks of persistence while it serves: per call, the cost header and content capture (the
 * {@link CallObserver}), and for {@code /ready}, whether the database answers ({@link #unready}).
 *
 * <p>It owns and closes nothing: the parts it reads are {@link Persistence}'s, which outlive the server (Wiring stops
 * the server first). Thread-safe; the per-call methods run on the event loops and only price or enqueue.
 */
final class PersistenceObserver implements CallObserver {

    private final PriceCatalog prices;
    private final ContentCapture content;
    private final DataSource database;

    PersistenceObserver(PriceCatalog prices, ContentCapture content, DataSource database) {
        this.prices = prices;
        this.content = content;
        this.database = database;
    }

    @Override
    public String costUsd(CallContext call) {
        if (call.target() == null) {
            return null;
        }
        return prices.find(call.target().deployment().upstreamModel(), call.target().deployment().name())
                .map(p -> PriceCatalog.costText(call.usage(), p)).orElse(null);
    }

    @Override
    public boolean capturing() { return content.enabled(); }

    @Override
    public void capture(CallContext call, byte[] requestBody, byte[] responseBody) {
        content.capture(call.requestId(), call.startedAt(), new String(requestBody, StandardCharsets.UTF_8),
                new String(responseBody, StandardCharsets.UTF_8));
    }

    /**
     * For {@code /ready}: null when the database answers within 2 s, else what is wrong (no details of it). Blocks,
     * so the server runs it on a virtual thread.
     */
    String unready() {
        try (Connection c = database.getConnection()) {
            return c.isValid(2) ? null : "the database does not answer";
        } catch (SQLException e) {
            return "the database cannot be reached";
        }
    }
}
