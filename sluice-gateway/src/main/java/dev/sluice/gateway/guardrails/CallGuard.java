package dev.sluice.gateway.guardrails;

import dev.sluice.api.event.GuardrailVerdict;
import dev.sluice.gateway.engine.CallContext;
import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.apply.Assessment;
import dev.sluice.guardrails.apply.Source;
import dev.sluice.guardrails.apply.TextBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One call's guardrail: the version found, how the caller asked for it (trace, stream mode), and what its checks
 * found so far, kept as the call's {@link GuardrailVerdict} (policy, type and action of each finding, never the text
 * matched) and, when the caller asked for the trace, the assessments themselves. Confined to the call's thread but
 * for {@link #check}, which runs on a worker and touches nothing here.
 */
final class CallGuard implements Supplier<GuardrailVerdict> {

    /** One check's outcome, with the time it took. */
    record Checked(Assessment assessment, long nanos) { }

    private final GuardrailLibrary.Found found;
    private final boolean trace;
    private final boolean async;
    /** Each kind of finding (source, policy, type, action) and how often it was seen, in the order first seen. */
    private final Map<Kind, int[]> counts = new LinkedHashMap<>();
    /** The assessments, kept only when the caller asked for the trace (empty and unmodifiable otherwise). */
    private final List<Assessment> inputAssessments;
    private final List<Assessment> outputAssessments;
    private Verdict verdict = Verdict.NONE;
    private long nanos;
    /** The record's verdict as last made; null once a check or a count changed it. */
    private GuardrailVerdict made;

    private final List<TextBlock> context;
    /**
     * Whether relevance was checked already: a stream's first window is checked against the query, its later windows
     * (details, a conclusion) only against the source, since a part of an answer need not answer the question.
     * Written by checks, which a call runs one at a time, each after the last completed.
     */
    private boolean queried;

    /**
     * @param context the grounding source and query blocks the caller sent ({@code guardContent} with qualifiers):
     *     added to every output check, so that the contextual grounding filters can compare the answer with them
     */
    CallGuard(GuardrailLibrary.Found found, boolean trace, boolean async, List<TextBlock> context) {
        this.found = found;
        this.trace = trace;
        this.async = async;
        this.context = List.copyOf(context);
        this.inputAssessments = trace ? new ArrayList<>(1) : List.of();
        this.outputAssessments = trace ? new ArrayList<>(2) : List.of();
    }

    CallGuard(GuardrailLibrary.Found found, boolean trace, boolean async) {
        this(found, trace, async, List.of());
    }

    GuardrailLibrary.Found found() { return found; }

    /**
     * Whether texts of {@code chars} characters are cheap enough to check on the loop with this guardrail: short, and
     * only regex-speed policies (sensitive information, words, content filters); denied topics and grounding run an
     * embedding model, and a judge model is a round trip through this gateway: always on the worker pool.
     */
    boolean inline(int chars) {
        return inline(found, chars);
    }

    static boolean inline(GuardrailLibrary.Found found, int chars) {
        return chars <= INLINE_CHARS && !found.guardrail().needsWorker();
    }

    static int chars(List<TextBlock> blocks) {
        int n = 0;
        for (TextBlock b : blocks) {
            n += b.text().length();
        }
        return n;
    }

    boolean trace() { return trace; }

    /** Whether a stream is delivered first and checked after (Bedrock's {@code async} mode). */
    boolean async() { return async; }

    String blockedOutput() { return found.guardrail().config().blockedOutputsMessaging(); }

    String blockedInput() { return found.guardrail().config().blockedInputMessaging(); }

    List<Assessment> inputAssessments() { return inputAssessments; }

    List<Assessment> outputAssessments() { return outputAssessments; }

    /**
     * Texts up to this many characters are checked on the loop: about 40 ns a character with every PII detector on
     * (5 us for 128), less than a hand-off to a worker and back. Longer ones go to the worker pool, as do all texts
     * of a guardrail with denied topics.
     */
    static final int INLINE_CHARS = 128;

    /**
     * Runs the detectors, for a worker thread; with the caller's grounding source and query added to output checks
     * (the query to the first check of prose only). A call's checks run one at a time.
     */
    Checked check(Source source, List<TextBlock> blocks) {
        long started = System.nanoTime();
        List<TextBlock> checked = blocks;
        if (source == Source.OUTPUT && !context.isEmpty() && found.guardrail().checksGrounding()) {
            boolean prose = blocks.stream().anyMatch(b -> !b.toolArguments());
            checked = new ArrayList<>();
            for (TextBlock c : context) {
                if (!c.query() || (prose && !queried)) {
                    checked.add(c);
                }
            }
            queried |= prose;
            checked.addAll(blocks);
        }
        Assessment a = withoutContext(found.guardrail().check(source, checked), checked.size() - blocks.size());
        return new Checked(a, System.nanoTime() - started);
    }

    /** The assessment with the masked texts of the {@code prepended} context blocks left out of its outputs. */
    private static Assessment withoutContext(Assessment a, int prepended) {
        if (prepended == 0 || a.verdict() != Verdict.ANONYMIZED) {
            return a;
        }
        return new Assessment(a.verdict(), a.outputs().subList(prepended, a.outputs().size()), a.piiEntities(),
                a.regexes(), a.words(), a.undetected(), a.contentFilters(), a.topics(), a.grounding(), a.usage(),
                a.guardedCharacters(), a.totalCharacters());
    }

    /** Notes a check's outcome and updates the call's verdict; on the call's thread. */
    Assessment note(CallContext call, Source source, Checked checked) {
        Assessment a = checked.assessment();
        nanos += checked.nanos();
        verdict = verdict.and(a.verdict());
        if (trace) {
            (source == Source.INPUT ? inputAssessments : outputAssessments).add(a);
        }
        for (Assessment.PiiMatch m : a.piiEntities()) {
            count(source, "sensitiveInformationPolicy", m.type().name(), m.action());
        }
        for (Assessment.RegexMatch m : a.regexes()) {
            count(source, "sensitiveInformationPolicy", m.name(), m.action());
        }
        for (Assessment.WordMatch m : a.words()) {
            count(source, "wordPolicy",
                    m.list() == dev.sluice.guardrails.words.WordFinding.WordList.CUSTOM ? "CUSTOM_WORDS" : "PROFANITY",
                    m.action());
        }
        for (Assessment.ContentMatch m : a.contentFilters()) {
            if (m.detected()) {
                count(source, "contentPolicy", m.type().name(), m.action());
            }
        }
        for (Assessment.TopicMatch m : a.topics()) {
            if (m.detected()) {
                count(source, "topicPolicy", m.name(), m.action());
            }
        }
        for (Assessment.GroundingMatch m : a.grounding()) {
            if (m.detected()) {
                count(source, "contextualGroundingPolicy", m.type(), m.action());
            }
        }
        changed(call);
        return a;
    }

    /** Counts that the upstream's stream was closed after a block; on the call's thread. */
    void noteUpstreamStopped(CallContext call) {
        count(Source.OUTPUT, "stream", "UPSTREAM_CLOSED", Action.BLOCK);
        changed(call);
    }

    /** The verdict changed: made anew when next asked; the call's record reads it from here. */
    private void changed(CallContext call) {
        made = null;
        call.guardrailVerdict(this);
    }

    private record Kind(Source source, String policy, String type, Verdict action) { }

    private void count(Source source, String policy, String type, Action action) {
        counts.computeIfAbsent(new Kind(source, policy, type, Verdict.of(action)), k -> new int[1])[0]++;
    }

    /** The call's verdict so far as the records keep it; on the call's thread. */
    @Override
    public GuardrailVerdict get() {
        if (made == null) {
            made = verdict();
        }
        return made;
    }

    private GuardrailVerdict verdict() {
        List<GuardrailVerdict.Finding> findings = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> findings.add(
                new GuardrailVerdict.Finding(k.source().name(), k.policy(), k.type(), k.action().name(), n[0])));
        return new GuardrailVerdict(found.id(), found.version(), verdict.name(), findings, nanos);
    }
}
