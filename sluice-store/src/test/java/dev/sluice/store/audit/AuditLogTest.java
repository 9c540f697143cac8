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

    private AuditLog freshLog(Storage storage) throws Exception {
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE audit_log");
        }
        return new AuditLog(storage.dataSource());
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
        AuditLog otherNode = new AuditLog(storage.dataSource());
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
}
