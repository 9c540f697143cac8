package dev.sluice.store.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.Caller;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The call log's record format. The version 1 bytes were written by the codec before {@link CallRecord} was grouped
 * into parts: a log left by an earlier build must still replay. Version 2 is version 1 with the guardrail's verdict
 * appended (one flag byte, 0 for none, then its fields); version 3 appends the attempts the ledger itemises (a count,
 * 0 for none, then their fields).
 */
class CallRecordCodecTest {

    private static final Instant STARTED = Instant.parse("2026-01-02T03:04:05.123456789Z");

    /** Every field set; text beyond ASCII in the user and a tag. One tag only: a map's order is not fixed. */
    private static final CallRecord FULL = new CallRecord(
            new CallRecord.Identity("r-full", STARTED, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
            new CallRecord.Request("openai", "chat", new Caller("key-1", "team-a", "uc-support", "prod"), "gpt-4o",
                    true, "us\u00e9r-42", Map.of("team", "bl\u4e2due")),
            new CallRecord.Routing("smart", "gpt-4o-east", "openai-east", "openai", "gpt-4o-2024-08-06", 2),
            new CallRecord.Outcome(200, null, null, StopReason.END_TURN, "chatcmpl-123", false,
                    new Usage(1200, 300, 200, 7, 50)),
            new CallRecord.Timing(1_500_000_000L, 250_000_000L, 3_000_000L));

    private static final String FULL_V1 =
            "0100000006722d66756c6c00000000695735a5075bcd15000000066f70656e61690000000463686174000000056b6579"
            + "2d31000000067465616d2d610000000a75632d737570706f72740000000470726f64000000066770742d346f00000005"
            + "736d6172740000000b6770742d346f2d656173740000000b6f70656e61692d65617374000000066f70656e6169000000"
            + "116770742d346f2d323032342d30382d303601000000c8ffffffffffffffff0000000200000000000004b00000000000"
            + "00012c00000000000000c8000000000000000700000000000000320000000059682f00000000000ee6b2800000000000"
            + "2dc6c000000008454e445f5455524e0000000c63686174636d706c2d31323300000000087573c3a9722d343200000001"
            + "000000047465616d00000007626ce4b8ad75650000003730302d30616637363531393136636434336464383434386562"
            + "323131633830333139632d623761643662373136393230333333312d3031";

    /** A call that reached no deployment: nulls, the defaults for caller, usage and tags, no first token. */
    private static final CallRecord SPARSE = new CallRecord(
            new CallRecord.Identity("r-fail", STARTED.plusSeconds(1), null),
            new CallRecord.Request("anthropic", "chat", null, "no-such", false, null, null),
            new CallRecord.Routing(null, null, null, null, null, 0),
            new CallRecord.Outcome(404, ErrorType.NOT_FOUND, "nope \u00e9\u0000", null, null, false, null),
            new CallRecord.Timing(30_000_000L, -1, 1_000_000L));

    private static final String SPARSE_V1 =
            "0100000006722d6661696c00000000695735a6075bcd1500000009616e7468726f706963000000046368617400000006"
            + "6d6173746572ffffffffffffffffffffffff000000076e6f2d73756368ffffffffffffffffffffffffffffffffffffff"
            + "ff0000000194000000094e4f545f464f554e44000000086e6f706520c3a9000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000001c9c380ffffffffffffffff0000000000"
            + "0f4240ffffffffffffffff00ffffffff00000000ffffffff";

    private static String encoded(CallRecord call) {
        CallRecordCodec.Out out = new CallRecordCodec.Out();
        CallRecordCodec.encode(call, out);
        return HexFormat.of().formatHex(out.bytes, 0, out.size);
    }

    private static CallRecord decoded(String hex) {
        return CallRecordCodec.decode(ByteBuffer.wrap(HexFormat.of().parseHex(hex)));
    }

    /** The version 2 bytes of a call written as {@code v1} was, with no guardrail. */
    private static String v2(String v1) {
        return "02" + v1.substring(2) + "00";
    }

    /** The version 3 bytes of a call written as {@code v1} was, with no guardrail and no itemised attempts. */
    private static String v3(String v1) {
        return "03" + v1.substring(2) + "00" + "00000000";
    }

    /** Version 4 writes a call with no itemised attempts as version 3 did, under its own version byte. */
    private static String v4(String v1) {
        return "04" + v3(v1).substring(2);
    }

    @Test
    void aCallWithEveryFieldSetIsWrittenInTheVersionOneLayoutWithNoGuardrailAfterIt() {
        assertThat(encoded(FULL)).isEqualTo(v4(FULL_V1));
    }

    @Test
    void aCallWithNullsAndDefaultsIsWrittenInTheVersionOneLayoutWithNoGuardrailAfterIt() {
        assertThat(encoded(SPARSE)).isEqualTo(v4(SPARSE_V1));
    }

    @Test
    void aGuardrailsVerdictReadsBackWithoutTheTextItMatched() {
        var verdict = new dev.sluice.api.event.GuardrailVerdict("support", "3", "BLOCKED", java.util.List.of(
                new dev.sluice.api.event.GuardrailVerdict.Finding("INPUT", "sensitiveInformationPolicy", "EMAIL",
                        "ANONYMIZED", 2),
                new dev.sluice.api.event.GuardrailVerdict.Finding("OUTPUT", "wordPolicy", "CUSTOM_WORDS", "BLOCKED",
                        1)), 123_456L);
        CallRecord guarded = new CallRecord(FULL.identity(), FULL.request(), FULL.routing(), FULL.outcome(),
                FULL.timing(), verdict);
        assertThat(decoded(encoded(guarded))).isEqualTo(guarded);
        assertThat(decoded(v2(FULL_V1))).isEqualTo(FULL);
    }

    @Test
    void aRetriedCallsAttemptsReadBackWithTheirReasons() {
        var first = new dev.sluice.api.event.AttemptRecord("r-full", 1, "gpt-4o-west", "openai-west", "openai",
                "gpt-4o", STARTED.plusMillis(1), 40_000_000L, 503, ErrorType.UPSTREAM_UNAVAILABLE, "down", null);
        var second = new dev.sluice.api.event.AttemptRecord("r-full", 2, "gpt-4o-east", "openai-east", "openai",
                "gpt-4o-2024-08-06", STARTED.plusMillis(45), 900_000_000L, 200, null, null,
                dev.sluice.api.event.AttemptRecord.RETRY);
        var r = FULL.routing();
        CallRecord retried = new CallRecord(FULL.identity(), FULL.request(), new CallRecord.Routing(r.route(),
                r.deployment(), r.providerId(), r.providerType(), r.upstreamModel(), 2, java.util.List.of(first,
                second)), FULL.outcome(), FULL.timing());
        assertThat(decoded(encoded(retried))).isEqualTo(retried);
    }

    @Test
    void aDroppedAnswersUsageReadsBackWithItsAttemptAndAVersionThreeRecordStillReads() {
        var refused = new dev.sluice.api.event.AttemptRecord("r-full", 1, "gpt-4o-west", "openai-west", "openai",
                "gpt-4o", STARTED.plusMillis(1), 40_000_000L, 200, ErrorType.CONTENT_FILTERED, "withheld", null,
                new dev.sluice.api.chat.Usage(5000, 7000, 100, 20, 3));
        var second = new dev.sluice.api.event.AttemptRecord("r-full", 2, "lenient", "sim", "simulator",
                "sim", STARTED.plusMillis(45), 900_000L, 200, null, null,
                dev.sluice.api.event.AttemptRecord.CONTENT_POLICY_FALLBACK);
        var r = FULL.routing();
        CallRecord call = new CallRecord(FULL.identity(), FULL.request(), new CallRecord.Routing(r.route(),
                r.deployment(), r.providerId(), r.providerType(), r.upstreamModel(), 2, java.util.List.of(refused,
                second)), FULL.outcome(), FULL.timing());
        assertThat(decoded(encoded(call))).isEqualTo(call);
        assertThat(decoded(v3(FULL_V1))).isEqualTo(FULL);
    }

    @Test
    void aSingleAttemptMadeForNoReasonIsNotItemised() {
        var only = new dev.sluice.api.event.AttemptRecord("r-full", 1, "gpt-4o-east", "openai-east", "openai",
                "gpt-4o-2024-08-06", STARTED, 1_000L, 200, null, null, null);
        var r = FULL.routing();
        CallRecord single = new CallRecord(FULL.identity(), FULL.request(), new CallRecord.Routing(r.route(),
                r.deployment(), r.providerId(), r.providerType(), r.upstreamModel(), 2, java.util.List.of(only)),
                FULL.outcome(), FULL.timing());
        assertThat(encoded(single)).isEqualTo(v4(FULL_V1));
    }

    @Test
    void versionTwoRecordsStillRead() {
        assertThat(decoded(v2(FULL_V1))).isEqualTo(FULL);
    }

    @Test
    void versionOneRecordsReadBackAsTheCallsTheyWereWrittenFrom() {
        assertThat(decoded(FULL_V1)).isEqualTo(FULL);
        assertThat(decoded(SPARSE_V1)).isEqualTo(SPARSE);
        assertThat(decoded(SPARSE_V1).request().caller()).isEqualTo(Caller.MASTER);
    }
}
