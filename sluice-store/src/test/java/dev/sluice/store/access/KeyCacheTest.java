package dev.sluice.store.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.access.KeyGuardrail;
import dev.sluice.api.event.Caller;
import dev.sluice.api.json.Json;
import dev.sluice.store.BothDatabases;
import dev.sluice.store.BothModes;
import dev.sluice.store.Storage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The in-memory key directory: what it answers, how it follows the tables, and that it outlives a database outage. */
class KeyCacheTest extends BothDatabases {

    @BothModes
    void keysFollowTheTablesAndKeepWorkingWhileTheDatabaseIsDown(Storage storage) throws Exception {
        Switchable db = new Switchable(storage.dataSource());
        Instant now = Instant.now();
        String secret = KeySecrets.generate();
        Team team = new Team(KeySecrets.id("team"), "t-" + now.toEpochMilli() + "-" + System.nanoTime(), null, null,
                new Grant(List.of("a", "b"), Json.object().put("rpm", 5), null, null), now, now);
        VirtualKey key = new VirtualKey(KeySecrets.id("key"), "k", KeySecrets.prefix(secret), KeySecrets.sha256(secret),
                null, null, null, null, team.id(), null, "prod", new Grant(List.of("a"), null,
                Json.object().put("limit_usd", 1.5).put("period", "day"), null), null, now, now, null);
        try (Connection c = storage.dataSource().getConnection()) {
            AccessRepository.insertTeam(c, team);
            AccessRepository.insertKey(c, key);
        }
        try (KeyCache cache = KeyCache.start(db, Duration.ofMillis(50))) {
            Caller caller = cache.caller(KeySecrets.sha256(secret), Instant.now());
            assertThat(caller).isEqualTo(new Caller(key.id(), team.id(), null, "prod"));
            assertThat(cache.caller(KeySecrets.sha256(secret + "x"), Instant.now())).isNull();
            assertThat(cache.allows(caller, "a")).isTrue();
            assertThat(cache.allows(caller, "b")).as("the team allows it; the key does not").isFalse();
            assertThat(cache.limits(caller)).extracting(dev.sluice.api.access.Limits::scope)
                    .containsExactly("team:" + team.id());
            assertThat(cache.budgets(caller)).containsExactly(new dev.sluice.api.access.Budget("key:" + key.id(),
                    1_500_000, "day"));

            db.down.set(true); // every connection attempt now fails; the cache keeps what it knew
            Thread.sleep(200);
            assertThat(cache.caller(KeySecrets.sha256(secret), Instant.now())).isEqualTo(caller);
            db.down.set(false);

            try (Connection c = storage.dataSource().getConnection()) {
                AccessRepository.revokeKey(c, key.id(), Instant.now());
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (cache.caller(KeySecrets.sha256(secret), Instant.now()) != null) {
                assertThat(System.nanoTime()).as("the revocation was seen").isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }

    @BothModes
    void keyPairsAreFoundByAccessKeyIdThePreviousOneOnlyDuringItsGraceAndNoneOnceRevoked(Storage storage)
            throws Exception {
        SecretSealer sealer = new SecretSealer("master-key-for-pairs");
        // PostgreSQL keeps microseconds and rounds the rest: a time with more would come back up to 0.5 us later
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String secret = KeySecrets.generate();
        String id = KeySecrets.id("key");
        AccessKeyPair pair = pair(sealer, id, secret);
        VirtualKey key = new VirtualKey(id, "k", KeySecrets.prefix(secret), KeySecrets.sha256(secret), null, null,
                pair, null, null, null, null, Grant.OPEN, null, now, now, null);
        try (Connection c = storage.dataSource().getConnection()) {
            AccessRepository.insertKey(c, key);
        }
        Caller caller = new Caller(id, null, null, null);
        try (KeyCache cache = KeyCache.start(storage.dataSource(), Duration.ofMinutes(1), sealer);
             KeyCache otherMaster = KeyCache.start(storage.dataSource(), Duration.ofMinutes(1),
                     new SecretSealer("another-master-key"))) {
            assertThat(pair.accessKeyId()).matches("ASLU[A-Z2-7]{16}");
            var found = cache.signingSecret(pair.accessKeyId(), now);
            assertThat(found.caller()).isEqualTo(caller);
            assertThat(found.aws4Secret()).isEqualTo(("AWS4" + secret).getBytes(StandardCharsets.UTF_8));
            assertThat(cache.signingSecret("ASLU" + "A".repeat(16), now)).isNull();
            assertThat(otherMaster.signingSecret(pair.accessKeyId(), now)).as("sealed under another key").isNull();
            assertThat(otherMaster.caller(KeySecrets.sha256(secret), now)).as("bearer use still works")
                    .isEqualTo(caller);

            String next = KeySecrets.generate();
            AccessKeyPair nextPair = pair(sealer, id, next);
            Instant graceEnds = now.plus(Duration.ofHours(1));
            try (Connection c = storage.dataSource().getConnection()) {
                AccessRepository.rotateKey(c, id, KeySecrets.sha256(next), KeySecrets.prefix(next), nextPair,
                        graceEnds, now);
            }
            cache.refresh();
            assertThat(cache.signingSecret(nextPair.accessKeyId(), now).aws4Secret())
                    .isEqualTo(("AWS4" + next).getBytes(StandardCharsets.UTF_8));
            assertThat(cache.signingSecret(pair.accessKeyId(), now)).as("the old pair, in its grace").isNotNull();
            assertThat(cache.signingSecret(pair.accessKeyId(), graceEnds)).as("the old pair, after its grace")
                    .isNull();
            assertThat(cache.signingSecret(nextPair.accessKeyId(), graceEnds)).isNotNull();

            try (Connection c = storage.dataSource().getConnection()) {
                AccessRepository.revokeKey(c, id, Instant.now());
            }
            cache.refresh();
            assertThat(cache.signingSecret(nextPair.accessKeyId(), Instant.now())).as("revoked").isNull();
            assertThat(cache.signingSecret(pair.accessKeyId(), Instant.now())).as("revoked").isNull();
        }
    }

    @BothModes
    void aKeysGuardrailIsStoredWithItAndFollowedWhenItChanges(Storage storage) throws Exception {
        Instant now = Instant.now();
        String secret = KeySecrets.generate();
        String id = KeySecrets.id("key");
        KeyGuardrail pii = new KeyGuardrail("pii", "2");
        VirtualKey key = new VirtualKey(id, "k", KeySecrets.prefix(secret), KeySecrets.sha256(secret), null, null,
                null, null, null, null, null, Grant.OPEN, null, now, now, null, pii);
        try (Connection c = storage.dataSource().getConnection()) {
            AccessRepository.insertKey(c, key);
        }
        AccessRepository repository = new AccessRepository(storage.dataSource());
        assertThat(repository.key(id).orElseThrow().guardrail()).isEqualTo(pii);
        assertThat(repository.key(id).orElseThrow().toJson().path("guardrail").toString())
                .isEqualTo("{\"id\":\"pii\",\"version\":\"2\"}");
        try (KeyCache cache = KeyCache.start(storage.dataSource(), Duration.ofMillis(50))) {
            Caller caller = cache.caller(KeySecrets.sha256(secret), now);
            assertThat(cache.guardrail(caller)).isEqualTo(pii);
            assertThat(cache.guardrail(Caller.MASTER)).isNull();

            KeyGuardrail draft = new KeyGuardrail("words", "DRAFT");
            try (Connection c = storage.dataSource().getConnection()) {
                AccessRepository.updateKey(c, new VirtualKey(id, "k", key.prefix(), key.secretSha256(), null, null,
                        null, null, null, null, null, Grant.OPEN, null, now, Instant.now(), null, draft));
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!draft.equals(cache.guardrail(caller))) {
                assertThat(System.nanoTime()).as("the new guardrail was seen by polling").isLessThan(deadline);
                Thread.sleep(10);
            }
            try (Connection c = storage.dataSource().getConnection()) {
                AccessRepository.updateKey(c, new VirtualKey(id, "k", key.prefix(), key.secretSha256(), null, null,
                        null, null, null, null, null, Grant.OPEN, null, now, Instant.now(), null, null));
            }
            cache.refresh();
            assertThat(cache.guardrail(caller)).as("removed").isNull();
        }
    }

    private static AccessKeyPair pair(SecretSealer sealer, String keyId, String secret) {
        String accessKeyId = KeySecrets.accessKeyId();
        return new AccessKeyPair(accessKeyId, sealer.seal(secret, SecretSealer.context(keyId, accessKeyId)));
    }

    /** A data source that can be made to fail every connection, as a database that is down does. */
    private static final class Switchable implements DataSource {
        final AtomicBoolean down = new AtomicBoolean();
        private final DataSource real;

        Switchable(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLException("the database is down", "08006");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override public PrintWriter getLogWriter() { return null; }

        @Override public void setLogWriter(PrintWriter out) { }

        @Override public void setLoginTimeout(int seconds) { }

        @Override public int getLoginTimeout() { return 0; }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
