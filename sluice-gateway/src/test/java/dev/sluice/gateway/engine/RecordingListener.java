package dev.sluice.gateway.engine;

import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.AttemptStart;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.CallStart;
import dev.sluice.api.event.GatewayListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Keeps every event, as a readable log line and as the records themselves, with the thread each callback ran on. Names
 * each attempt's span in a forwarded header, as a tracing listener would.
 */
final class RecordingListener implements GatewayListener {

    final List<String> log = new CopyOnWriteArrayList<>();
    final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    final List<AttemptRecord> attempts = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** The threads the callbacks ran on. */
    Set<Thread> threads() { return threads.stream().collect(Collectors.toSet()); }

    @Override
    public void onCallStart(CallStart s) {
        record("start " + s.model());
    }

    @Override
    public void onAttemptStart(AttemptStart a, Map<String, String> forward) {
        record("attempt " + a.number() + " " + a.deployment());
        forward.put("x-test-span", "span-" + a.number());
    }

    @Override
    public void onAttemptEnd(AttemptRecord a) {
        attempts.add(a);
        record("attempt-end " + a.number() + " " + (a.errorType() == null ? "ok" : a.errorType()));
    }

    @Override
    public void onFirstToken(String id, long ttft) {
        record("first-token");
    }

    @Override
    public void onCallEnd(CallRecord c) {
        calls.add(c);
        record("end " + c.outcome().status());
    }

    private void record(String line) {
        threads.add(Thread.currentThread());
        log.add(line);
    }
}
