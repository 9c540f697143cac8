package dev.sluice.guardrails.apply;

import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.content.ContentClassifier;
import dev.sluice.guardrails.content.ContentScore;
import dev.sluice.guardrails.content.ContentType;
import dev.sluice.guardrails.content.Strength;
import dev.sluice.guardrails.definition.GuardrailConfig;
import dev.sluice.guardrails.internal.WordCut;
import dev.sluice.guardrails.judge.Judge;
import dev.sluice.guardrails.judge.Question;
import dev.sluice.guardrails.pii.Finding;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.pii.SensitiveInformationResult;
import dev.sluice.guardrails.topics.Embedder;
import dev.sluice.guardrails.topics.MiniLmEmbedder;
import dev.sluice.guardrails.topics.TopicScore;
import dev.sluice.guardrails.words.WordFilterResult;
import dev.sluice.guardrails.words.WordFinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A guardrail definition made ready to check texts: the filters of its input side and of its output side, built once
 * (compiling regexes, loading the profanity list and the content cue lexicon). Immutable and thread-safe (what it
 * remembers of long texts lives in a shared {@link RememberedChecks}); {@link #check} never throws on any text and
 * takes time linear in the texts' length.
 *
 * <p>Denied topics and grounding are the exception to "cheap": they run the MiniLM embedding model or its table
 * (and one to two seconds to load the model once per process, on the first check that needs it), and a judge model
 * is a network round trip. {@link #needsWorker()} says whether a guardrail has any of them; either way, run {@link
 * #check} off event loops.
 */
public final class CompiledGuardrail {

    private final GuardrailConfig config;
    private final ContentClassifier contentClassifier = ContentClassifier.shared();
    private final Map<Source, SideFilters> sides = new EnumMap<>(Source.class);
    private final GroundingCheck grounding;
    private final boolean usesEmbeddings;
    private final Judge judge;
    /** The topic policy's judge model, or null. */
    private final String topicJudge;
    /** The content policy's judge model, or null. */
    private final String contentJudge;
    /** What checks found in long texts seen recently, or null (this guardrail does not remember). */
    private final RememberedChecks remembered;

    /** What the sensitive-information, word and content checks found in one text (topics remember their own). */
    private record BlockChecks(SensitiveInformationResult pii, List<WordFilterResult> words,
                               Collection<ContentScore> content) {

        /** What this holds besides {@code text}, counted as characters: a masked copy, and each finding's text. */
        long chars(String text) {
            long chars = 0;
            if (pii != null) {
                chars += pii.text() == text ? 0 : pii.text().length(); // the same string when nothing was masked
                for (var f : pii.findings()) {
                    chars += FINDING_CHARS + f.text().length();
                }
            }
            for (WordFilterResult w : words) {
                chars += (long) FINDING_CHARS * w.findings().size();
            }
            return chars + (long) FINDING_CHARS * content.size();
        }
    }

    /** A finding's objects (record, strings), counted as characters of a remembered text. */
    private static final int FINDING_CHARS = 64;

    /**
     * With the process's shared MiniLM model for denied topics.
     *
     * @throws IllegalArgumentException if the definition cannot be compiled (it was checked when it was made)
     */
    public CompiledGuardrail(GuardrailConfig config) {
        this(config, MiniLmEmbedder.shared());
    }

    /** With {@code embedder} for denied topics (a test's fake, or a shared model), and no judge model. */
    public CompiledGuardrail(GuardrailConfig config, Embedder embedder) {
        this(config, embedder, Judge.NONE);
    }

    /**
     * With {@code embedder} for denied topics and {@code judge} to ask the topic and content policies' {@code
     * judgeModel}, when they name one, about each topic or category their classifier detects.
     */
    public CompiledGuardrail(GuardrailConfig config, Embedder embedder, Judge judge) {
        this(config, embedder, judge, null);
    }

    /**
     * As {@link #CompiledGuardrail(GuardrailConfig, Embedder, Judge)}; with {@code remembered} (null: none), what a
     * side's checks find in a text of {@value RememberedChecks#MIN_CHARS} to {@value RememberedChecks#MAX_CHARS}
     * characters is kept there, so that a text checked again (a system prompt sent with every call, a conversation's
     * history sent again each turn) costs a look-up. The findings depend on the text alone, so a remembered text is
     * assessed exactly as a new one.
     */
    public CompiledGuardrail(GuardrailConfig config, Embedder embedder, Judge judge, RememberedChecks remembered) {
        this.config = Objects.requireNonNull(config, "config");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.topicJudge = config.topicPolicyConfig() == null ? null : config.topicPolicyConfig().judgeModel();
        this.contentJudge = config.contentPolicyConfig() == null ? null : config.contentPolicyConfig().judgeModel();
        for (Source source : Source.values()) {
            sides.put(source, SideFilters.of(config, source, embedder));
        }
        this.grounding = GroundingCheck.of(config.contextualGroundingPolicyConfig(), embedder);
        this.usesEmbeddings = grounding != null || sides.values().stream().anyMatch(s -> s.topics() != null);
        this.remembered = remembered;
    }

    /** Whether a check may run the embedding model (the guardrail has denied topics or grounding filters). */
    public boolean usesEmbeddings() {
        return usesEmbeddings;
    }

    /**
     * Whether a check may block for milliseconds or more: the embedding model, or a judge model's round trip (which
     * goes through this process's own gateway, so that on an event loop it could wait for the loop itself). Such a
     * guardrail is never checked on a loop, however short the text.
     */
    public boolean needsWorker() {
        return usesEmbeddings || topicJudge != null || contentJudge != null;
    }

    /** Whether the output side has contextual grounding filters (they need the grounding source and the query). */
    public boolean checksGrounding() {
        return grounding != null;
    }

    public GuardrailConfig config() { return config; }

    /** Checks {@code blocks} as text from {@code source}. */
    public Assessment check(Source source, List<TextBlock> blocks) {
        SideFilters side = sides.get(source);
        // the findings' lists and the types seen are made at the first finding: most checks find nothing
        List<Assessment.PiiMatch> pii = List.of();
        List<Assessment.RegexMatch> regexes = List.of();
        List<Assessment.WordMatch> words = List.of();
        Set<PiiType> seen = null;
        // the blocks as masked, made when the first one is (most checks mask nothing)
        List<String> masked = null;
        Verdict verdict = Verdict.NONE;
        int guarded = 0;
        int total = 0;
        int units = 0;
        boolean classifies = !side.content().isEmpty();
        // only a side with content filters or topics fills these (most gateway checks have neither)
        Map<ContentType, Strength> confidence = classifies ? new EnumMap<>(ContentType.class) : Map.of();
        Map<ContentType, String> contentText = classifies ? new EnumMap<>(ContentType.class) : Map.of();
        Map<String, Double> similarity = side.topics() != null ? new HashMap<>() : Map.of();
        Map<String, String> bestText = side.topics() != null ? new HashMap<>() : Map.of();
        for (int b = 0; b < blocks.size(); b++) {
            TextBlock block = blocks.get(b);
            String text = block.text();
            total += text.length();
            if (!block.guarded()) {
                if (masked != null) {
                    masked.add(text);
                }
                continue;
            }
            guarded += text.length();
            units += Math.max(1, (text.length() + 999) / 1000);
            BlockChecks checked = checks(source, side, text);
            if (checked.pii() != null) {
                SensitiveInformationResult r = checked.pii();
                verdict = verdict.and(r.verdict());
                text = r.text();
                for (Finding f : r.findings()) {
                    String pattern = side.regexPatterns().get(f.type());
                    if (pattern != null) {
                        regexes = growing(regexes);
                        regexes.add(new Assessment.RegexMatch(f.type(), pattern, f.text(), f.action()));
                    } else {
                        PiiType type = PiiType.valueOf(f.type());
                        seen = seen == null ? EnumSet.noneOf(PiiType.class) : seen;
                        seen.add(type);
                        pii = growing(pii);
                        pii.add(new Assessment.PiiMatch(type, f.text(), f.action()));
                    }
                }
            }
            for (int w = 0; w < checked.words().size(); w++) {
                WordFilterResult r = checked.words().get(w);
                verdict = verdict.and(r.verdict());
                for (WordFinding f : r.findings()) {
                    words = growing(words);
                    words.add(new Assessment.WordMatch(f.match(), f.list(), f.action()));
                }
            }
            for (ContentScore c : checked.content()) {
                Strength before = confidence.get(c.type());
                if (before == null || c.confidence().compareTo(before) > 0) {
                    confidence.put(c.type(), c.confidence());
                    contentText.put(c.type(), text); // what a judge may read: with PII masked
                }
            }
            if (side.topics() != null) {
                for (TopicScore t : side.topics().classify(block.text())) {
                    if (t.similarity() > similarity.getOrDefault(t.topic(), -1.0)) {
                        similarity.put(t.topic(), t.similarity());
                        bestText.put(t.topic(), text);
                    }
                }
            }
            if (masked == null && !text.equals(block.text())) { // equals is quick on the same string
                // the first block masked: those before it as they were
                masked = new ArrayList<>(blocks.size());
                for (int k = 0; k < b; k++) {
                    masked.add(blocks.get(k).text());
                }
            }
            if (masked != null) {
                masked.add(text);
            }
        }
        // most sides have no content filters and no denied topics: their maps are not iterated then
        List<Assessment.ContentMatch> content = List.of();
        if (!side.content().isEmpty()) {
            content = new ArrayList<>();
            for (var e : side.content().entrySet()) {
                Strength found = confidence.getOrDefault(e.getKey(), Strength.NONE);
                boolean detected = e.getValue().strength().blocks(found) && (verdict == Verdict.BLOCKED
                        || judged(contentJudge, Question.of(e.getKey()), contentText.get(e.getKey())));
                content.add(new Assessment.ContentMatch(e.getKey(), found, e.getValue().strength(),
                        e.getValue().action(), detected));
                if (detected) {
                    verdict = verdict.and(Verdict.of(e.getValue().action()));
                }
            }
        }
        List<Assessment.TopicMatch> topics = List.of();
        if (!side.topicActions().isEmpty()) {
            topics = new ArrayList<>();
            for (var e : side.topicActions().entrySet()) {
                double best = similarity.getOrDefault(e.getKey(), 0.0);
                boolean detected = side.topics() != null && best >= side.topics().threshold()
                        && (verdict == Verdict.BLOCKED
                        || judged(topicJudge, question(side, e.getKey()), bestText.get(e.getKey())));
                topics.add(new Assessment.TopicMatch(e.getKey(), best, e.getValue(), detected));
                if (detected) {
                    verdict = verdict.and(Verdict.of(e.getValue()));
                }
            }
        }
        GroundingCheck.Result grounded = grounding == null || source != Source.OUTPUT ? GroundingCheck.Result.NONE
                : grounding.check(blocks);
        for (Assessment.GroundingMatch g : grounded.matches()) {
            if (g.detected()) {
                verdict = verdict.and(Verdict.of(g.action()));
            }
        }
        List<PiiType> undetected = side.types();
        if (seen != null) {
            undetected = new ArrayList<>(side.types().size());
            for (PiiType t : side.types()) {
                if (!seen.contains(t)) {
                    undetected.add(t);
                }
            }
        }
        boolean entities = side.pii() != null && !side.types().isEmpty();
        boolean regexesOnly = side.pii() != null && side.types().isEmpty();
        Assessment.Usage usage = new Assessment.Usage(entities ? units : 0, regexesOnly ? units : 0,
                side.words().isEmpty() ? 0 : units, side.content().isEmpty() ? 0 : units,
                side.topics() == null ? 0 : units, (grounded.characters() + 999) / 1000);
        List<String> outputs = switch (verdict) {
            case BLOCKED -> List.of(source == Source.INPUT ? config.blockedInputMessaging()
                    : config.blockedOutputsMessaging());
            case ANONYMIZED -> masked != null ? masked : blocks.stream().map(TextBlock::text).toList();
            case NONE -> List.of();
        };
        return new Assessment(verdict, outputs, pii, regexes, words, undetected, content, topics, grounded.matches(),
                usage, guarded, total);
    }

    /** {@code list} if it is one to add to, else (the empty list of a check that found nothing yet) a new one. */
    private static <T> List<T> growing(List<T> list) {
        return list instanceof ArrayList<T> ? list : new ArrayList<>(4);
    }

    /** What the side's sensitive-information, word and content checks find in {@code text}: remembered or run now. */
    private BlockChecks checks(Source source, SideFilters side, String text) {
        boolean remembers = remembered != null && RememberedChecks.remembers(text.length());
        BlockChecks found = remembers ? (BlockChecks) remembered.get(this, source, text) : null;
        if (found != null) {
            return found;
        }
        WordCut cut = WordCut.of(text); // the word filters', PII cues' and PII context words' one cut of the text
        SensitiveInformationResult pii = side.pii() == null ? null : side.pii().check(cut);
        List<WordFilterResult> words = switch (side.words().size()) { // most sides have one word filter, or none
            case 0 -> List.of();
            case 1 -> List.of(side.words().get(0).check(cut));
            default -> side.words().stream().map(f -> f.check(cut)).toList();
        };
        Collection<ContentScore> content = side.content().isEmpty() ? List.of()
                : List.copyOf(contentClassifier.classify(text).values());
        found = new BlockChecks(pii, words, content);
        if (remembers) {
            remembered.put(this, source, text, found, found.chars(text));
        }
        return found;
    }

    /**
     * Whether {@code model} confirms what a classifier detected in {@code text} (the block with its PII masked: a judge
     * model, often another provider's, never reads what the policy anonymizes). Not asked when the text is blocked
     * already (the caller checks). Yes when there is no judge model, and when the judge could not answer (the local verdict stands: failing open would let denied content through
     * whenever the judge is down).
     */
    private boolean judged(String model, Question question, String text) {
        if (model == null || question == null || text == null) {
            return true;
        }
        return !Boolean.FALSE.equals(judge.confirms(model, question, text));
    }

    private static Question question(SideFilters side, String topic) {
        return side.topics().topics().stream().filter(t -> t.name().equals(topic)).findFirst().map(Question::of)
                .orElse(null);
    }
}
