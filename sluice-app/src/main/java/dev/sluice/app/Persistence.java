package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.event.GatewayListener;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.config.ModelConfig;
import dev.sluice.gateway.config.SluiceConfig;
import dev.sluice.server.Authenticator;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.store.Storage;
import dev.sluice.store.StorageConfig;
import dev.sluice.store.audit.AuditAnchor;
import dev.sluice.store.audit.AuditKey;
import dev.sluice.store.access.AccessRepository;
import dev.sluice.store.access.KeyCache;
import dev.sluice.store.access.SecretSealer;
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
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Opens and owns storage and everything on it: the ledger writer, content capture, the audit log, and the admin
 * routes over them (feedback, eval runs). What the server asks of them per call is {@link #observer()}'s.
 *
 * <p>{@link #open} starts the parts in order (storage, ledger writer, content capture, audit log) and, when one fails,
 * closes what it had started and rethrows. The writers are registered with {@link Storage#closeFirst}, so
 * {@link #drainWriters} or {@link #close} drains content capture, then the ledger, before the database closes. The
 * owner (Wiring) calls both from its one ordered stop; the storage has no JVM shutdown hook of its own.
 */
final class Persistence implements AutoCloseable {

    private final Storage storage;
    private final LedgerWriter ledger;
    private final AuditLog audit;
    private final KeyCache keys;
    private final SecretSealer sealer;
    private final PersistenceObserver observer;

    private Persistence(Storage storage, LedgerWriter ledger, ContentCapture content, PriceCatalog prices,
                        AuditLog audit, KeyCache keys, SecretSealer sealer) {
        this.storage = storage;
        this.ledger = ledger;
        this.audit = audit;
        this.keys = keys;
        this.sealer = sealer;
        this.observer = new PersistenceObserver(prices, content, storage.dataSource());
    }

    /** True when the config turns storage off ({@code storage: none}: for benchmarks and tests only). */
    static boolean disabled(SluiceConfig config) {
        JsonNode s = config.section("storage");
        return s.isTextual() && s.asText().equals("none") || s.isBoolean() && !s.asBoolean();
    }

    /**
     * Opens storage and its parts; {@code sealingKey} (the encryption key, else the master key) seals and opens the
     * secrets of key pairs, which exist only when it is given.
     */
    static Persistence open(SluiceConfig config, Path dataDir, PriceCatalog prices, String sealingKey) {
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
            SecretSealer sealer = sealingKey == null || sealingKey.isEmpty() ? null : new SecretSealer(sealingKey);
            KeyCache keys = KeyCache.start(storage.dataSource(), java.time.Duration.ofMillis(500), sealer);
            storage.closeFirst(keys);
            return new Persistence(storage, ledger, content, prices, audit, keys, sealer);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    String describe() { return storage.describe(); }

    /** The server's view of these parts: cost header, content capture and the {@code /ready} check. */
    PersistenceObserver observer() { return observer; }

    GatewayListener ledger() { return ledger; }

    /** The audit log, for those that record changes and alerts in it. */
    AuditLog audit() { return audit; }

    /** Has {@code service} closed before the writers drain and the database closes (newest first). */
    void closeFirst(AutoCloseable service) {
        storage.closeFirst(service);
    }

    /** The database, for readers that need it off the request path (budgets' spend so far). */
    javax.sql.DataSource dataSource() { return storage.dataSource(); }

    /** The virtual keys, in memory, kept up to date with the database. */
    KeyCache keys() { return keys; }

    LedgerWriter ledgerWriter() { return ledger; }

    /** The admin API over storage; a key's guardrail must exist in {@code guardrails}. */
    Consumer<Routes> routes(Authenticator auth, dev.sluice.gateway.guardrails.GuardrailLibrary guardrails) {
        AdminRoutes admin = new AdminRoutes(new AdminLedgerApi(new LedgerQueries(storage.dataSource())),
                new FeedbackStore(storage.dataSource()), audit, auth);
        EvalRunRoutes evalRuns = new EvalRunRoutes(new EvalRunRepository(storage.dataSource()), audit, auth);
        AccessRoutes access = new AccessRoutes(new AccessRepository(storage.dataSource()), audit, keys, auth,
                new dev.sluice.store.access.LedgerSpend(storage.dataSource()), sealer, guardrails);
        return routing -> {
            admin.register(routing);
            evalRuns.register(routing);
            access.register(routing);
        };
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

    /** Drains content capture and the ledger into the database (or the journal); the database stays up. */
    void drainWriters() {
        storage.closeDependents();
    }

    @Override
    public void close() {
        storage.close(); // the writers first, if they are not drained yet, then the pool and the embedded database
    }
}
