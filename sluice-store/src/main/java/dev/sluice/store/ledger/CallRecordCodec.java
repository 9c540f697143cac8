package dev.sluice.store.ledger;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.Caller;
import dev.sluice.api.event.GuardrailVerdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A compact binary form of a {@link CallRecord} for the call log: written on the event loop for every call, so it
 * allocates nothing but its reusable buffer and costs well under a microsecond. Strings are a length (-1 for null)
 * and their UTF-8 bytes; enums by name, so that a record written by one version reads in the next. Version 2 adds
 * the guardrail's verdict at the end (a flag, then its fields); version 3 then the attempts, when the ledger itemises
 * them ({@link AttemptLog#itemised}; a count of 0 otherwise); version 4 each attempt's dropped answer's usage (a flag,
 * then its five counts). Versions 1 to 3 still read.
 */
final class CallRecordCodec {

    static final byte VERSION = 4;

    /** A growable byte buffer an encoder writes into; one per thread. */
    static final class Out {
        byte[] bytes = new byte[1024];
        int size;

        void reset() {
            size = 0;
        }

        private void room(int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }

        void b(int v) {
            room(1);
            bytes[size++] = (byte) v;
        }

        void i(int v) {
            room(4);
            bytes[size++] = (byte) (v >>> 24);
            bytes[size++] = (byte) (v >>> 16);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void l(long v) {
            i((int) (v >>> 32));
            i((int) v);
        }

        void s(String v) {
            if (v == null) {
                i(-1);
                return;
            }
            int n = v.length();
            room(4 + n);
            int at = size;
            size += 4;
            for (int k = 0; k < n; k++) {
                char c = v.charAt(k);
                if (c >= 0x80) { // not ASCII: the slow way
                    size = at;
                    byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                    i(utf8.length);
                    room(utf8.length);
                    System.arraycopy(utf8, 0, bytes, size, utf8.length);
                    size += utf8.length;
                    return;
                }
                bytes[size++] = (byte) c;
            }
            int len = size - at - 4;
            bytes[at] = (byte) (len >>> 24);
            bytes[at + 1] = (byte) (len >>> 16);
            bytes[at + 2] = (byte) (len >>> 8);
            bytes[at + 3] = (byte) len;
        }
    }

    private CallRecordCodec() { }

    /** Writes {@code c}; the fields' order is the format's, fixed since version 1, whatever the record's shape. */
    static void encode(CallRecord c, Out out) {
        CallRecord.Identity id = c.identity();
        CallRecord.Request request = c.request();
        CallRecord.Routing routing = c.routing();
        CallRecord.Outcome outcome = c.outcome();
        CallRecord.Timing timing = c.timing();
        out.b(VERSION);
        out.s(id.requestId());
        out.l(id.startedAt().getEpochSecond());
        out.i(id.startedAt().getNano());
        out.s(request.inboundApi());
        out.s(request.operation());
        Caller caller = request.caller();
        out.s(caller.keyId());
        out.s(caller.teamId());
        out.s(caller.useCaseId());
        out.s(caller.environment());
        out.s(request.model());
        out.s(routing.route());
        out.s(routing.deployment());
        out.s(routing.providerId());
        out.s(routing.providerType());
        out.s(routing.upstreamModel());
        out.b(request.stream() ? 1 : 0);
        out.i(outcome.status());
        out.s(outcome.errorType() == null ? null : outcome.errorType().name());
        out.s(outcome.errorMessage());
        out.i(routing.attempts());
        Usage u = outcome.usage();
        out.l(u.inputTokens());
        out.l(u.outputTokens());
        out.l(u.cacheReadTokens());
        out.l(u.cacheWriteTokens());
        out.l(u.reasoningTokens());
        out.l(timing.latencyNanos());
        out.l(timing.ttftNanos());
        out.l(timing.gatewayNanos());
        out.s(outcome.stopReason() == null ? null : outcome.stopReason().name());
        out.s(outcome.responseId());
        out.b(outcome.cacheHit() ? 1 : 0);
        out.s(request.user());
        out.i(request.tags().size());
        for (Map.Entry<String, String> t : request.tags().entrySet()) {
            out.s(t.getKey());
            out.s(t.getValue());
        }
        out.s(id.traceparent());
        GuardrailVerdict g = c.guardrail();
        out.b(g == null ? 0 : 1);
        if (g != null) {
            out.s(g.id());
            out.s(g.version());
            out.s(g.action());
            out.l(g.latencyNanos());
            out.i(g.findings().size());
            for (GuardrailVerdict.Finding f : g.findings()) {
                out.s(f.source());
                out.s(f.policy());
                out.s(f.type());
                out.s(f.action());
                out.i(f.count());
            }
        }
        java.util.List<AttemptRecord> attempts = routing.attemptLog();
        boolean itemised = AttemptLog.itemised(attempts);
        out.i(itemised ? attempts.size() : 0);
        if (itemised) {
            for (AttemptRecord a : attempts) {
                attempt(a, out);
            }
        }
    }

    private static void attempt(AttemptRecord a, Out out) {
        out.i(a.number());
        out.s(a.deployment());
        out.s(a.providerId());
        out.s(a.providerType());
        out.s(a.upstreamModel());
        out.l(a.startedAt().getEpochSecond());
        out.i(a.startedAt().getNano());
        out.l(a.durationNanos());
        out.i(a.status());
        out.s(a.errorType() == null ? null : a.errorType().name());
        out.s(a.errorMessage());
        out.s(a.reason());
        Usage u = a.usage();
        out.b((byte) (u == null ? 0 : 1));
        if (u != null) {
            out.l(u.inputTokens());
            out.l(u.outputTokens());
            out.l(u.cacheReadTokens());
            out.l(u.cacheWriteTokens());
            out.l(u.reasoningTokens());
        }
    }

    private static java.util.List<AttemptRecord> attempts(ByteBuffer in, String requestId, byte version) {
        int n = in.getInt();
        if (n < 0 || n > 10_000) {
            throw new IllegalArgumentException("bad attempt count " + n);
        }
        java.util.List<AttemptRecord> attempts = new java.util.ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int number = in.getInt();
            String deployment = s(in);
            String providerId = s(in);
            String providerType = s(in);
            String upstreamModel = s(in);
            Instant startedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            long duration = in.getLong();
            int status = in.getInt();
            String errorType = s(in);
            String errorMessage = s(in);
            String reason = s(in);
            Usage usage = version >= 4 && in.get() != 0
                    ? new Usage(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong()) : null;
            attempts.add(new AttemptRecord(requestId, number, deployment, providerId, providerType, upstreamModel,
                    startedAt, duration, status, errorType == null ? null : ErrorType.valueOf(errorType),
                    errorMessage, reason, usage));
        }
        return attempts;
    }

    private static GuardrailVerdict guardrail(ByteBuffer in) {
        if (in.get() == 0) {
            return null;
        }
        String id = s(in);
        String version = s(in);
        String action = s(in);
        long nanos = in.getLong();
        int n = in.getInt();
        if (n < 0 || n > 10_000) {
            throw new IllegalArgumentException("bad finding count " + n);
        }
        java.util.List<GuardrailVerdict.Finding> findings = new java.util.ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            findings.add(new GuardrailVerdict.Finding(s(in), s(in), s(in), s(in), in.getInt()));
        }
        return new GuardrailVerdict(id, version, action, findings, nanos);
    }

    /** @throws IllegalArgumentException when the bytes are not a record of a known version */
    static CallRecord decode(ByteBuffer in) {
        try {
            byte version = in.get();
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException("unknown call record version " + version);
            }
            String requestId = s(in);
            Instant startedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            String inboundApi = s(in);
            String operation = s(in);
            Caller caller = new Caller(s(in), s(in), s(in), s(in));
            String model = s(in);
            String route = s(in);
            String deployment = s(in);
            String providerId = s(in);
            String providerType = s(in);
            String upstreamModel = s(in);
            boolean stream = in.get() != 0;
            int status = in.getInt();
            String errorType = s(in);
            String errorMessage = s(in);
            int attempts = in.getInt();
            Usage usage = new Usage(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
            long latency = in.getLong();
            long ttft = in.getLong();
            long gateway = in.getLong();
            String stopReason = s(in);
            String responseId = s(in);
            boolean cacheHit = in.get() != 0;
            String user = s(in);
            int tagCount = in.getInt();
            if (tagCount < 0 || tagCount > 10_000) {
                throw new IllegalArgumentException("bad tag count " + tagCount);
            }
            Map<String, String> tags = new HashMap<>();
            for (int k = 0; k < tagCount; k++) {
                tags.put(s(in), s(in));
            }
            String traceparent = s(in);
            GuardrailVerdict guardrail = version >= 2 ? guardrail(in) : null;
            java.util.List<AttemptRecord> attemptLog = version >= 3 ? attempts(in, requestId, version) : java.util.List.of();
            return new CallRecord(
                    new CallRecord.Identity(requestId, startedAt, traceparent),
                    new CallRecord.Request(inboundApi, operation, caller, model, stream, user, tags),
                    new CallRecord.Routing(route, deployment, providerId, providerType, upstreamModel, attempts,
                            attemptLog),
                    new CallRecord.Outcome(status, errorType == null ? null : ErrorType.valueOf(errorType),
                            errorMessage, stopReason == null ? null : StopReason.valueOf(stopReason), responseId,
                            cacheHit, usage),
                    new CallRecord.Timing(latency, ttft, gateway), guardrail);
        } catch (java.nio.BufferUnderflowException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("truncated or corrupt call record", e);
        }
    }

    private static String s(ByteBuffer in) {
        int n = in.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad string length " + n);
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
