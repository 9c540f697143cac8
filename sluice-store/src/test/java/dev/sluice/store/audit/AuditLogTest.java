package dev.sluice.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.json.Json;
import dev.sluice.store.BothDatabases;
import dev.sluice.store.BothModes;
import dev.sluice.store.Storage;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Each scenario starts from an empty audit log (the table is emptied first; tests in a class run one by one). */
class AuditLogTest extends BothDatabases {

    static final AuditKey KEY = AuditKey.of("a test key that is not in the database".getBytes());

    /** A node's anchor file of its own, fresh. */
    private AuditAnchor anchor() {
        return new AuditAnchor(tmp.resolve("anchor-" + java.util.UUID.randomUUID()));
    }

    private AuditLog freshLog(Storage storage) throws Exception {
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE audit_log");
        }
        return new AuditLog(storage.dataSource(), KEY, anchor());
    }

    private static List<AuditEntry> appendFive(AuditLog log) throws Exception {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            entries.add(log.append("admin@example.com", "key.update", "key:k" + i,
                    Json.parse("{\"limits\": {\"rpm\": 10, \"tpm\": 1000.50}, \"name\": \"k" + i + "\"}"),
                    Json.parse("{\"name\": \"k" + i + "\", \"limits\": {\"tpm\": 2000, \"rpm\": 20}}")));
        }
        return entries;
    }

    @BothModes
    void anUntouchedChainVerifies(Storage storage) throws Exception {
        AuditLog log = freshLog(storage);
        List<AuditEntry> entries = appendFive(log);
        log.append("admin", "key.delete", "key:k1", Json.parse("{\"a\": 1}"), null);
        AuditVerification result = log.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(6);
        assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
    }

    @BothModes
    void anEditedRowIsDetectedAtItsSeq(Storage storage) throws Exception {
        AuditLog log = freshLog(storage);
        List<AuditEntry> entries = appendFive(log);
        long edited = entries.get(2).seq();
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE audit_log SET after = '{\"name\": \"k3\", \"limits\": {\"rpm\": 9999}}' WHERE seq = "
                    + edited);
        }
        AuditVerification result = log.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(edited);
        assertThat(result.problem()).contains("was edited");
    }

    @BothModes
    void aDeletedRowIsDetectedAtTheRowAfterIt(Storage storage) throws Exception {
        AuditLog log = freshLog(storage);
        List<AuditEntry> entries = appendFive(log);
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM audit_log WHERE seq = " + entries.get(1).seq());
        }
        AuditVerification result = log.verify();
        assertThat(result.firstBrokenSeq()).isEqualTo(entries.get(2).seq());
        assertThat(result.problem()).contains("deleted");
    }

    @BothModes
    void anEditThatAlsoRewritesTheHashBreaksTheNextLink(Storage storage) throws Exception {
        AuditLog log = freshLog(storage);
        List<AuditEntry> entries = appendFive(log);
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE audit_log SET actor = 'mallory', hash = repeat('a', 64) WHERE seq = "
                    + entries.get(3).seq());
        }
        assertThat(log.verify().firstBrokenSeq()).isEqualTo(entries.get(3).seq());
    }

    @BothModes
    void concurrentAppendsFormOneUnbrokenChain(Storage storage) throws Exception {
        AuditLog log = freshLog(storage);
        AuditLog otherNode = new AuditLog(storage.dataSource(), KEY, anchor());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AuditEntry>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                AuditLog target = i % 2 == 0 ? log : otherNode;
                int n = i;
                futures.add(pool.submit(() -> target.append("admin", "route.update", "route:r" + n, null,
                        Json.parse("{\"n\": " + n + "}"))));
            }
            for (Future<AuditEntry> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        AuditVerification result = log.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.rowsChecked()).isEqualTo(40);
    }

    /** What someone who can write the database but lacks the key can do: edit a row and rehash the chain from it. */
    private static void forge(Storage storage, long fromSeq) throws Exception {
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + fromSeq);
            String prev = null;
            try (var rs = s.executeQuery("SELECT hash FROM audit_log WHERE seq < " + fromSeq
                    + " ORDER BY seq DESC LIMIT 1")) {
                prev = rs.next() ? rs.getString(1) : AuditHash.GENESIS;
            }
            List<Object[]> rows = new ArrayList<>();
            try (var rs = s.executeQuery("SELECT seq, at, actor, action, target, before::text, after::text "
                    + "FROM audit_log WHERE seq >= " + fromSeq + " ORDER BY seq")) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)});
                }
            }
            for (Object[] r : rows) {
                String hash = AuditHash.legacy(prev, (long) r[0], (java.time.Instant) r[1], (String) r[2],
                        (String) r[3], (String) r[4], r[5] == null ? null : Json.parse((String) r[5]),
                        r[6] == null ? null : Json.parse((String) r[6]));
                s.execute("UPDATE audit_log SET prev_hash = '" + prev + "', hash = '" + hash + "' WHERE seq = " + r[0]);
                prev = hash;
            }
        }
    }

    @BothModes
    void anEditWithTheChainRecomputedWithoutTheKeyIsDetected(Storage storage) throws Exception {
        AuditLog log = freshLog(storage);
        List<AuditEntry> entries = appendFive(log);
        forge(storage, entries.get(1).seq());
        AuditVerification result = log.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(entries.get(1).seq());
    }

    @BothModes
    void removingTheNewestRowsOrAllOfThemIsDetected(Storage storage) throws Exception {
        AuditLog log = freshLog(storage);
        List<AuditEntry> entries = appendFive(log);
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM audit_log WHERE seq >= " + entries.get(3).seq());
        }
        AuditVerification tail = log.verify();
        assertThat(tail.intact()).isFalse();
        assertThat(tail.problem()).contains("removed from the end").contains("seq " + entries.get(4).seq());
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM audit_log");
        }
        assertThat(log.verify().intact()).isFalse();
    }

    @BothModes
    void theNewestRowReplacedByAnotherChainIsDetected(Storage storage) throws Exception {
        AuditLog log = freshLog(storage);
        appendFive(log);
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE audit_log"); // and a new chain grows in its place, as far as the anchored seq
        }
        AuditLog forger = new AuditLog(storage.dataSource(), AuditKey.of("another key".getBytes()), anchor());
        for (int i = 0; i < 5; i++) {
            forger.append("mallory", "key.update", "key:x", null, null);
        }
        assertThat(log.verify().intact()).isFalse();
    }

    @BothModes
    void aChainFromBeforeTheKeyIsConvertedOnceWhenIntactAndNeverAfter(Storage storage) throws Exception {
        AuditLog log = freshLog(storage);
        List<AuditEntry> entries = appendFive(log);
        forge(storage, entries.get(0).seq()); // every row unkeyed, as an older Sluice wrote them
        AuditLog upgraded = new AuditLog(storage.dataSource(), KEY, anchor());
        assertThat(upgraded.convertUnkeyedChain()).isEqualTo(5);
        assertThat(upgraded.verify().intact()).isTrue();
        assertThat(upgraded.convertUnkeyedChain()).as("once").isZero();

        forge(storage, entries.get(2).seq()); // a later forgery dressed as an old chain is not laundered
        assertThat(upgraded.convertUnkeyedChain()).isZero();
        assertThat(upgraded.verify().firstBrokenSeq()).isEqualTo(entries.get(2).seq());
    }

    @org.junit.jupiter.api.Test
    void digestsOfSecretsAreKeyed() throws Exception {
        String settings = "{\"api_key\":\"sk-live-123\"}";
        String plain = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(settings.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(KEY.digest(settings)).isNotEqualTo(plain).hasSize(64)
                .isNotEqualTo(AuditKey.of("other".getBytes()).digest(settings))
                .isEqualTo(KEY.digest(settings));
    }
}
