package dev.sluice.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.CallRecord;
import dev.sluice.store.BothDatabases;
import dev.sluice.store.BothModes;
import dev.sluice.store.Calls;
import dev.sluice.store.Storage;
import dev.sluice.store.cost.PriceCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every attempt of a call reaches the ledger: a call that was retried or fell back keeps each attempt (deployment,
 * status, latency, error, why it was made) in its row's {@code attempt_log}, through the COPY path and the journal,
 * and the admin query shows them; a call of one plain attempt stores none and is shown as that one attempt.
 */
class LedgerAttemptsTest extends BothDatabases {

    private static CallRecord retried(String key, Instant at) {
        CallRecord base = Calls.simple(key, at);
        String id = base.identity().requestId();
        var r = base.routing();
        List<AttemptRecord> attempts = List.of(
                new AttemptRecord(id, 1, "mini-west", "p-west", "openai", "gpt-4o-mini", at, 12_000_000L, 503,
                        ErrorType.UPSTREAM_UNAVAILABLE, "provider 'p-west' answered 503", null),
                new AttemptRecord(id, 2, "mini-east", "p-east", "openai", "gpt-4o-mini", at.plusMillis(13),
                        40_000_000L, 429, ErrorType.RATE_LIMITED, "slow down", AttemptRecord.RETRY),
                new AttemptRecord(id, 3, "big", "p-big", "openai", "gpt-4o", at.plusMillis(60), 80_500_000L, 200,
                        null, null, AttemptRecord.FALLBACK));
        return new CallRecord(base.identity(), base.request(), new CallRecord.Routing("smart", "big", "p-big",
                "openai", "gpt-4o", 3, attempts), base.outcome(), base.timing());
    }

    private void write(Storage storage, CallRecord... calls) {
        try (LedgerWriter writer = LedgerWriter.start(storage.dataSource(), tmp.resolve("j-" + UUID.randomUUID()),
                PriceCatalog.builtIn(), LedgerSettings.DEFAULTS, Clock.systemUTC())) {
            for (CallRecord c : calls) {
                writer.onCallEnd(c);
            }
        }
    }

    @BothModes
    void aRetriedCallShowsEachAttemptInOrderWithItsReason(Storage storage) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallRecord call = retried("att-" + UUID.randomUUID(), at);
        write(storage, call);

        Map<String, Object> row = new LedgerQueries(storage.dataSource()).request(call.identity().requestId())
                .orElseThrow();

        JsonNode log = (JsonNode) row.get("attempt_log");
        assertThat(log).hasSize(3);
        assertThat(log.findValuesAsText("deployment")).containsExactly("mini-west", "mini-east", "big");
        assertThat(log.get(0).get("status").asInt()).isEqualTo(503);
        assertThat(log.get(0).get("error_type").asText()).isEqualTo("upstream_unavailable");
        assertThat(log.get(0).get("reason").isNull()).isTrue();
        assertThat(log.get(1).get("reason").asText()).isEqualTo("retry");
        assertThat(log.get(1).get("error_type").asText()).isEqualTo("rate_limited");
        assertThat(log.get(2).get("reason").asText()).isEqualTo("fallback");
        assertThat(log.get(2).get("latency_ms").asDouble()).isEqualTo(80.5);
        assertThat(log.get(2).get("started_at").asText()).isEqualTo(at.plusMillis(60).toString());
        assertThat(row.get("attempts")).isEqualTo(3);
    }

    @BothModes
    void aCallOfOnePlainAttemptStoresNoLogAndIsShownAsThatAttempt(Storage storage) throws Exception {
        CallRecord call = Calls.simple("one-" + UUID.randomUUID(), Instant.now());
        write(storage, call);
        String id = call.identity().requestId();

        try (Connection c = storage.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT attempt_log FROM ledger WHERE request_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNull();
            }
        }
        JsonNode log = (JsonNode) new LedgerQueries(storage.dataSource()).request(id).orElseThrow()
                .get("attempt_log");
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("deployment").asText()).isEqualTo("gpt-4o-mini-dep");
        assertThat(log.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(log.get(0).get("reason").isNull()).isTrue();
    }

    @Test
    void theJournalKeepsTheAttemptLogOfARow() throws Exception {
        LedgerRow row = LedgerRow.of(retried("j", Instant.now()), null);
        LedgerRowCodec codec = new LedgerRowCodec();

        LedgerRow back = codec.decode(codec.encode(row));

        assertThat(row.attemptLog()).contains("\"reason\":\"fallback\"");
        assertThat(back).isEqualTo(row);
    }
}
