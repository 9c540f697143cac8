package dev.sluice.guardrails.pii;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.internal.WordCut;
import dev.sluice.guardrails.pii.internal.BuiltInDetectors;
import dev.sluice.guardrails.pii.internal.Candidate;
import dev.sluice.guardrails.pii.internal.ContextIndex;
import dev.sluice.guardrails.pii.internal.CustomRegexDetector;
import dev.sluice.guardrails.pii.internal.Detector;
import dev.sluice.guardrails.pii.internal.Overlaps;
import dev.sluice.guardrails.pii.internal.Placeholders;
import dev.sluice.guardrails.pii.internal.TextScan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a {@link SensitiveInformationPolicy} to texts. Every structured detector runs on every text, whatever the
 * policy lists, so that look-alikes are told apart (an NHS number is not reported as a phone number because PHONE is
 * the only type asked for), and the NAME and ADDRESS detectors run together when either is asked for (so a street
 * named after a person is an address, not a name). The detectors of the policy's types run first: when they find
 * nothing, nothing can be reported and the others are not called (most texts end there). Then context words move each
 * candidate's confidence, candidates under {@value #THRESHOLD} are dropped, overlaps go to the most confident, and only
 * the policy's types are reported. One exception: a URL that the policy does not ask for does not hide a password or
 * user name in its query string.
 *
 * <p>Immutable and thread-safe; {@link #check} does no I/O, never throws on any string (any length, any UTF-16,
 * lone surrogates and NULs included) and takes time linear in the text's length: the built-in detectors are
 * hand-written single-pass scanners and custom regexes run on RE2/J.
 */
public final class SensitiveInformationFilter {

    /** The confidence a finding needs to be reported. */
    public static final double THRESHOLD = 0.5;

    private static final String URL = PiiType.URL.name();
    private static final Set<String> CREDENTIALS = Set.of(PiiType.PASSWORD.name(),
            PiiType.USERNAME.name());

    private final Detector[] detectors;
    /** Each detector's {@link Detector#needs} and {@link Detector#runDigits}, read without a call per text. */
    private final long[] needs;
    private final long[] runDigits;
    /** Whether each detector's type is one the policy asks for. */
    private final boolean[] asked;
    /**
     * By start, then by the order of the detectors of their types, so that overlaps settle ties as if every detector
     * had run in that order (a detector's own candidates keep theirs: the sort is stable).
     */
    private final Comparator<Candidate> byStart;
    private final Map<String, Action> actions;
    private final PhraseMatcher<ContextIndex.Hint> context;

    /** @throws IllegalArgumentException if a custom regex cannot be compiled (already checked by the policy) */
    public SensitiveInformationFilter(SensitiveInformationPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        List<Detector> all = new ArrayList<>(BuiltInDetectors.all());
        if (policy.entities().containsKey(PiiType.NAME) || policy.entities().containsKey(PiiType.ADDRESS)) {
            all.addAll(BuiltInDetectors.unstructured());
        }
        Map<String, Action> byType = new HashMap<>();
        policy.entities().forEach((type, action) -> byType.put(type.name(), action));
        for (CustomRegex regex : policy.regexes()) {
            all.add(new CustomRegexDetector(regex));
            byType.put(regex.name(), regex.action());
        }
        this.detectors = all.toArray(new Detector[0]);
        this.actions = Map.copyOf(byType);
        this.needs = new long[detectors.length];
        this.runDigits = new long[detectors.length];
        this.asked = new boolean[detectors.length];
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < detectors.length; i++) {
            needs[i] = detectors[i].needs();
            runDigits[i] = detectors[i].runDigits();
            asked[i] = actions.containsKey(detectors[i].type());
            rank.putIfAbsent(detectors[i].type(), i);
        }
        this.byStart = Comparator.comparingInt(Candidate::start).thenComparingInt(c -> rank.get(c.type()));
        this.context = ContextIndex.matcher(policy.contextWords());
    }

    /** Checks one text; see {@link SensitiveInformationResult} for what comes back. */
    public SensitiveInformationResult check(String text) {
        return check(WordCut.of(text));
    }

    /** Checks one text whose words other checks of it may read too. */
    public SensitiveInformationResult check(WordCut words) {
        String text = words.text();
        List<Finding> findings = new ArrayList<>();
        Verdict verdict = Verdict.NONE;
        for (Candidate c : candidates(words)) {
            Action action = actions.get(c.type());
            if (action != null) {
                findings.add(new Finding(c.type(), c.start(), c.end(), text.substring(c.start(), c.end()),
                        c.confidence(), action));
                verdict = verdict.and(Verdict.of(action));
            }
        }
        return new SensitiveInformationResult(findings, verdict, Placeholders.mask(text, findings));
    }

    /** The candidates that pass the threshold and win their overlaps, by start. */
    private List<Candidate> candidates(WordCut words) {
        TextScan scan = new TextScan(words);
        long has = scan.features();
        List<Candidate> found = new ArrayList<>();
        // the policy's types first: when they find nothing, nothing can be reported, and the other detectors (there
        // only to tell look-alikes apart) are not called
        for (int i = 0; i < detectors.length; i++) {
            if (asked[i] && mayFind(i, scan, has)) {
                detectors[i].detect(scan, found);
            }
        }
        if (found.isEmpty()) {
            return found;
        }
        // a text with findings is cut now: the cue words, the context words and the word filters all read its words
        // (a text with none is not cut for them: each tells from its chars whether it may hold one of its phrases)
        words.size();
        for (int i = 0; i < detectors.length; i++) {
            if (!asked[i] && mayFind(i, scan, has)) {
                detectors[i].detect(scan, found);
            }
        }
        found.sort(byStart);
        ContextIndex index = ContextIndex.of(words, found, context);
        List<Candidate> scored = new ArrayList<>(found.size());
        for (Candidate c : found) {
            Candidate s = index.score(c);
            if (s != null && s.confidence() >= THRESHOLD) {
                scored.add(s);
            }
        }
        return Overlaps.resolve(actions.containsKey(URL) ? scored : unwrapCredentials(scored));
    }

    /**
     * Whether detector {@code i} may find something in the text, which has the features {@code has}: a detector whose
     * format needs what the text lacks, or digit runs of counts it has none of, is not called (most short texts reach
     * only a few).
     */
    private boolean mayFind(int i, TextScan scan, long has) {
        return (needs[i] & ~has) == 0
                && (runDigits[i] == Detector.ANY_DIGITS || (runDigits[i] & scan.runDigits()) != 0);
    }

    /**
     * Without the URLs that hold a user name or password when the policy does not ask for URLs: the longest
     * candidate wins an overlap, and a URL nobody asked for must not hide the credentials in its query string.
     */
    private static List<Candidate> unwrapCredentials(List<Candidate> byStart) {
        List<Candidate> out = new ArrayList<>(byStart.size());
        int i = 0;
        for (Candidate c : byStart) {
            boolean holds = false;
            if (c.type().equals(URL)) {
                for (int k = i + 1; k < byStart.size() && byStart.get(k).start() < c.end() && !holds; k++) {
                    Candidate inner = byStart.get(k);
                    holds = inner.end() <= c.end() && CREDENTIALS.contains(inner.type());
                }
            }
            if (!holds) {
                out.add(c);
            }
            i++;
        }
        return out;
    }
}
