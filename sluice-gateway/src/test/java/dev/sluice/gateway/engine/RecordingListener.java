package dev.sluice.gateway.engine;

import dev.sluice.api.event.AttemptRecord;
import dev.sluice.api.event.AttemptStart;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.event.CallStart;
import dev.sluice.api.event.GatewayListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event, as a readable log line and the records themselves. */
final class RecordingListener implements GatewayListener {

    final List<String> log = new CopyOnWriteArrayList<>();
    final List<CallRecord> calls = new CopyOnWriteArrayList<>();
    final List<AttemptRecord> attempts = new CopyOnWriteArrayList<>();

    @Override public void onCallStart(CallStart s) { log.add("start " + s.model()); }

    @Override
    public void onAttemptStart(AttemptStart a, Map<String, String> forward) {
        log.add("attempt " + a.number() + " " + a.deployment());
        forward.put("x-test-span", "span-" + a.number());
    }

    @Override
    public void onAttemptEnd(AttemptRecord a) {
        attempts.add(a);
        log.add("attempt-end " + a.number() + " " + (a.errorType() == null ? "ok" : a.errorType()));
    }

    @Override public void onFirstToken(String id, long ttft) { log.add("first-token"); }

    @Override
    public void onCallEnd(CallRecord c) {
        calls.add(c);
        log.add("end " + c.status());
    }
}
