package dev.sluice.store.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.json.Json;
import dev.sluice.store.BothDatabases;
import dev.sluice.store.BothModes;
import dev.sluice.store.Calls;
import dev.sluice.store.Storage;
import dev.sluice.store.cost.PriceCatalog;
import dev.sluice.store.ledger.LedgerSettings;
import dev.sluice.store.ledger.LedgerWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeedbackStoreTest extends BothDatabases {

    private CallRecord logCall(Storage storage, String key) {
        CallRecord call = Calls.simple(key, Instant.now());
        try (LedgerWriter writer = LedgerWriter.start(storage.dataSource(), tmp.resolve("j-" + UUID.randomUUID()),
                PriceCatalog.builtIn(), LedgerSettings.DEFAULTS, Clock.systemUTC())) {
            writer.onCallEnd(call);
        }
        return call;
    }

    @BothModes
    void theKeyThatMadeACallCanGiveFeedbackOnIt(Storage storage) throws Exception {
        String key = "fb-" + UUID.randomUUID();
        CallRecord call = logCall(storage, key);
        FeedbackStore store = new FeedbackStore(storage.dataSource());
        Feedback stored = store.record(FeedbackInput.fromJson(Json.parse("""
                {"request_id": "%s", "score": 4.5, "label": "helpful", "comment": "good", "correction": "better"}"""
                .formatted(call.identity().requestId()))), key);
        assertThat(stored.score()).isEqualByComparingTo("4.5");
        assertThat(store.forRequest(call.identity().requestId())).singleElement().satisfies(f -> {
            assertThat(f.label()).isEqualTo("helpful");
            assertThat(f.comment()).isEqualTo("good");
            assertThat(f.correction()).isEqualTo("better");
            assertThat(f.keyId()).isEqualTo(key);
        });
    }

    @BothModes
    void anotherKeyIsRefusedAndAnUnknownCallIsNotFound(Storage storage) {
        String key = "owner-" + UUID.randomUUID();
        CallRecord call = logCall(storage, key);
        FeedbackStore store = new FeedbackStore(storage.dataSource());
        FeedbackInput input = new FeedbackInput(call.identity().requestId(), BigDecimal.ONE, null, null, null);
        assertThatThrownBy(() -> store.record(input, "someone-else"))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().type()).isEqualTo(ErrorType.PERMISSION_DENIED))
                .hasMessageContaining("only be given with the key that made it");
        assertThatThrownBy(() -> store.record(new FeedbackInput("missing-" + UUID.randomUUID(), BigDecimal.ONE,
                null, null, null), key))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().status()).isEqualTo(404))
                .hasMessageContaining("in the ledger");
        assertThat(store.forRequest(call.identity().requestId())).isEmpty();
    }

    @Test
    void malformedFeedbackIsAnInvalidRequestNamingTheField() {
        assertThatThrownBy(() -> FeedbackInput.fromJson(Json.parse("{\"request_id\": \"r\"}")))
                .isInstanceOf(GatewayException.class).hasMessage("score is required (a number)");
        assertThatThrownBy(() -> FeedbackInput.fromJson(Json.parse("{\"request_id\": \"r\", \"score\": \"5\"}")))
                .isInstanceOf(GatewayException.class).hasMessage("score must be a number");
        assertThatThrownBy(() -> FeedbackInput.fromJson(Json.parse("{\"score\": 1}")))
                .isInstanceOf(GatewayException.class).hasMessage("request_id is required");
        assertThatThrownBy(() -> FeedbackInput.fromJson(Json.parse("{\"request_id\": \"r\", \"score\": 1, \"x\": 1}")))
                .isInstanceOf(GatewayException.class).hasMessage("unknown field 'x'");
    }
}
