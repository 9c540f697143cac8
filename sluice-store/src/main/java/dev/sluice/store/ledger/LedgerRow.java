package dev.sluice.store.ledger;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.event.CallRecord;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ledger row, column for column: a {@link CallRecord} flattened, with its cost. Durations are in the units the
 * column names say.
 *
 * @param startedAt truncated to microseconds, PostgreSQL's precision
 * @param costUsd null when no price is known for the model
 * @param ttftMs null when no first token came
 * @param guardrail the guardrail columns, or null when no guardrail applied to the call
 * @param attemptLog the call's attempts as a JSON array ({@link AttemptLog}), or null when its one attempt (or none)
 *     is told by the row's own columns
 */
public record LedgerRow(String requestId, Instant startedAt, String keyId, String teamId, String useCaseId,
                        String environment, String route, String model, String deployment, String provider,
                        String providerType, String upstreamModel, String inboundApi, String operation,
                        boolean stream, int status, String errorType, String errorMessage, int attempts,
                        long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                        long reasoningTokens, BigDecimal costUsd, double latencyMs, Double ttftMs, long gatewayUs,
                        double outputTokensPerSecond, boolean cacheHit, String stopReason, String responseId,
                        String userId, Map<String, String> tags, String traceparent, Guardrail guardrail,
                        String attemptLog) {

    /**
     * The guardrail's verdict, column for column.
     *
     * @param action {@code none}, {@code anonymized} or {@code blocked}
     * @param findings a JSON array of {@code {source, policy, type, action, count}}, never the matched text
     * @param latencyUs the time the checks took
     */
    public record Guardrail(String id, String version, String action, String findings, long latencyUs) {

        static Guardrail of(dev.sluice.api.event.GuardrailVerdict v) {
            if (v == null) {
                return null;
            }
            return new Guardrail(v.id(), v.version(), v.action().toLowerCase(Locale.ROOT), findings(v.findings()),
                    v.latencyNanos() / 1_000);
        }

        /**
         * The findings as a JSON array, written directly: with a tree and the mapper, or even a generator, this took
         * more time on the loop than the rest of the row.
         */
        private static String findings(List<dev.sluice.api.event.GuardrailVerdict.Finding> findings) {
            if (findings.isEmpty()) {
                return "[]";
            }
            StringBuilder b = new StringBuilder(112 * findings.size()).append('[');
            for (var f : findings) {
                b.append(b.length() == 1 ? "{" : ",{");
                member(b, "source", f.source().toLowerCase(Locale.ROOT)).append(',');
                member(b, "policy", f.policy()).append(',');
                member(b, "type", f.type()).append(',');
                member(b, "action", f.action().toLowerCase(Locale.ROOT)).append(",\"count\":").append(f.count());
                b.append('}');
            }
            return b.append(']').toString();
        }

        private static StringBuilder member(StringBuilder b, String name, String value) {
            b.append('"').append(name).append("\":\"");
            JsonStringEncoder.getInstance().quoteAsString(value, b);
            return b.append('"');
        }
    }

    private static final Map<ErrorType, String> ERROR_TYPES = lowerCaseNames(ErrorType.class);
    private static final Map<StopReason, String> STOP_REASONS = lowerCaseNames(StopReason.class);

    public LedgerRow {
        startedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    private static <E extends Enum<E>> Map<E, String> lowerCaseNames(Class<E> type) {
        Map<E, String> names = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            names.put(e, e.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /**
     * The row for {@code call} at {@code cost} (null when unknown). Its tokens are the answer's plus those of answers
     * dropped for a content-policy fallback: all that the upstreams billed.
     */
    public static LedgerRow of(CallRecord call, BigDecimal cost) {
        var id = call.identity();
        var request = call.request();
        var caller = request.caller();
        var routing = call.routing();
        var outcome = call.outcome();
        var usage = outcome.usage();
        if (routing.attemptLog().size() > 1) {
            for (var a : routing.attemptLog()) {
                usage = a.usage() == null ? usage : usage.plus(a.usage());
            }
        }
        var timing = call.timing();
        return new LedgerRow(id.requestId(), id.startedAt(), caller.keyId(), caller.teamId(), caller.useCaseId(),
                caller.environment(), routing.route(), request.model(), routing.deployment(), routing.providerId(),
                routing.providerType(), routing.upstreamModel(), request.inboundApi(), request.operation(),
                request.stream(), outcome.status(),
                outcome.errorType() == null ? null : ERROR_TYPES.get(outcome.errorType()), outcome.errorMessage(),
                routing.attempts(), usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(),
                usage.cacheWriteTokens(), usage.reasoningTokens(), cost, timing.latencyNanos() / 1e6,
                timing.ttftNanos() < 0 ? null : timing.ttftNanos() / 1e6, timing.gatewayNanos() / 1_000,
                call.outputTokensPerSecond(), outcome.cacheHit(),
                outcome.stopReason() == null ? null : STOP_REASONS.get(outcome.stopReason()), outcome.responseId(),
                request.user(), request.tags(), id.traceparent(), Guardrail.of(call.guardrail()),
                AttemptLog.json(routing.attemptLog()));
    }
}
