package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.server.Authenticator;
import dev.sluice.server.CallObserver;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.store.Storage;
import dev.sluice.store.StorageConfig;
import dev.sluice.store.audit.AuditAnchor;
import dev.sluice.store.audit.AuditKey;
import dev.sluice.store.access.AccessRepository;
import dev.sluice.store.access.KeyCache;
import dev.sluice.store.audit.AuditLog;
import dev.sluice.store.content.ContentCapture;
import dev.sluice.store.content.ContentSettings;
import dev.sluice.store.content.Redactor;
import dev.sluice.store.cost.PriceCatalog;
import dev.sluice.store.evals.EvalRunRepository;
import dev.sluice.store.feedback.FeedbackStore;
import dev.sluice.store.ledger.AdminLedgerApi;
import dev.sluice.store.ledger.LedgerQueries;
import dev.sluice.store.ledger.LedgerSettings;
import dev.sluice.store.ledger.LedgerWriter;
import dev.sluice.server.Routes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Storage and everything on it: the ledger, content capture, prices, feedback, the audit log and their admin routes.
 * Closing drains the ledger and content queues before the database closes.
 */
final class Persistence implements AutoCloseable, CallObserver {

    private final Storage storage;
    private final LedgerWriter ledger;
    private final ContentCapture content;
    private final PriceCatalog prices;
    private final AuditLog audit;
    private final KeyCache keys;

    private Persistence(Storage storage, LedgerWriter ledger, ContentCapture content, PriceCatalog prices,
                        AuditLog audit, KeyCache keys) {
        this.keys = keys;
        this.storage = storage;
        this.ledger = ledger;
        this.content = content;
        this.prices = prices;
        this.audit = audit;
    }

    /** True when the config turns storage off ({@code storage: none}: for benchmarks and tests only). */
    static boolean disabled(SluiceConfig config) {
        JsonNode s = config.section("storage");
        return s.isTextual() && s.asText().equals("none") || s.isBoolean() && !s.asBoolean();
    }

    static Persistence open(SluiceConfig config, Path dataDir, PriceCatalog prices) {
        StorageConfig sc = StorageConfig.from(config.section("storage"), dataDir == null ? null : dataDir.toString(),
                Path.of("").toAbsolutePath());
        Storage storage = Storage.open(sc, false); // Wiring owns the order of the stop; no hook of its own
        try {
            LedgerWriter ledger = LedgerWriter.start(storage, prices, LedgerSettings.from(config.section("ledger")));
            ContentCapture content = ContentCapture.start(storage.dataSource(), storage.journalDir(),
                    ContentSettings.from(config.section("content_capture")), Redactor.standard());
            storage.closeFirst(content); // drained before the database stops, on the JVM's shutdown too
            AuditKey key = AuditKey.load(config.section("audit"), sc.dataDir().resolve("secrets"));
            AuditLog audit = new AuditLog(storage.dataSource(), key,
                    new AuditAnchor(sc.dataDir().resolve("audit-anchor")));
            audit.convertUnkeyedChain();
            audit.append("system", "config.apply", config.source(), null, summary(config, key));
            KeyCache keys = KeyCache.start(storage.dataSource(), java.time.Duration.ofMillis(500));
            storage.closeFirst(keys);
            return new Persistence(storage, ledger, content, prices, audit, keys);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    String describe() { return storage.describe(); }

    /** For {@code /ready}: null when the database answers within 2 s, else what is wrong (no details of it). Blocks. */
    String unready() {
        try (java.sql.Connection c = storage.dataSource().getConnection()) {
            return c.isValid(2) ? null : "the database does not answer";
        } catch (java.sql.SQLException e) {
            return "the database cannot be reached";
        }
    }

    GatewayListener ledger() { return ledger; }

    /** The virtual keys, in memory, kept up to date with the database. */
    KeyCache keys() { return keys; }

    LedgerWriter ledgerWriter() { return ledger; }

    Consumer<Routes> routes(Authenticator auth) {
        AdminRoutes admin = new AdminRoutes(new AdminLedgerApi(new LedgerQueries(storage.dataSource())),
                new FeedbackStore(storage.dataSource()), audit, auth);
        EvalRunRoutes evalRuns = new EvalRunRoutes(new EvalRunRepository(storage.dataSource()), audit, auth);
        AccessRoutes access = new AccessRoutes(new AccessRepository(storage.dataSource()), audit, keys, auth);
        return routing -> {
            admin.register(routing);
            evalRuns.register(routing);
            access.register(routing);
        };
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

    /** What the audit log keeps of a config: providers (type, id, settings digest) and models, never secrets. */
    private static JsonNode summary(SluiceConfig config, AuditKey key) {
        ObjectNode out = Json.object();
        ArrayNode providers = out.putArray("providers");
        for (ProviderSpec p : config.providers()) {
            // keyed: a plain hash of settings that hold an API key could be checked against guesses offline
            providers.addObject().put("id", p.id()).put("type", p.type())
                    .put("settings_hmac", key.digest(Json.text(p.settings())));
        }
        ArrayNode models = out.putArray("models");
        for (ModelConfig m : config.models()) {
            models.addObject().put("name", m.name()).put("provider", m.deployment().providerId())
                    .put("upstream_model", m.deployment().upstreamModel());
        }
        return out;
    }

    /**
     * Has {@code service} stopped before the writers drain and the database closes, also when the JVM's shutdown
     * closes the storage first (the embedded database's hook).
     */
    void closeFirst(AutoCloseable service) {
        storage.closeFirst(service);
    }

    /** Drains content capture and the ledger into the database (or the journal); the database stays up. */
    void drainWriters() {
        storage.closeDependents();
    }

    @Override
    public void close() {
        storage.close(); // the writers first, if they are not drained yet, then the pool and the embedded database
    }
}
