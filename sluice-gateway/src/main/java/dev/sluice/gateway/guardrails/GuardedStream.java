package dev.sluice.gateway.guardrails;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.StopReason;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.apply.Assessment;
import dev.sluice.guardrails.apply.Source;
import dev.sluice.guardrails.apply.TextBlock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A streamed answer checked by the call's guardrail as it flows, in one of Bedrock's two modes.
 *
 * <p><b>sync</b> (the default): answer text is held and checked before it is released. A check runs once
 * {@value #CHECK_AT} characters are held, over everything held; what it lets through is released (masked when the
 * guardrail anonymizes) except the last {@value #HOLD} characters, which stay held and are checked again with the
 * text that follows, so that a value split across chunks (or across two checks) is still seen whole. Text whose
 * masking reaches into those last characters is held until more text comes (at most {@value #MAX_HELD} characters).
 * The held text is checked and released whole before any other event (a tool call, the end of the answer), so the
 * events keep their order. A block drops what is held, sends the guardrail's blocked-output message and ends the
 * stream with {@link StopReason#GUARDRAIL_INTERVENED}; the upstream's exchange is then closed ({@link
 * CallContext#stopUpstream}), so it stops generating (and billing) an answer nobody will see; the attempt ends with
 * that reason and the call's guardrail verdict counts it ({@code stream}/{@code UPSTREAM_CLOSED}).
 *
 * <p>A tool call's arguments are output too: in sync mode its argument deltas are held until the call is complete
 * (the next event of another block, or the end), checked whole, and sent as one delta, masked when the guardrail
 * anonymizes; a block ends the stream as for text.
 *
 * <p><b>async</b>: every event is delivered at once and the text is checked after, in the same windows; masking is
 * not possible (the text was sent: findings are only recorded, as Bedrock does), and a block ends the stream as
 * above, after what was already sent. The end of the answer waits for the last check.
 *
 * <p>Checks run off the loop ({@code offload}); events that arrive meanwhile wait in order. Confined to the call's
 * thread: every method, and every completion of a check, runs on its event loop.
 */
final class GuardedStream implements ChatEventSink {

    /** Characters held back after each check, to be checked again with what follows: longer than any PII value. */
    static final int HOLD = 64;
    /** Held characters that start a check. */
    static final int CHECK_AT = 256;
    /** Held characters past which a check releases all it can, even text masked near its end. */
    static final int MAX_HELD = 4096;

    /** Runs a check off the loop; the stage completes on the loop. */
    interface Offload {
        <T> CompletionStage<T> run(Supplier<T> work);
    }

    private final CallContext call;
    private final CallGuard guard;
    private final ChatEventSink downstream;
    private final Offload offload;
    private final ArrayDeque<ChatEvent> queue = new ArrayDeque<>();
    private final StringBuilder held = new StringBuilder();
    /** Sync mode: the arguments of the tool call being streamed, held until the call is complete. */
    private final StringBuilder toolArgs = new StringBuilder();
    private int toolBlock = -1;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private int heldBlock = -1;
    private int maxBlock = -1;
    private int nextCheckAt = CHECK_AT;
    private boolean checking;
    private boolean blocked;
    private boolean upstreamDone;

    GuardedStream(CallContext call, CallGuard guard, ChatEventSink downstream, Offload offload) {
        this.call = call;
        this.guard = guard;
        this.downstream = downstream;
        this.offload = offload;
    }

    @Override
    public void accept(ChatEvent event) {
        if (blocked) {
            if (event instanceof ChatEvent.UsageReport) {
                downstream.accept(event); // what the upstream spent is still recorded
            }
            return;
        }
        noteBlock(event);
        if (guard.async() && queue.isEmpty() && !(event instanceof ChatEvent.MessageStop)) {
            deliverAsync(event);
            return;
        }
        queue.add(event);
        pump();
    }

    /**
     * The upstream's stream ended: completes once everything held was checked and released (or the stream was
     * blocked).
     */
    CompletionStage<Void> finish() {
        upstreamDone = true;
        if (blocked) {
            finished.complete(null);
        } else {
            pump();
        }
        return finished;
    }

    private void deliverAsync(ChatEvent event) {
        if (event instanceof ChatEvent.TextDelta t) {
            held.append(t.text());
            heldBlock = t.block();
        }
        downstream.accept(event);
        if (!checking && held.length() >= nextCheckAt) {
            check(false);
        }
    }

    private void noteBlock(ChatEvent event) {
        int block = switch (event) {
            case ChatEvent.TextDelta t -> t.block();
            case ChatEvent.ToolUseStart t -> t.block();
            case ChatEvent.ToolUseDelta d -> d.block();
            default -> -1;
        };
        maxBlock = Math.max(maxBlock, block);
    }

    /** Releases queued events in order until one must wait for a check. */
    private void pump() {
        while (!checking && !blocked) {
            ChatEvent event = queue.peek();
            if (!toolArgs.isEmpty() && !(event instanceof ChatEvent.ToolUseDelta d && d.block() == toolBlock)
                    && (event != null || upstreamDone)) {
                checkToolArguments();
                return;
            }
            if (event instanceof ChatEvent.ToolUseDelta d && !guard.async() && held.isEmpty()) {
                queue.poll();
                toolBlock = d.block();
                toolArgs.append(d.partialJson());
                continue;
            }
            if (event == null) {
                if (upstreamDone) {
                    if (!held.isEmpty()) {
                        check(true);
                        return;
                    }
                    finished.complete(null);
                }
                return;
            }
            if (event instanceof ChatEvent.TextDelta t && !guard.async()) {
                if (heldBlock >= 0 && t.block() != heldBlock && !held.isEmpty()) {
                    check(true);
                    return;
                }
                queue.poll();
                heldBlock = t.block();
                held.append(t.text());
                if (held.length() >= nextCheckAt) {
                    check(false);
                    return;
                }
                continue;
            }
            if (!held.isEmpty() && (!guard.async() || event instanceof ChatEvent.MessageStop)) {
                check(true);
                return;
            }
            queue.poll();
            downstream.accept(event);
        }
    }

    /** Checks what is held; {@code last}: everything held is released after it (no more text follows it). */
    private void check(boolean last) {
        checking = true;
        String text = held.toString();
        Supplier<CallGuard.Checked> work = () -> guard.check(Source.OUTPUT, List.of(TextBlock.of(text)));
        (guard.inline(text.length()) ? CompletableFuture.completedFuture(work.get()) : offload.run(work))
                .whenComplete((checked, failure) -> {
                    checking = false;
                    if (failure != null) {
                        finished.completeExceptionally(failure);
                        return;
                    }
                    try {
                        checked(text, last, checked);
                    } catch (RuntimeException e) { // a bug: end the stream with it rather than leave it hanging
                        blocked = true;
                        finished.completeExceptionally(e);
                    }
                });
    }

    /**
     * Sync mode: checks a complete tool call's arguments as output text; blocks, or sends them in one delta (masked
     * when the guardrail anonymizes).
     */
    private void checkToolArguments() {
        checking = true;
        String args = toolArgs.toString();
        int block = toolBlock;
        toolArgs.setLength(0);
        toolBlock = -1;
        Supplier<CallGuard.Checked> work = () -> guard.check(Source.OUTPUT, List.of(TextBlock.of(args)));
        (guard.inline(args.length()) ? CompletableFuture.completedFuture(work.get()) : offload.run(work))
                .whenComplete((checked, failure) -> {
                    checking = false;
                    if (failure != null) {
                        finished.completeExceptionally(failure);
                        return;
                    }
                    Assessment a = guard.note(call, Source.OUTPUT, checked);
                    if (a.verdict() == Verdict.BLOCKED) {
                        block();
                        return;
                    }
                    downstream.accept(new ChatEvent.ToolUseDelta(block,
                            a.verdict() == Verdict.ANONYMIZED ? a.outputs().getFirst() : args));
                    pump();
                });
    }

    /** A check's outcome, on the loop: block, or release (sync) or drop (async) what it let through. */
    private void checked(String text, boolean last, CallGuard.Checked checked) {
        Assessment a = guard.note(call, Source.OUTPUT, checked);
        if (guard.trace()) {
            call.answerTrace(GuardrailTrace.of(guard, null));
        }
        if (a.verdict() == Verdict.BLOCKED) {
            block();
            return;
        }
        if (guard.async()) {
            keep(text, last ? 0 : HOLD);
        } else {
            release(text, a.verdict() == Verdict.ANONYMIZED ? a.outputs().getFirst() : text, last);
        }
        if (guard.async() && !last && held.length() >= nextCheckAt) {
            check(false);
            return;
        }
        pump();
    }

    /** Sync mode: sends the checked text that may go, masked, and keeps the rest held. */
    private void release(String text, String out, boolean last) {
        if (last) {
            send(out);
            held.setLength(0);
            heldBlock = -1;
            nextCheckAt = CHECK_AT;
            return;
        }
        int unchanged = commonSuffix(text, out); // the end of the text that masking did not touch
        int keep = unchanged >= HOLD ? HOLD : text.length() >= MAX_HELD ? unchanged : text.length();
        if (keep < text.length()) { // else a mask reaches into the end: wait for the text that follows
            send(out.substring(0, out.length() - keep));
        }
        held.setLength(0);
        held.append(text, text.length() - keep, text.length());
        nextCheckAt = held.length() + (CHECK_AT - HOLD);
    }

    /** Async mode: the text was sent; keeps its last {@code keep} characters to check with what follows. */
    private void keep(String text, int keep) {
        String rest = held.substring(text.length()); // arrived while the check ran
        held.setLength(0);
        held.append(text, text.length() - Math.min(keep, text.length()), text.length()).append(rest);
        nextCheckAt = Math.max(CHECK_AT, held.length() - rest.length() + (CHECK_AT - HOLD));
    }

    private void send(String text) {
        if (!text.isEmpty()) {
            downstream.accept(new ChatEvent.TextDelta(heldBlock, text));
        }
    }

    private void block() {
        blocked = true;
        queue.clear();
        held.setLength(0);
        int block = heldBlock >= 0 ? heldBlock : maxBlock + 1;
        downstream.accept(new ChatEvent.TextDelta(block, guard.blockedOutput()));
        downstream.accept(new ChatEvent.MessageStop(StopReason.GUARDRAIL_INTERVENED, null));
        if (upstreamDone) {
            finished.complete(null);
        } else {
            guard.noteUpstreamStopped(call); // first: closing the exchange may end the call, and its record, at once
            call.stopUpstream(STOPPED);
        }
    }

    /** The reason an upstream stream is closed with, as its attempt records it. */
    static final String STOPPED = "closed by the gateway: the output guardrail blocked the answer";

    private static int commonSuffix(String a, String b) {
        int n = 0;
        int max = Math.min(a.length(), b.length());
        while (n < max && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) {
            n++;
        }
        return n;
    }
}
