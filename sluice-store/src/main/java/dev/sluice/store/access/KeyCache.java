package dev.sluice.store.access;

import dev.sluice.api.access.KeyDirectory;
import dev.sluice.api.access.KeyDirectory.SigningSecret;
import dev.sluice.api.event.Caller;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every virtual key, team and use case in memory: the request path's {@link KeyDirectory}, by secret digest and by the
 * access key id of a key pair (whose sealed secret it opens once per reload, with the {@link SecretSealer} it was
 * given; a pair that does not open, because the passphrase changed, is left out and said in the log). It reloads the
 * whole view when the tables change, which it checks every {@code every} (one small query), so a key created, changed
 * (its guardrail included), rotated or revoked on another node takes effect here within that time; a change made
 * through this node is reloaded at once ({@link #refresh}). While the database cannot be read, the last view keeps
 * serving. Thread-safe: look-ups read an immutable view that a refresh replaces whole.
 */
public final class KeyCache implements KeyDirectory, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyCache.class);
    private static final String VERSION = """
            SELECT (SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') FROM teams) || '|'
                || (SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') FROM use_cases) || '|'
                || (SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') FROM virtual_keys)""";

    private final DataSource dataSource;
    private final AccessRepository repository;
    private final ScheduledExecutorService refresher;
    private final SecretSealer sealer;
    private volatile View view = new View(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    private String version;
    private long lastFailureLog;

    /** A key's digest (current, or previous until a rotation's grace ends) and who it makes the caller. */
    private record Entry(Caller caller, VirtualKey key, Instant validUntil) { }

    /** What a key may call: the model lists of the key, its use case and its team (null lists allow any). */
    private record Allowed(List<List<String>> lists) {
        boolean allows(String model) {
            return lists.stream().allMatch(l -> l.contains(model));
        }
    }

    /** A key pair's signing secret, and until when it works when it is the pair a rotation replaced. */
    private record PairEntry(SigningSecret secret, VirtualKey key, Instant validUntil) { }

    private record View(Map<ByteBuffer, Entry> byDigest, Map<String, Allowed> byKeyId,
                        Map<String, List<dev.sluice.api.access.Limits>> limitsByKeyId,
                        Map<String, List<dev.sluice.api.access.Budget>> budgetsByKeyId,
                        Map<String, PairEntry> byAccessKeyId,
                        Map<String, dev.sluice.api.access.KeyGuardrail> guardrailByKeyId) { }

    private KeyCache(DataSource dataSource, Duration every, SecretSealer sealer) {
        this.dataSource = dataSource;
        this.sealer = sealer;
        this.repository = new AccessRepository(dataSource);
        this.refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sluice-key-cache").daemon().factory());
        refresh();
        long ms = every.toMillis();
        refresher.scheduleWithFixedDelay(this::refreshIfChanged, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Loads every key now and then checks for changes every {@code every}; key pairs are not opened. */
    public static KeyCache start(DataSource dataSource, Duration every) {
        return new KeyCache(dataSource, every, null);
    }

    /** As {@link #start(DataSource, Duration)}, with key pairs opened by {@code sealer}. */
    public static KeyCache start(DataSource dataSource, Duration every, SecretSealer sealer) {
        return new KeyCache(dataSource, every, sealer);
    }

    @Override
    public Caller caller(byte[] sha256, Instant now) {
        Entry e = view.byDigest().get(ByteBuffer.wrap(sha256));
        if (e == null || !e.key().activeAt(now) || e.validUntil() != null && !now.isBefore(e.validUntil())) {
            return null;
        }
        return e.caller();
    }

    @Override
    public SigningSecret signingSecret(String accessKeyId, Instant now) {
        PairEntry e = accessKeyId == null ? null : view.byAccessKeyId().get(accessKeyId);
        if (e == null || !e.key().activeAt(now) || e.validUntil() != null && !now.isBefore(e.validUntil())) {
            return null;
        }
        return e.secret();
    }

    @Override
    public boolean allows(Caller caller, String model) {
        if (caller == null || caller == Caller.MASTER || caller.keyId() == null) {
            return true;
        }
        Allowed a = view.byKeyId().get(caller.keyId());
        return a != null && a.allows(model);
    }

    @Override
    public List<dev.sluice.api.access.Limits> limits(Caller caller) {
        if (caller == null || caller.keyId() == null) {
            return List.of();
        }
        return view.limitsByKeyId().getOrDefault(caller.keyId(), List.of());
    }

    @Override
    public List<dev.sluice.api.access.Budget> budgets(Caller caller) {
        if (caller == null || caller.keyId() == null) {
            return List.of();
        }
        return view.budgetsByKeyId().getOrDefault(caller.keyId(), List.of());
    }

    @Override
    public dev.sluice.api.access.KeyGuardrail guardrail(Caller caller) {
        Map<String, dev.sluice.api.access.KeyGuardrail> guardrails = view.guardrailByKeyId();
        if (caller == null || caller.keyId() == null || guardrails.isEmpty()) {
            return null;
        }
        return guardrails.get(caller.keyId());
    }

    private static dev.sluice.api.access.Budget budget(String scope, Grant grant) {
        var b = grant.budget();
        if (b == null || b.isNull() || !b.has("limit_usd")) {
            return null;
        }
        long micros = b.path("limit_usd").decimalValue().movePointRight(6).setScale(0, java.math.RoundingMode.DOWN)
                .longValueExact();
        return new dev.sluice.api.access.Budget(scope, micros, b.path("period").asText("month"));
    }

    private static dev.sluice.api.access.Limits limits(String scope, Grant grant) {
        var l = grant.limits();
        return new dev.sluice.api.access.Limits(scope, l.path("rpm").asLong(0), l.path("tpm").asLong(0),
                l.path("max_concurrent").asLong(0));
    }

    /** Reloads the whole view now (after a change made through this node). */
    public synchronized void refresh() {
        String v = currentVersion();
        Map<String, Team> teams = new HashMap<>();
        repository.teams().forEach(t -> teams.put(t.id(), t));
        Map<String, UseCase> useCases = new HashMap<>();
        repository.useCases().forEach(u -> useCases.put(u.id(), u));
        Map<ByteBuffer, Entry> byDigest = new HashMap<>();
        Map<String, Allowed> byKeyId = new HashMap<>();
        Map<String, List<dev.sluice.api.access.Limits>> limitsByKeyId = new HashMap<>();
        Map<String, List<dev.sluice.api.access.Budget>> budgetsByKeyId = new HashMap<>();
        Map<String, PairEntry> byAccessKeyId = new HashMap<>();
        Map<String, dev.sluice.api.access.KeyGuardrail> guardrails = new HashMap<>();
        int unopened = 0;
        for (VirtualKey k : repository.keys()) {
            Caller caller = new Caller(k.id(), k.teamId(), k.useCaseId(), k.environment());
            byDigest.put(ByteBuffer.wrap(k.secretSha256()), new Entry(caller, k, null));
            if (k.previousSha256() != null && k.previousValidUntil() != null) {
                byDigest.putIfAbsent(ByteBuffer.wrap(k.previousSha256()), new Entry(caller, k, k.previousValidUntil()));
            }
            if (k.revokedAt() == null) {
                unopened += pair(k, k.pair(), caller, null, byAccessKeyId);
                if (k.previousValidUntil() != null) {
                    unopened += pair(k, k.previousPair(), caller, k.previousValidUntil(), byAccessKeyId);
                }
            }
            if (k.guardrail() != null) {
                guardrails.put(k.id(), k.guardrail());
            }
            UseCase u = k.useCaseId() == null ? null : useCases.get(k.useCaseId());
            Team t = k.teamId() == null ? null : teams.get(k.teamId());
            byKeyId.put(k.id(), new Allowed(java.util.stream.Stream.of(k.grant(), u == null ? null : u.grant(),
                    t == null ? null : t.grant()).filter(Objects::nonNull).map(Grant::models).filter(Objects::nonNull)
                    .toList()));
            List<dev.sluice.api.access.Limits> limits = java.util.stream.Stream.of(
                    limits("key:" + k.id(), k.grant()), u == null ? null : limits("use_case:" + u.id(), u.grant()),
                    t == null ? null : limits("team:" + t.id(), t.grant()))
                    .filter(l -> l != null && !l.none()).toList();
            limitsByKeyId.put(k.id(), limits);
            budgetsByKeyId.put(k.id(), java.util.stream.Stream.of(budget("key:" + k.id(), k.grant()),
                    u == null ? null : budget("use_case:" + u.id(), u.grant()),
                    t == null ? null : budget("team:" + t.id(), t.grant())).filter(Objects::nonNull).toList());
        }
        view = new View(Map.copyOf(byDigest), Map.copyOf(byKeyId), Map.copyOf(limitsByKeyId),
                Map.copyOf(budgetsByKeyId), Map.copyOf(byAccessKeyId), Map.copyOf(guardrails));
        version = v;
        if (unopened > 0) {
            LOG.warn("keys: {} key pair(s) cannot be opened with the current encryption key (did the master key or"
                    + " server.encryption_key change?); they refuse SigV4 until their keys are rotated, bearer use"
                    + " still works", unopened);
        }
    }

    /** Indexes {@code pair} by its access key id; 1 when it does not open, else 0. */
    private int pair(VirtualKey k, AccessKeyPair pair, Caller caller, Instant validUntil,
                     Map<String, PairEntry> out) {
        if (pair == null || sealer == null) {
            return 0;
        }
        String secret = sealer.open(pair.sealedSecret(), SecretSealer.context(k.id(), pair.accessKeyId()));
        if (secret == null) {
            return 1;
        }
        byte[] aws4 = ("AWS4" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.putIfAbsent(pair.accessKeyId(), new PairEntry(new SigningSecret(caller, aws4), k, validUntil));
        return 0;
    }

    private synchronized void refreshIfChanged() {
        try {
            if (!Objects.equals(currentVersion(), version)) {
                refresh();
            }
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            if (now - lastFailureLog > TimeUnit.MINUTES.toNanos(1)) {
                lastFailureLog = now;
                LOG.warn("keys: cannot read the key tables ({}); the keys known so far keep working", e.toString());
            }
        }
    }

    private String currentVersion() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(VERSION)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("the key tables cannot be read: " + e.getSQLState(), e);
        }
    }

    /** How many keys are known (current and previous secrets count once per key). */
    public int size() {
        return view.byKeyId().size();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
