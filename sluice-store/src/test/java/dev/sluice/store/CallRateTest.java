package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.api.event.CallRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The output rate the ledger records ({@code output_tokens_per_second}). */
class CallRateTest {

    @Test
    void aWholeAnswerIsMeasuredOverTheWholeCallNotOverTheGapAfterItsOnlyByte() {
        // 20 output tokens, 1,000 ms in all, the answer's bytes arriving at 999 ms: 20 tokens/s, not 20,000
        var call = Calls.simple("k", "m", Instant.now(), 1000, 999, null);
        assertThat(call.request().stream()).isFalse();
        assertThat(call.outputTokensPerSecond()).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void aStreamIsMeasuredFromItsFirstToken() {
        var streamed = Calls.simple("k", "m", Instant.now(), 1000, 500, null);
        var r = streamed.request();
        var asStream = new CallRecord(streamed.identity(), new CallRecord.Request(r.inboundApi(), r.operation(),
                r.caller(), r.model(), true, r.user(), r.tags()), streamed.routing(), streamed.outcome(),
                streamed.timing());
        assertThat(asStream.outputTokensPerSecond()).isCloseTo(40.0, within(1e-9)); // 20 tokens in 500 ms
    }
}
